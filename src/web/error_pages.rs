//! Turns bare error responses (from `AppError`, unknown routes, wrong methods, unreadable or
//! oversize bodies) into a page in the user's language, or a toast for htmx requests.

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::{HttpMessage, HttpResponse, ResponseError, Result};
use maud::html;

use super::ctx::Ctx;
use super::layout;
use crate::error::{AppError, ErrorKind};

/// An urlencoded form as it was posted (kept by the CSRF check, which reads it anyway), so a
/// page refusing the write for a while can offer to send the same fields again.
#[derive(Debug, Clone)]
pub struct PostedForm(pub actix_web::web::Bytes);

/// Fields never echoed back into a page: what the user would rather type again.
fn secret(field: &str) -> bool {
    ["password", "card_number", "cvc"]
        .iter()
        .any(|s| field.contains(s))
}

/// For a write refused for a while (busy, storage full): a button that posts the same
/// fields to the same address again, so nothing typed is lost.
fn resend_form(ctx: &Ctx, req: &actix_web::HttpRequest) -> Option<maud::Markup> {
    let posted = req.extensions().get::<PostedForm>()?.0.clone();
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&posted).ok()?;
    let action = req.uri().path_and_query()?.as_str().to_string();
    Some(html! {
        p { (ctx.t("err-resend-text")) }
        form.resend method="post" action=(action) {
            @for (name, value) in fields.iter().filter(|(name, _)| !secret(name)) {
                input type="hidden" name=(name) value=(value);
            }
            button type="submit" { (ctx.t("err-try-again")) }
        }
    })
}

/// Marks an error response whose handler rendered its own page (a form shown again with
/// what was typed), which this middleware leaves as it is.
#[derive(Debug, Clone, Copy)]
struct OwnPage;

/// `error`'s answer (status, `Retry-After`) with `page` as its body: for a write refused for
/// a while (busy, storage full), the form again with what the user typed and why it was not
/// saved, so one press retries it.
pub fn with_page(error: &AppError, page: maud::Markup) -> HttpResponse {
    let res = error.error_response();
    let mut res = res.set_body(BoxBody::new(page.into_string()));
    res.extensions_mut().insert(OwnPage);
    res
}

pub fn middleware<B: 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(render::<B>)
}

fn kind_for(status: StatusCode) -> Option<ErrorKind> {
    Some(match status.as_u16() {
        400 | 405 | 411 => ErrorKind::BadRequest,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        413 => ErrorKind::PayloadTooLarge,
        429 => ErrorKind::TooManyRequests,
        500..=599 => ErrorKind::Internal,
        _ => return None,
    })
}

/// (title id, explanation id) for each kind.
fn texts(kind: ErrorKind, status: StatusCode) -> (&'static str, &'static str) {
    match kind {
        ErrorKind::BadRequest if status == StatusCode::METHOD_NOT_ALLOWED => {
            ("err-405-title", "err-405-text")
        }
        ErrorKind::BadRequest => ("err-400-title", "err-400-text"),
        ErrorKind::Forbidden => ("err-403-title", "err-403-text"),
        ErrorKind::Csrf => ("err-csrf-title", "err-csrf-text"),
        ErrorKind::NotFound => ("err-404-title", "err-404-text"),
        ErrorKind::PayloadTooLarge => ("err-413-title", "err-413-text"),
        ErrorKind::TooManyRequests => ("err-429-title", "err-429-text"),
        ErrorKind::Throttled(_) => ("err-busy-title", "err-busy-text"),
        ErrorKind::Busy => ("err-503-title", "err-503-text"),
        ErrorKind::StorageFull => ("err-storage-title", "err-storage-text"),
        ErrorKind::Refused(key) => ("err-refused-title", key),
        ErrorKind::Internal => ("err-500-title", "err-500-text"),
    }
}

fn render<B: 'static>(res: ServiceResponse<B>) -> Result<ErrorHandlerResponse<B>> {
    let status = res.status();
    if res.response().extensions().get::<OwnPage>().is_some() {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let marked = res.response().extensions().get::<ErrorKind>().copied();
    // The health and readiness checks answer machines, in JSON, whatever their status.
    let is_json = matches!(res.request().path(), "/healthz" | "/readyz");
    let kind = match marked.or_else(|| kind_for(status)) {
        Some(kind) if !is_json => kind,
        _ => return Ok(ErrorHandlerResponse::Response(res.map_into_left_body())),
    };
    let (req, old) = res.into_parts();
    let ctx = Ctx::from_request(&req);
    let (title_key, text_key) = texts(kind, status);
    let title = ctx.t(title_key);
    let text = match kind {
        ErrorKind::Throttled(seconds) => ctx.tr.t_args(
            text_key,
            &[("seconds", i64::try_from(seconds).unwrap_or(i64::MAX).into())],
        ),
        _ => ctx.t(text_key),
    };
    let mut builder = HttpResponse::build(status);
    builder.content_type("text/html; charset=utf-8");
    // Keep cookies the handler set (e.g. a refreshed CSRF cookie), Allow for 405 and
    // Retry-After for 429 and 503.
    for (name, value) in old.headers() {
        if [header::SET_COOKIE, header::ALLOW, header::RETRY_AFTER].contains(name) {
            builder.append_header((name.clone(), value.clone()));
        }
    }
    let body = if ctx.htmx {
        builder
            .insert_header(("HX-Retarget", "#toasts"))
            .insert_header(("HX-Reswap", "beforeend"));
        html! { div.toast.error role="alert" { strong { (title) } " " (text) } }
    } else {
        let home = ctx.user.as_ref().map(|u| u.role.home()).unwrap_or("/");
        let resend = match kind {
            ErrorKind::Busy | ErrorKind::StorageFull => resend_form(&ctx, &req),
            _ => None,
        };
        layout::page(
            &ctx,
            &title,
            html! {
                article.error-page {
                    p.error-code { (status.as_u16()) }
                    h1 { (title) }
                    p { (text) }
                    @if let Some(resend) = resend { (resend) }
                    a role="button" href=(home) { (ctx.t("err-go-home")) }
                }
            },
        )
    };
    let res: HttpResponse<BoxBody> = builder.body(body.into_string());
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, res).map_body(|_, b| EitherBody::right(b)),
    ))
}
