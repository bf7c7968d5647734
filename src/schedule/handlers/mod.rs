//! The schedule's web layer.

pub mod board;
