//! Hiring: applications (`/apply`), the candidates' own page and the managers' list, and the
//! pure core of screening — grading every question kind and turning scores into decisions.
//! Tests, attempts and versioned policies build on these.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
