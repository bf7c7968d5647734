//! The public landing page, `/healthz`, and the client's and worker's home pages, composed
//! from orders and reports. The other role homes belong to their contexts: reports (the
//! managers' dashboard), hiring (candidates), admin.

pub mod handlers;
pub mod routes;
