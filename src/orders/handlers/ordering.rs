//! Ordering, for clients: the new-order form with its live quote, and placing the order.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use crate::catalogue::store as catalogue;
use crate::db;
use crate::error::AppError;
use crate::orders::service::Hooks;
use crate::orders::service::create::{self, OrderForm, PlaceOrder};
use crate::orders::views;
use crate::profile::store as profile;
use crate::state::AppState;
use crate::web::components::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

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
            "repeat" => form.repeat = v,
            "repeat_end" => form.repeat_end = v,
            "repeat_visits" => form.repeat_visits = v,
            "repeat_until" => form.repeat_until = v,
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
    let today = now.with_timezone(&state.settings().time_zone).date_naive();
    let rules = &state.settings().orders;
    let slot_rules = views::client::SlotRules {
        opens: rules.opens_at.format("%H:%M").to_string(),
        closes: rules.closes_at.format("%H:%M").to_string(),
        min_lead_minutes: rules.min_lead_minutes,
        max_days_ahead: rules.max_days_ahead,
    };
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
            slot_rules,
        })
    })
    .await?;
    Ok(views::client::new_order(ctx, &page, errors))
}

/// The order form, empty but for tomorrow at 10:00, or filled from the query (coming back
/// from adding a card with what was typed).
pub async fn new_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<Markup, AppError> {
    let (mut form, options) = parse_order_form(req.query_string().as_bytes())?;
    let tomorrow = (state.clock.now().with_timezone(&state.settings().time_zone)
        + chrono::Duration::days(1))
    .date_naive();
    if form.date.is_empty() {
        form.date = tomorrow.to_string();
    }
    if form.time.is_empty() {
        form.time = "10:00".into();
    }
    new_order_page(&ctx, &state, form, options, &FormErrors::default()).await
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
        .with_timezone(&state.settings().time_zone)
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
        true,
    ))
}

/// Why a refused write was not saved (a Fluent id), for the form shown again.
fn unsaved_reason(e: &AppError) -> &'static str {
    match e {
        AppError::StorageFull => "err-storage-text",
        _ => "err-503-text",
    }
}

/// What the form placed: one order, or a series (with its first visits).
enum Placed {
    Order(i64),
    Series(i64),
}

pub async fn create(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let (form, options) = parse_order_form(&body)?;
    let (settings, hooks) = (state.settings(), **hooks);
    let now = state.clock.now();
    let parsed = PlaceOrder::try_from((&form, options.as_slice()));
    let f = form.clone();
    let created = db::run(&state.pool, move |conn| match parsed {
        Ok(order) => {
            let placed = if f.repeats() {
                (hooks.start_series)(conn, &settings, &hooks, now, client_id, &order, &f)
                    .map(Placed::Series)
            } else {
                create::create(conn, &settings, &hooks, now, client_id, &order).map(Placed::Order)
            };
            match placed {
                Ok(placed) => Ok(Ok(placed)),
                Err(e) => e.into_form().map(Err),
            }
        }
        Err(errors) => Ok(Err(create::lookup_errors(conn, client_id, &f, errors)?)),
    })
    .await;
    let created = match created {
        // Not saved for a while (busy, storage full): the form again, as typed, says why.
        Err(e @ (AppError::Busy | AppError::StorageFull)) if !ctx.htmx => {
            let mut errors = FormErrors::default();
            errors.add("unsaved", unsaved_reason(&e));
            let page = new_order_page(&ctx, &state, form, options, &errors).await?;
            return Ok(crate::web::error_pages::with_page(&e, page));
        }
        other => other?,
    };
    match created {
        Ok(placed) => {
            state.jobs.kick_matching();
            let (to, flash) = match placed {
                Placed::Order(id) => (format!("/client/orders/{id}"), "flash-order-placed"),
                Placed::Series(id) => (format!("/client/series/{id}"), "flash-series-started"),
            };
            Ok(redirect_flash(&to, FlashLevel::Success, flash))
        }
        Err(errors) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            new_order_page(&ctx, &state, form, options, &errors).await?,
        )),
    }
}
