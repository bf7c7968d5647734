//! The service catalogue: services with names in both languages, duration, base price,
//! priced options, required skill and checklist. Managers edit it; everyone browses it.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod store;
pub mod views;
