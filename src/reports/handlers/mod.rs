//! The reports' web handlers: the manager dashboard and the CSV downloads.

pub mod archives;
pub mod dashboard;
pub mod exports;
