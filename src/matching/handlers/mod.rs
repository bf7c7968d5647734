//! Matching's web layer: the worker's availability, the manager's re-run, the admin pages.

pub mod admin;
pub mod board;
pub mod manage;
pub mod replay;
pub mod worker;
