//! The public landing page, `/healthz`, and each role's home page. Later contexts fill the
//! homes (orders for clients and workers, the dashboard for managers, hiring for candidates);
//! until then each shows a helpful empty state.

pub mod handlers;
pub mod routes;
