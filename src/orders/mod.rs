//! Orders: the full lifecycle from a client's request through offer, assignment, kit, work,
//! report and signed completion. `model` is the state machine; `service` applies it.

pub mod create;
pub mod drafts;
mod effects;
pub mod exif;
pub mod feeds;
pub mod files;
pub mod handlers;
pub mod history;
pub mod invariants;
pub mod janitor;
pub mod model;
pub mod new_order;
pub mod notices;
pub mod offers;
pub mod pricing;
pub mod queries;
pub mod records;
pub mod routes;
pub mod service;
pub mod slot;
pub mod store;
pub mod tabs;
pub mod views;
