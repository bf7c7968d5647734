//! The schedule's web layer.

pub mod series;
