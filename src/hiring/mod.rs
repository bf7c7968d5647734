//! Hiring: applications (`/apply`), the candidates' own page and the managers' list, and the
//! pure core of screening — grading every question kind and turning scores into decisions.
//! Tests, attempts and versioned policies build on these.

pub mod apply;
pub mod attempt_store;
pub mod attempts;
pub mod builder;
pub mod defaults;
pub mod grading;
pub mod handlers;
pub mod invariants;
pub mod model;
pub mod policy;
pub mod policy_store;
pub mod recert;
pub mod recert_store;
pub mod routes;
pub mod screening;
pub mod store;
pub mod tests_store;
pub mod views;
