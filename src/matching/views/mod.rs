//! Matching's markup (maud, no SQL).

pub mod admin;
pub mod board;
pub mod readiness;
pub mod replay;
pub mod worker;
