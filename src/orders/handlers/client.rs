//! Client pages: my orders, ordering with a live quote, the order page, cancelling,
//! signing or refusing the completion.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use maud::Markup;
use serde::Deserialize;

use super::{ReasonForm, ReasonStep, actor_for, after, reason_step, run};
use crate::auth::session::{client_ip, user_agent};
use crate::catalogue::store as catalogue;
use crate::db;
use crate::error::AppError;
use crate::orders::create::{self, OrderForm};
use crate::orders::model::{Actor, Status, cancellation_fee};
use crate::orders::records::{self, Signature};
use crate::orders::service::{self, Command};
use crate::orders::{files, queries, store, views};
use crate::profile::store as profile;
use crate::state::AppState;
use crate::validate::text;
use crate::web::components::{FormErrors, Paging};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    page: Option<i64>,
}

pub async fn list(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<Markup, AppError> {
    let client_id = ctx.user()?.id;
    let status = Status::parse(&q.status);
    let paging = Paging::new(q.page, 20);
    let (tz, now) = (state.settings.time_zone, state.clock.now());
    let (orders, total, summary) = db::run(&state.pool, move |conn| {
        let (orders, total) =
            queries::client_orders(conn, client_id, status, paging.per_page, paging.offset())?;
        let summary = crate::reports::summaries::client(conn, tz, client_id, now)?;
        Ok((orders, total, summary))
    })
    .await?;
    let summary = crate::reports::summaries::client_panel(&ctx, &summary, &state.settings.currency);
    Ok(views::client::list(
        &ctx, &orders, status, paging, total, summary,
    ))
}

/// Reads the order-form fields plus the repeated `option` checkboxes.
fn parse_order_form(body: &[u8]) -> Result<(OrderForm, Vec<i64>), AppError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest)?;
    let mut form = OrderForm::default();
    let mut options = Vec::new();
    for (k, v) in pairs {
        match k.as_str() {
            "service" => form.service = v,
            "address" => form.address = v,
            "date" => form.date = v,
            "time" => form.time = v,
            "notes" => form.notes = v,
            "new_address" => form.new_address = v,
            "promo" => form.promo = v,
            "option" => options.push(v.parse().map_err(|_| AppError::BadRequest)?),
            _ => {}
        }
    }
    Ok((form, options))
}

async fn new_order_page(
    ctx: &Ctx,
    state: &AppState,
    form: OrderForm,
    options: Vec<i64>,
    errors: &FormErrors,
) -> Result<Markup, AppError> {
    let client_id = ctx.user()?.id;
    let service_id = form.service.parse::<i64>().ok();
    let now = state.clock.now();
    let today = now.with_timezone(&state.settings.time_zone).date_naive();
    let page = db::run(&state.pool, move |conn| {
        let services = catalogue::services(conn, true)?;
        let service = service_id.and_then(|id| services.iter().find(|s| s.id == id).cloned());
        let ask = create::DiscountAsk {
            client_id,
            promo: &form.promo,
            today,
        };
        let (service_options, quoted) = match &service {
            Some(s) => (
                catalogue::options(conn, s.id, true)?,
                create::quote_for(conn, s.id, &options, &ask)?,
            ),
            None => (Vec::new(), None),
        };
        Ok(views::client::NewOrder {
            services,
            service,
            options: service_options,
            chosen: options,
            promo_error: quoted.as_ref().and_then(|q| q.promo_error),
            quote: quoted.map(|q| q.quote),
            standing: crate::billing::standing::order_block(conn, client_id, now)?,
            addresses: profile::addresses(conn, client_id)?,
            form,
        })
    })
    .await?;
    Ok(views::client::new_order(ctx, &page, errors))
}

#[derive(Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    service: String,
}

pub async fn new_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<NewQuery>,
) -> Result<Markup, AppError> {
    let tomorrow = (state.clock.now().with_timezone(&state.settings.time_zone)
        + chrono::Duration::days(1))
    .date_naive();
    let form = OrderForm {
        service: q.service.clone(),
        date: tomorrow.to_string(),
        time: "10:00".into(),
        ..OrderForm::default()
    };
    new_order_page(&ctx, &state, form, Vec::new(), &FormErrors::default()).await
}

