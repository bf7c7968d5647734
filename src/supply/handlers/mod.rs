//! Supply's web layer: the managers' stock, movements, kits and extra requests, the bill of
//! materials on the service page, and the worker asking for extras.

pub mod kit;
pub mod materials;
pub mod movements;
pub mod packs;
pub mod stock;

use actix_web::HttpResponse;

use crate::error::AppError;
use crate::web::ctx::{FlashLevel, redirect_flash};

/// Back to `to`: the success flash when the use case went through, else its refusal; any
/// other error stays an error.
fn done(
    to: &str,
    result: Result<(), AppError>,
    success: &'static str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(redirect_flash(to, FlashLevel::Success, success)),
        Err(AppError::Refused(key)) => Ok(redirect_flash(to, FlashLevel::Error, key)),
        Err(e) => Err(e),
    }
}

/// Back to `to` with the refusal `key` (a form value the use case never saw).
fn refused(to: &str, key: &'static str) -> Result<HttpResponse, AppError> {
    done(to, Err(AppError::Refused(key)), "")
}
