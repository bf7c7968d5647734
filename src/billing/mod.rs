//! Billing: the double-entry ledger every movement of money goes through, and the postings
//! the order lifecycle makes (completion splits the price, cancellation fees).

pub mod cards;
pub mod charging;
pub mod daily;
pub mod discounts;
pub mod dunning;
pub mod gateway;
pub mod invariants;
pub mod invoicing;
pub mod ledger;
pub mod ledger_reads;
pub mod manage_pages;
pub mod model;
pub mod pages;
pub mod payouts;
pub mod periods;
pub mod postings;
pub mod pricing;
pub mod refunds;
pub mod routes;
pub mod runs;
pub mod standing;
pub mod statements;
pub mod views;
