//! Billing: the double-entry ledger every movement of money goes through, and the postings
//! the order lifecycle makes (completion splits the price, cancellation fees); invoices,
//! charges, payouts and the runs that make them.
//!
//! Layout: pure rules in `model`, `discounts`, `periods`, `dunning`; SQL in `store/`; use
//! cases in `service/`; web in `handlers/` and `views/`; Golden Hat in `gateway/`.

pub mod discounts;
pub mod dunning;
pub mod gateway;
pub mod handlers;
pub mod model;
pub mod periods;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;

// What other contexts, the jobs and the tests call, at the paths they have always used.
pub use service::{Deps, cards, charging, invoicing, payouts, postings, pricing, runs, standing};
pub use store::{invariants, ledger};
