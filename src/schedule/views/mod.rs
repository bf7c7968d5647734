//! The schedule's markup (maud, no SQL).

pub mod board;
pub mod reschedule;
pub mod series;
pub mod series_visits;
