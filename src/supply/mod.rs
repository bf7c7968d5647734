//! Supply: consumables and their movement history, bills of materials, kit packing with a
//! fortune cookie from the outside bakery, the handover record and extra consumables.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
