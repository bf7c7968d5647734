//! CSRF protection for every state-changing request: the token must come back either in the
//! `X-CSRF-Token` header (htmx, via `hx-headers`) or as the `csrf_token` form field. Logged-in
//! users' tokens live in their session row; visitors get a cookie-bound token.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use crate::error::AppError;
use crate::identity::RequestCtx;

pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "X-CSRF-Token";

/// Largest urlencoded form body accepted anywhere (bigger uploads use multipart).
pub const FORM_LIMIT: usize = 64 * 1024;

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn form_token(body: &[u8]) -> Option<String> {
    form_urlencoded_pairs(body)
        .into_iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

fn form_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// Puts bytes already read back as the request's payload for the handler's extractor.
fn bytes_to_payload(buf: web::Bytes) -> Payload {
    let (_, mut h1_payload) = actix_http::h1::Payload::create(true);
    h1_payload.unread_data(buf);
    Payload::from(h1_payload)
}

pub async fn csrf_middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let expected = req
        .extensions()
        .get::<RequestCtx>()
        .map(|c| c.csrf_token.clone())
        .unwrap_or_default();
    let header_token = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let given = match header_token {
        Some(token) => Some(token),
        None if is_urlencoded(&req) => {
            let length = req
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok());
            if length.is_some_and(|n| n > FORM_LIMIT) {
                return Ok(req
                    .error_response(AppError::PayloadTooLarge)
                    .map_into_right_body());
            }
            let body = match req.extract::<web::Bytes>().await {
                Ok(body) if body.len() <= FORM_LIMIT => body,
                Ok(_) => {
                    return Ok(req
                        .error_response(AppError::PayloadTooLarge)
                        .map_into_right_body());
                }
                Err(_) => {
                    return Ok(req
                        .error_response(AppError::BadRequest)
                        .map_into_right_body());
                }
            };
            let token = form_token(&body);
            req.set_payload(bytes_to_payload(body));
            token
        }
        // Multipart uploads carry the token in the query string (see `views` of uploads).
        None => {
            web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
                .ok()
                .and_then(|q| q.get(FIELD).cloned())
        }
    };
    match given {
        Some(token) if !expected.is_empty() && constant_time_eq(&token, &expected) => {
            Ok(next.call(req).await?.map_into_left_body())
        }
        _ => {
            tracing::warn!(path = %req.path(), "CSRF token missing or wrong");
            Ok(req.error_response(AppError::Csrf).map_into_right_body())
        }
    }
}

fn is_urlencoded(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_found_among_form_fields() {
        assert_eq!(
            form_token(b"a=1&csrf_token=abc&b=2").as_deref(),
            Some("abc")
        );
        assert_eq!(form_token(b"a=1"), None);
        assert_eq!(form_token(b"%%%garbage"), None);
    }

    #[test]
    fn comparison_needs_equal_strings() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
