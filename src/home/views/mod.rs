//! The pages and panels home draws itself; the rest of each home is the contexts' own views.

pub mod landing;
pub mod role_homes;
