//! Supply's pages: the managers' stock, movements, kits and extra requests, the bill of
//! materials on the service page, and the kit section of the worker's job page.

pub mod kit;
pub mod materials;
pub mod movements;
pub mod packs;
pub mod stock;

use actix_web::HttpResponse;

use crate::web::ctx::{FlashLevel, redirect_flash};

/// Back to `to`: the success flash when the use case went through, else its refusal.
fn done(to: &str, result: Result<(), &'static str>, success: &'static str) -> HttpResponse {
    match result {
        Ok(()) => redirect_flash(to, FlashLevel::Success, success),
        Err(key) => redirect_flash(to, FlashLevel::Error, key),
    }
}
