//! Supply: consumables and their movement history, bills of materials, kit packing with a
//! fortune cookie from the outside bakery, the handover record and extra consumables.

pub mod bakery;
pub mod extras;
pub mod handlers;
pub mod invariants;
pub mod kit;
pub mod materials;
pub mod model;
pub mod notices;
pub mod pack_store;
pub mod packing;
pub mod routes;
pub mod stock;
pub mod store;
pub mod views;
