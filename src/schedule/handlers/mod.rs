//! The schedule's web layer.

pub mod board;
pub mod reschedule;
pub mod series;
