//! Billing's web handlers: thin — parse, call the service or store, render a view.

pub mod accounts;
pub mod controls;
pub mod invoices;
pub mod manage;
pub mod refunds;

pub use accounts::save_card;
