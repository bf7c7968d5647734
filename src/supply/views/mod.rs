//! Supply's markup (maud, no SQL).

pub mod kit;
pub mod materials;
pub mod movements;
pub mod packs;
pub mod stock;
