//! The client's profile: addresses with a default, notes for workers, and favourite or
//! blocked workers (matching reads them).

pub mod handlers;
pub mod model;
pub mod routes;
pub mod store;
pub mod views;
