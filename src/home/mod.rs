//! The public landing page and `/healthz`. The role homes belong to their contexts: orders
//! (clients, workers), reports (the managers' dashboard), hiring (candidates), admin.

pub mod handlers;
pub mod routes;
