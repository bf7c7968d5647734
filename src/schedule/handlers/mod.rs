//! The schedule's web layer.
