//! Bets: managers holding the `bets` permission bet among themselves on order outcomes.
//! Isolated on purpose: own `bets_` tables without foreign keys, no ledger postings, no
//! other module reads them, everyone else gets 404, and every access is logged.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
