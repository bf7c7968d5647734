//! Billing: the double-entry ledger every movement of money goes through, and the postings
//! the order lifecycle makes (completion splits the price, cancellation fees); invoices,
//! charges, payouts and the runs that make them.
//!
//! Layout: pure rules in `model/` (with discounts, periods and dunning); SQL in `store/`; use
//! cases in `service/`, with the Golden Hat port and its adapters in `service/gateway/`; web
//! in `handlers/` and `views/`.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;

// What other contexts, the jobs and the tests call, at the paths they have always used.
pub use service::{Deps, cards, charging, invoicing, payouts, postings, pricing, runs, standing};
pub use store::{invariants, ledger};
