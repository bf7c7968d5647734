//! Experiments: managers compare arms of one decision (matching strategies with their settings
//! versions, or screening policy versions) on the units assigned to them, with statistics that
//! stay valid when looked at every day, and adopt the arm that wins.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
