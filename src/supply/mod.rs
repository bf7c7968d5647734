//! Supply: consumables and their movement history, bills of materials, kit packing with a
//! fortune cookie from the outside bakery, the handover record and extra consumables.

pub mod bakery;
pub mod extras;
pub mod invariants;
pub mod model;
pub mod pack_store;
pub mod packing;
pub mod pages;
pub mod routes;
pub mod stock;
pub mod store;
