//! The schedule's tables: `order_series`, `order_series_changes`, `order_reminders`.

pub mod reminders;
pub mod series;
