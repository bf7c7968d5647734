//! The one integration test binary: the real app over real HTTP on a fresh database.

mod helpers;
mod order_helpers;

mod accounts;
mod admin;
mod bad_input;
mod bets;
mod billing;
mod billing_controls;
mod billing_crash;
mod billing_helpers;
mod browser;
mod browser_bets;
mod browser_billing;
mod browser_hiring;
mod browser_orders;
mod browser_quality;
mod browser_supply;
mod catalogue;
mod cli;
mod csrf;
mod guards;
mod hiring;
mod hiring_attempts;
mod hiring_policies;
mod matching;
mod matching_controls;
mod notifications;
mod orders_access;
mod orders_bad_input;
mod orders_flow;
mod quality;
mod reports;
mod supply;
mod supply_bad_input;
mod supply_helpers;
