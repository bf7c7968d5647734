//! CSRF protection for every state-changing request: the token must come back either in the
//! `X-CSRF-Token` header (htmx, via `hx-headers`) or as the `csrf_token` form field (in a
//! multipart form, its first part, so the check reads a few bytes and streams the rest; the
//! token never rides in a URL, where logs would keep it). Logged-in users' tokens live in
//! their session row; visitors get a cookie-bound token.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web::BytesMut;
use actix_web::{HttpMessage, web};
use futures_util::StreamExt;

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
            req.extensions_mut()
                .insert(super::error_pages::PostedForm(body.clone()));
            req.set_payload(bytes_to_payload(body));
            token
        }
        None => match multipart_boundary(&req) {
            Some(boundary) => match peek_multipart_token(&mut req, &boundary).await {
                Ok(token) => token,
                Err(e) => return Ok(req.error_response(e).map_into_right_body()),
            },
            None => None,
        },
    };
    match given {
        Some(token) if !expected.is_empty() && constant_time_eq(&token, &expected) => {
            Ok(next.call(req).await?.map_into_left_body())
        }
        _ => {
            // The path may be a secret (a calendar feed's token): logged as the request span logs it.
            let path = crate::web::request_span::redact(req.path());
            tracing::warn!(%path, "CSRF token missing or wrong");
            Ok(req.error_response(AppError::Csrf).map_into_right_body())
        }
    }
}

/// Most bytes read from a multipart body looking for its first part, the token.
const MULTIPART_PEEK_LIMIT: usize = 8 * 1024;

/// The boundary of a `multipart/form-data` body, if that is what the request carries.
fn multipart_boundary(req: &ServiceRequest) -> Option<String> {
    let content_type = req.headers().get(header::CONTENT_TYPE)?.to_str().ok()?;
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|param| {
        let (name, value) = param.split_once('=')?;
        let value = value.trim().trim_matches('"');
        (name.trim().eq_ignore_ascii_case("boundary") && !value.is_empty())
            .then(|| value.to_string())
    })
}

/// What the start of a multipart body says about the token.
#[derive(Debug, PartialEq, Eq)]
enum Peek {
    NeedMore,
    Token(String),
    /// The first part is not the token (or the body is not multipart after all).
    Missing,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads the token from the first part of a multipart body: `--boundary`, headers naming the
/// field `csrf_token`, a blank line, the value, then the next `\r\n--boundary`.
fn multipart_token(buf: &[u8], boundary: &str) -> Peek {
    let opening = format!("--{boundary}\r\n");
    let rest = buf.strip_prefix(b"\r\n").unwrap_or(buf);
    if rest.len() < opening.len() {
        return if opening.as_bytes().starts_with(rest) {
            Peek::NeedMore
        } else {
            Peek::Missing
        };
    }
    let Some(rest) = rest.strip_prefix(opening.as_bytes()) else {
        return Peek::Missing;
    };
    let Some(head_end) = find(rest, b"\r\n\r\n") else {
        return Peek::NeedMore;
    };
    let headers = String::from_utf8_lossy(&rest[..head_end]).to_ascii_lowercase();
    if !headers.contains(&format!("; name=\"{FIELD}\"")) {
        return Peek::Missing;
    }
    let value = &rest[head_end + 4..];
    match find(value, format!("\r\n--{boundary}").as_bytes()) {
        Some(end) => Peek::Token(String::from_utf8_lossy(&value[..end]).into_owned()),
        None => Peek::NeedMore,
    }
}

/// Reads just enough of a multipart body to find its token, then puts those bytes back in
/// front of the rest of the stream for the handler, which still reads it part by part.
async fn peek_multipart_token(
    req: &mut ServiceRequest,
    boundary: &str,
) -> Result<Option<String>, AppError> {
    let mut payload = req.take_payload();
    let mut buf = BytesMut::new();
    let token = loop {
        match multipart_token(&buf, boundary) {
            Peek::Token(token) => break Some(token),
            Peek::Missing => break None,
            Peek::NeedMore if buf.len() > MULTIPART_PEEK_LIMIT => break None,
            Peek::NeedMore => match payload.next().await {
                Some(Ok(chunk)) => buf.extend_from_slice(&chunk),
                Some(Err(_)) => return Err(AppError::BadRequest),
                None => break None,
            },
        }
    };
    let head = futures_util::stream::once(async move { Ok(buf.freeze()) });
    let stream: actix_http::BoxedPayloadStream = Box::pin(head.chain(payload));
    req.set_payload(Payload::from(stream));
    Ok(token)
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
    fn a_multipart_token_is_read_from_the_first_part_only() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n--XyZ\r\nrest";
        assert_eq!(multipart_token(body, "XyZ"), Peek::Token("abc".into()));
        for cut in [0, 3, 20, 60] {
            assert_eq!(
                multipart_token(&body[..cut], "XyZ"),
                Peek::NeedMore,
                "{cut}"
            );
        }
        let other_first =
            b"--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XyZ";
        assert_eq!(multipart_token(other_first, "XyZ"), Peek::Missing);
        let file_named_like_it = b"--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"csrf_token\"\r\n\r\nx\r\n--XyZ";
        assert_eq!(multipart_token(file_named_like_it, "XyZ"), Peek::Missing);
        assert_eq!(multipart_token(b"garbage here", "XyZ"), Peek::Missing);
    }

    #[test]
    fn comparison_needs_equal_strings() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
