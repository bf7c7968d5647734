//! Orders: the full lifecycle from a client's request through offer, assignment, kit, work,
//! report and signed completion. `model` is the state machine; `service` applies it.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
