//! The service catalogue: services with names in both languages, duration, base price,
//! priced options, required skill and checklist, and the skills list services and workers
//! choose from. Managers edit services, admins keep the skills; everyone browses services.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
