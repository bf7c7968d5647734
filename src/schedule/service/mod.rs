//! The schedule's use cases, each in one transaction.

pub mod board;
pub mod reminders;
pub mod reschedule;
pub mod series;
pub mod series_changes;
