//! The admin area: users and roles, invitations, the mail queue with dead letters, the audit
//! log, the company's logo and an overview of the installation's health.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
