//! Client pages: the order page, cancelling, signing or refusing the completion (ordering
//! is in `ordering.rs`, the order list on the client's home in `home`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use maud::Markup;
use serde::Deserialize;

use super::{ReasonForm, ReasonStep, actor_for, after, load_details, reason_step, run, store_file};
use crate::auth::handlers::session::{client_ip, user_agent};
use crate::error::AppError;
use crate::orders::model::tabs::ClientTab;
use crate::orders::model::{Action, cancellation_fee, decide};
use crate::orders::service::Command;
use crate::orders::service::Hooks;
use crate::orders::store::records::{self, Signature};
use crate::orders::{service::files, views};
use crate::state::AppState;
use crate::validate::text;
use crate::web::components::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect, redirect_flash};
use crate::web::html;

/// `GET /client/orders`: where a refused order form stands (it is the form's address), so a
/// reload or a bookmark of it lands on the client's order list rather than on a 405 page.
pub async fn list() -> HttpResponse {
    redirect(&ClientTab::Active.href())
}

pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let details = load_details(&state, actor_for(ctx.user()?)?, id.into_inner()).await?;
    Ok(views::client::order_page(&ctx, &details))
}

pub async fn cancel_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let actor = actor_for(ctx.user()?)?;
    let details = load_details(&state, actor, id.into_inner()).await?;
    let fee = cancellation_fee(
        details.order.status,
        actor,
        details.order.total_minor,
        details.fee_percent,
    );
    Ok(views::client::cancel_page(&ctx, &details, fee))
}

pub async fn cancel(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/client/orders/{id}");
    let step = ReasonStep {
        max_chars: 500,
        required: false,
        on_problem: &back,
        problem: "flash-reason-invalid",
        back: &back,
        success: "flash-order-cancelled",
    };
    reason_step(
        &state,
        &hooks,
        ctx.user.as_ref(),
        id,
        &form.reason,
        step,
        |reason| Command::Cancel { reason },
    )
    .await
}

pub async fn sign_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let details = load_details(&state, actor_for(ctx.user()?)?, id.into_inner()).await?;
    Ok(views::client::sign_page(
        &ctx,
        &details,
        &FormErrors::default(),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignForm {
    full_name: String,
    signature: String,
    rating: String,
    comment: String,
}

/// A drawn signature arrives as a PNG data URL from the signature pad.
fn decode_signature(data_url: &str) -> Option<Vec<u8>> {
    let b64 = data_url.strip_prefix("data:image/png;base64,")?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    let ok =
        bytes.len() <= 512 * 1024 && files::sniff(&bytes).is_some_and(|(t, _)| t == "image/png");
    ok.then_some(bytes)
}

/// The sign form, checked: who signed, the drawn signature, the rating and a comment.
struct Signed {
    name: String,
    image: Vec<u8>,
    rating: i64,
    comment: String,
}

impl TryFrom<&SignForm> for Signed {
    type Error = FormErrors;

    fn try_from(form: &SignForm) -> Result<Self, FormErrors> {
        let mut errors = FormErrors::default();
        let name = text(&form.full_name, 100, true).filter(|n| n.chars().count() >= 3);
        if name.is_none() {
            errors.add("full_name", "err-full-name");
        }
        let image = decode_signature(&form.signature);
        if image.is_none() {
            errors.add("signature", "err-signature");
        }
        let rating = form
            .rating
            .parse::<i64>()
            .ok()
            .filter(|r| (1..=5).contains(r));
        if rating.is_none() {
            errors.add("rating", "err-rating");
        }
        let comment = text(&form.comment, 1000, false);
        if comment.is_none() {
            errors.add("comment", "err-text-1000");
        }
        match (name, image, rating, comment) {
            (Some(name), Some(image), Some(rating), Some(comment)) => Ok(Signed {
                name,
                image,
                rating,
                comment,
            }),
            _ => Err(errors),
        }
    }
}

pub async fn sign(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<SignForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = actor_for(ctx.user()?)?;
    let details = load_details(&state, actor, id).await?;
    let signed = Signed::try_from(&*form);
    let back = format!("/client/orders/{id}");
    // State and right first: a refused signature stores no file.
    if let Err(refusal) = decide(&details.facts, actor, &Action::Sign) {
        return Ok(redirect_flash(&back, FlashLevel::Error, refusal.0));
    }
    let Some(report) = details.report.as_ref() else {
        return Ok(redirect_flash(&back, FlashLevel::Error, "refuse-not-now"));
    };
    let signed = match signed {
        Ok(signed) => signed,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::client::sign_page(&ctx, &details, &errors),
            ));
        }
    };
    let signature = Signature {
        signed_name: signed.name,
        signature_sha256: store_file(&state, signed.image).await?,
        report_sha256: records::report_digest(id, report, &details.files),
        rating: signed.rating,
        comment: signed.comment,
        signed_at: state.clock.now(),
        ip: client_ip(&req, &state.settings()),
        user_agent: user_agent(&req),
        image_removed: false,
    };
    let result = run(&state, &hooks, actor, id, Command::Sign { signature }).await;
    after(&back, result, "flash-order-signed")
}

pub async fn refuse(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/client/orders/{id}");
    let sign = format!("{back}/sign");
    let step = ReasonStep {
        max_chars: 1000,
        required: true,
        on_problem: &sign,
        problem: "flash-reason-required",
        back: &back,
        success: "flash-order-disputed",
    };
    reason_step(
        &state,
        &hooks,
        ctx.user.as_ref(),
        id,
        &form.reason,
        step,
        |reason| Command::Refuse { reason },
    )
    .await
}
