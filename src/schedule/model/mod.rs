//! The schedule's rules, pure: which dates a series visits, when a move is late, when a
//! reminder is due.

pub mod board;
pub mod reminders;
pub mod series;
