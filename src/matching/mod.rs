//! Matching: which screened worker gets each order. Eligibility rules and two strategies
//! (`model`), candidate facts, decision records and workers' availability (`store`), offers,
//! expiry, cascade and the open job board (`service`), and the admin-only settings and
//! decision pages (`handlers`, `views`).

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
