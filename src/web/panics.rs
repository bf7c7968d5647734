//! Catches a panic anywhere below and answers 500 instead of dropping the connection; the
//! panic itself is logged by the panic hook. The response carries `AppError`'s fallback
//! page, because the request (needed for the full page) is gone by then.

use std::panic::AssertUnwindSafe;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use futures_util::FutureExt;

use crate::error::AppError;

pub async fn catch_panic(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(res) => res,
        Err(_) => Err(AppError::Internal(anyhow::anyhow!("a request handler panicked")).into()),
    }
}
