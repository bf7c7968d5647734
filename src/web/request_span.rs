//! The request log's span, as tracing-actix-web makes it, but with the secrets some URLs
//! carry taken out of `http.target`: a calendar feed's token is its path, and password
//! reset and invitation links carry `token=` in the query. Every line logged while a request
//! is served repeats its span, so the URL must be clean before the span is made.

use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

pub struct RedactingRootSpan;

impl RootSpanBuilder for RedactingRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let target = request.uri().path_and_query().map_or("", |p| p.as_str());
        let clean = redact(target);
        if clean == target {
            return DefaultRootSpanBuilder::on_request_start(request);
        }
        let method = request.method().as_str().to_string();
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        let user_agent = request
            .headers()
            .get("User-Agent")
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let request_id = request.extensions().get::<RequestId>().copied();
        let client_ip = request
            .connection_info()
            .realip_remote_addr()
            .unwrap_or("")
            .to_string();
        tracing::info_span!(
            "HTTP request",
            http.method = %method,
            http.route = %route,
            http.client_ip = %client_ip,
            http.user_agent = %user_agent,
            http.target = %clean,
            http.status_code = tracing::field::Empty,
            otel.name = %format!("{method} {route}"),
            otel.kind = "server",
            otel.status_code = tracing::field::Empty,
            request_id = ?request_id,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(
        span: Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// A request target without its secrets: `/calendar/<token>.ics` keeps only its shape, and
/// a `token` query parameter loses its value.
pub fn redact(target: &str) -> std::borrow::Cow<'_, str> {
    let (path, query) = target
        .split_once('?')
        .map_or((target, None), |(p, q)| (p, Some(q)));
    let feed = path.starts_with("/calendar/");
    let secret_query = query.is_some_and(|q| q.split('&').any(|kv| kv.starts_with("token=")));
    if !feed && !secret_query {
        return target.into();
    }
    let mut clean = if feed {
        "/calendar/[redacted].ics".to_string()
    } else {
        path.to_string()
    };
    if let Some(query) = query {
        let parts: Vec<&str> = query
            .split('&')
            .map(|kv| {
                if kv.starts_with("token=") {
                    "token=[redacted]"
                } else {
                    kv
                }
            })
            .collect();
        clean.push('?');
        clean.push_str(&parts.join("&"));
    }
    clean.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_tokens_leave_the_logged_target() {
        assert_eq!(redact("/calendar/ab12cd.ics"), "/calendar/[redacted].ics");
        assert_eq!(
            redact("/reset-password?token=s3cret&x=1"),
            "/reset-password?token=[redacted]&x=1"
        );
        assert_eq!(redact("/worker/jobs/4?tab=x"), "/worker/jobs/4?tab=x");
    }
}
