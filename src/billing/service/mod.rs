//! Billing's use cases: postings the order lifecycle makes, the weekly, monthly and daily
//! runs, collecting invoices and paying workers through the gateway, cards, pricing, refunds
//! and the managers' controls. Each takes a connection or transaction (and the settings,
//! gateway and `now` it needs); the batch runs take the state for its pool and clock.

pub mod cards;
pub mod charging;
pub mod controls;
pub mod daily;
pub mod held;
pub mod invoicing;
pub mod outbound;
pub mod payouts;
pub mod postings;
pub mod pricing;
pub mod refunds;
pub mod runs;
pub mod standing;
