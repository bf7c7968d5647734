//! Supply's use cases: stock changes, bills of materials, kit packing with the bakery's
//! cookie, extra consumables, where each kit is collected, and an order's kit as its pages
//! show it.

pub mod bakery;
pub mod extras;
pub mod kit;
pub mod materials;
pub mod notices;
pub mod packing;
pub mod points;
pub mod stock;