/// The live quote (htmx): recomputed from the catalogue on every change of the form.
pub async fn quote(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<Markup, AppError> {
    let (form, options) = parse_order_form(req.query_string().as_bytes())?;
    let service_id = form
        .service
        .parse::<i64>()
        .map_err(|_| AppError::BadRequest)?;
    let client_id = ctx.user()?.id;
    let today = state
        .clock
        .now()
        .with_timezone(&state.settings.time_zone)
        .date_naive();
    let quoted = db::run(&state.pool, move |conn| {
        let ask = create::DiscountAsk {
            client_id,
            promo: &form.promo,
            today,
        };
        Ok(create::quote_for(conn, service_id, &options, &ask)?)
    })
    .await?;
    Ok(views::client::quote_box(
        &ctx,
        quoted.as_ref().map(|q| &q.quote),
        quoted.as_ref().and_then(|q| q.promo_error),
    ))
}

pub async fn create(
    ctx: Ctx,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let (form, options) = parse_order_form(&body)?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let (f, o) = (form.clone(), options.clone());
    let created = db::run(&state.pool, move |conn| {
        create::create(conn, &settings, now, client_id, &f, &o)
    })
    .await?;
    match created {
        Ok(id) => {
            state.jobs.kick_matching().await;
            Ok(redirect_flash(
                &format!("/client/orders/{id}"),
                FlashLevel::Success,
                "flash-order-placed",
            ))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            new_order_page(&ctx, &state, form, options, &errors).await?,
        )),
    }
}

/// Loads everything the order pages show, for someone allowed to see the order.
pub async fn load_details(
    state: &AppState,
    actor: Actor,
    order_id: i64,
) -> Result<views::Details, AppError> {
    let pickup = state.settings.supply.pickup_point.clone();
    db::run(&state.pool, move |conn| {
        let facts = store::facts(conn, order_id)?.ok_or(AppError::NotFound)?;
        if !service::visible(&facts, actor) {
            return Err(AppError::NotFound);
        }
        let order = store::order(conn, order_id)?.ok_or(AppError::NotFound)?;
        Ok(views::Details {
            events: store::events(conn, order_id)?,
            report: records::report(conn, order_id)?,
            files: records::files(conn, order_id)?,
            signature: records::signature(conn, order_id)?,
            checklist: catalogue::checklist(conn, order.service_id)?,
            offer_expires: store::open_offer_expiry(conn, order_id)?,
            // Clients never see the kit; staff and the worker do.
            kit: if matches!(actor, Actor::Client(_)) {
                Default::default()
            } else {
                crate::supply::kit::load(conn, order_id, &pickup)?
            },
            facts,
            order,
        })
    })
    .await
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
        state.settings.orders.cancellation_fee_percent,
    );
    Ok(views::client::cancel_page(&ctx, &details, fee))
}

pub async fn cancel(
    ctx: Ctx,
    state: web::Data<AppState>,
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

pub async fn sign(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<SignForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = actor_for(ctx.user()?)?;
    let details = load_details(&state, actor, id).await?;
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
    let (Some(name), Some(image), Some(rating), Some(comment), Some(report)) =
        (name, image, rating, comment, details.report.as_ref())
    else {
        if details.report.is_none() {
            return Ok(redirect_flash(
                &format!("/client/orders/{id}"),
                FlashLevel::Error,
                "refuse-not-now",
            ));
        }
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::client::sign_page(&ctx, &details, &errors),
        ));
    };
    let data_dir = state.settings.data_dir.clone();
    let signature_sha256 = web::block(move || files::store(&data_dir, &image))
        .await
        .map_err(|e| anyhow::anyhow!(e))?
        .map_err(anyhow::Error::from)?;
    let signature = Signature {
        signed_name: name,
        signature_sha256,
        report_sha256: records::report_digest(id, report, &details.files),
        rating,
        comment,
        signed_at: state.clock.now(),
        ip: client_ip(&req, &state.settings),
        user_agent: user_agent(&req),
    };
    let result = run(&state, actor, id, Command::Sign { signature }).await?;
    Ok(after(
        &format!("/client/orders/{id}"),
        result,
        "flash-order-signed",
    ))
}

pub async fn refuse(
    ctx: Ctx,
    state: web::Data<AppState>,
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
        ctx.user.as_ref(),
        id,
        &form.reason,
        step,
        |reason| Command::Refuse { reason },
    )
    .await
}
