//! The schedule's web layer.

pub mod reschedule;
pub mod series;
