//! The schedule's use cases, each in one transaction.

pub mod board;
pub mod reschedule;
