//! Matching's markup (maud, no SQL).

pub mod admin;
pub mod worker;
