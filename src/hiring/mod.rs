//! Hiring: applications, screening tests and versioned screening policies. So far the pure
//! core — grading every question kind and turning scores into decisions — is in place.

pub mod grading;
pub mod policy;
