//! Hiring's markup (maud, no SQL).

pub mod apply;
pub mod attempts;
pub mod candidates;
pub mod followup;
pub mod grading;
pub mod policies;
pub mod recert;
pub mod screening_tests;
