//! The one application error type. Handlers return `AppError`; it becomes a bare status
//! here and `web::error_pages` renders the page (or htmx toast) in the user's language.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("bad request")]
    BadRequest,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("too many attempts")]
    TooManyRequests,
    /// Over a request budget: the client may try again after this many seconds (sent as
    /// `Retry-After`).
    #[error("over the request budget; retry after {0} s")]
    Throttled(u64),
    #[error("request body too large")]
    PayloadTooLarge,
    /// A rule said no (a step not allowed now, a promo code used up): the Fluent id tells the
    /// user why. Handlers usually turn it into a flash on the page they came from; one that
    /// reaches the top is shown as a 409 page with that message.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The database could not take the write in time (its write queue is full, or its lock
    /// stayed held for the whole wait): answered 503 with `Retry-After`; nothing was saved.
    #[error("the database is busy")]
    Busy,
    /// The database could not store the write (a full disk, an I/O error): answered 503 with
    /// `Retry-After`; nothing was saved.
    #[error("the database cannot store writes now")]
    StorageFull,
    #[error(transparent)]
    Internal(anyhow::Error),
}

/// Seconds a client is asked to wait when the database was busy.
pub const BUSY_RETRY_AFTER: u64 = 1;

/// Seconds a client is asked to wait when the storage refused a write: freeing a disk takes
/// an operator a while.
pub const STORAGE_RETRY_AFTER: u64 = 30;

/// The message of the database writer's answer to a write when its queue is full.
const WRITE_QUEUE_FULL: &str = "the write queue is full";

/// The error the database writer answers a write with, at once, when its queue is full
/// (SQLite's "busy", with a message of its own so it is told apart from the real one).
pub fn write_queue_full() -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some(WRITE_QUEUE_FULL.to_string()),
    )
}

/// The error the database writer answers a write with when its wait ran out (see
/// `db::writer`): SQLite's "busy".
pub fn write_busy() -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database is busy: the write waited too long".to_string()),
    )
}

/// Whether `e` is the writer's answer to a full queue (and not any other error).
pub fn is_write_queue_full(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(code, Some(message))
        if code.code == rusqlite::ErrorCode::DatabaseBusy && message == WRITE_QUEUE_FULL)
}

/// The 503 a database error calls for, if any: busy (the queue full, the lock held too long)
/// or storage (a full disk, an I/O error). Both mean nothing was saved and a retry may work.
fn unavailable(e: &rusqlite::Error) -> Option<AppError> {
    match e.sqlite_error_code()? {
        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
            Some(AppError::Busy)
        }
        rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure => {
            Some(AppError::StorageFull)
        }
        _ => None,
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        if let Some(answer) = unavailable(&e) {
            tracing::warn!(error = %e, "a write was refused");
            return answer;
        }
        AppError::Internal(e.into())
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        let sqlite = e.chain().find_map(|c| c.downcast_ref::<rusqlite::Error>());
        match sqlite.and_then(unavailable) {
            Some(answer) => {
                tracing::warn!(error = %e, "a write was refused");
                answer
            }
            None => AppError::Internal(e),
        }
    }
}

impl From<actix_web::error::HttpError> for AppError {
    fn from(e: actix_web::error::HttpError) -> Self {
        AppError::Internal(anyhow::anyhow!("http: {e}"))
    }
}

impl From<r2d2::Error> for AppError {
    fn from(e: r2d2::Error) -> Self {
        AppError::Internal(e.into())
    }
}

/// Why a use case said no; the key is a Fluent message id shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal(pub &'static str);

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Refused(r.0)
    }
}

impl AppError {
    /// The refusal's message id, if this is a refusal (handlers flash it and go back).
    pub fn refusal(&self) -> Option<&'static str> {
        match self {
            AppError::Refused(key) => Some(key),
            _ => None,
        }
    }
}

/// Marker put on error responses so the error-page middleware knows which message to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    BadRequest,
    Forbidden,
    NotFound,
    Csrf,
    TooManyRequests,
    Throttled(u64),
    PayloadTooLarge,
    Refused(&'static str),
    Busy,
    StorageFull,
    Internal,
}

impl AppError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::BadRequest => ErrorKind::BadRequest,
            AppError::Forbidden => ErrorKind::Forbidden,
            AppError::NotFound => ErrorKind::NotFound,
            AppError::Csrf => ErrorKind::Csrf,
            AppError::TooManyRequests => ErrorKind::TooManyRequests,
            AppError::Throttled(seconds) => ErrorKind::Throttled(*seconds),
            AppError::PayloadTooLarge => ErrorKind::PayloadTooLarge,
            AppError::Refused(key) => ErrorKind::Refused(key),
            AppError::Busy => ErrorKind::Busy,
            AppError::StorageFull => ErrorKind::StorageFull,
            AppError::Internal(_) => ErrorKind::Internal,
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::TooManyRequests | AppError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Refused(_) => StatusCode::CONFLICT,
            AppError::Busy | AppError::StorageFull => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(e) = self {
            // The details go to the log only; the user sees a friendly page.
            tracing::error!(error = ?e, "internal error");
        }
        // A plain bilingual fallback; the error-page middleware replaces it with the full
        // page in the user's language whenever the request is still at hand.
        let status = self.status_code();
        let reason = status.canonical_reason().unwrap_or("Error");
        let mut res = HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(format!(
                "<!doctype html><meta charset=utf-8><title>{reason}</title>\
                 <h1>{} {reason}</h1><p>Please go back and try again. / Вернитесь назад и попробуйте ещё раз.</p>\
                 <p><a href=\"/\">Whiskerworks</a></p>",
                status.as_u16()
            ));
        let retry_after = match self {
            AppError::Throttled(seconds) => Some(*seconds),
            AppError::Busy => Some(BUSY_RETRY_AFTER),
            AppError::StorageFull => Some(STORAGE_RETRY_AFTER),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            res.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from(seconds),
            );
        }
        res.extensions_mut().insert(self.kind());
        res
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_write_queue_is_answered_503_with_retry_after_however_it_travelled() {
        let direct = AppError::from(write_queue_full());
        let through_anyhow = AppError::from(anyhow::Error::from(write_queue_full()));
        for busy in [direct, through_anyhow] {
            assert_eq!(busy.kind(), ErrorKind::Busy);
            let res = busy.error_response();
            assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
            let retry = res.headers().get(actix_web::http::header::RETRY_AFTER);
            assert_eq!(retry.and_then(|v| v.to_str().ok()), Some("1"));
        }
        let waited = AppError::from(anyhow::Error::from(write_busy()).context("placing an order"));
        assert_eq!(waited.kind(), ErrorKind::Busy);
        let full = AppError::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        ));
        assert_eq!(full.kind(), ErrorKind::StorageFull);
        let res = full.error_response();
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        let retry = res.headers().get(actix_web::http::header::RETRY_AFTER);
        assert_eq!(retry.and_then(|v| v.to_str().ok()), Some("30"));
        let other = AppError::from(rusqlite::Error::InvalidQuery);
        assert_eq!(other.kind(), ErrorKind::Internal);
        assert!(!is_write_queue_full(&rusqlite::Error::InvalidQuery));
    }
}
