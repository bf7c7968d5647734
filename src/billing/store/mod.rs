//! Billing's SQL: plain functions over `&Connection` (a transaction derefs to one), one
//! file per table group. Names and order facts come from the published views.

pub mod cards;
pub mod charges;
pub mod invariants;
pub mod invoices;
pub mod ledger;
pub mod ledger_reads;
pub mod notices;
pub mod outbound;
pub mod payouts;
pub mod people;
pub mod pricing;
pub mod runs;
pub mod snapshots;
pub mod statements;
