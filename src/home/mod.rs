//! The public landing page, `/healthz`, `/metrics`, and the pages composed from several
//! contexts, kept here above them so no context imports another to draw one: the client's
//! and worker's homes (orders and reports) and the manager's order page (orders, matching,
//! billing, quality). The other role homes belong to their contexts: reports (the managers'
//! dashboard), hiring (candidates), admin.

pub mod handlers;
pub mod routes;
pub mod store;
pub mod views;
