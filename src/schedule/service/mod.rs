//! The schedule's use cases, each in one transaction.

pub mod reminders;
pub mod reschedule;
