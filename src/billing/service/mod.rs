//! Billing's use cases: postings the order lifecycle makes, the weekly, monthly and daily
//! runs, collecting invoices and paying workers through the gateway, cards, pricing, refunds
//! and the managers' controls. Each takes a connection or transaction (and the settings,
//! gateway and `now` it needs); the batch runs and card saving take `Deps`, what billing is
//! given to work with, never the application's whole state.

pub mod cards;
pub mod charging;
pub mod controls;
pub mod daily;
mod deps;
pub mod gateway;
pub mod held;
pub mod invoicing;
pub mod outbound;
pub mod payouts;
pub mod postings;
pub mod pricing;
pub mod refunds;
pub mod runs;
pub mod standing;

pub use deps::Deps;
