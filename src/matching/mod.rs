//! Matching: which screened worker gets each order. Eligibility rules and two strategies
//! (`model`), candidate facts and decision records (`store`), offers, expiry and cascade
//! (`service`), the open job board (`board`), workers' availability, and the admin-only settings and decision pages
//! (`handlers`, `views`).

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
