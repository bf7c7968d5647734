//! Moving an order to another time, for its client (`/client/orders/{id}/reschedule`) and
//! for managers (`/manage/orders/{id}/reschedule`): the form, then the move.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::orders::handlers::actor_for;
use crate::orders::model::Actor;
use crate::orders::model::slot::parse_local;
use crate::orders::service::Hooks;
use crate::orders::store::Order;
use crate::orders::views::client::SlotRules;
use crate::schedule::service::reschedule::{
    self, MoveError, MoveRefusal, WorkerOutcome, allowed, fee_now,
};
use crate::schedule::views::reschedule::{self as view, MovePage};
use crate::state::AppState;
use crate::web::components::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct MoveForm {
    pub date: String,
    pub time: String,
    pub confirm_fee: String,
}

/// The order page each audience comes from and goes back to.
fn order_path(actor: Actor, id: i64) -> String {
    match actor {
        Actor::Client(_) => format!("/client/orders/{id}"),
        _ => format!("/manage/orders/{id}"),
    }
}

pub async fn form(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (actor, id) = (actor_for(ctx.user()?)?, id.into_inner());
    let typed = MoveForm::default();
    render(&ctx, &state, actor, id, typed, FormErrors::default()).await
}

pub async fn submit(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (actor, id) = (actor_for(ctx.user()?)?, id.into_inner());
    let typed = form.into_inner();
    let Some(local) = parse_local(&typed.date, &typed.time) else {
        return refuse(&ctx, &state, actor, id, typed, "time", "err-slot-format").await;
    };
    let (settings, hooks, now) = (state.settings(), **hooks, state.clock.now());
    let confirmed = !typed.confirm_fee.is_empty();
    let result = db::run(&state.pool, move |conn| {
        Ok(reschedule::reschedule(
            conn, &settings, &hooks, now, actor, id, local, confirmed,
        ))
    })
    .await?;
    let back = order_path(actor, id);
    match result {
        Ok(moved) => {
            // The notices were queued with the move, and a new round may have offered it.
            state.jobs.kick_matching();
            let flash = match moved.worker {
                WorkerOutcome::Lost(_) => "flash-order-moved-rematched",
                _ => "flash-order-moved",
            };
            Ok(redirect_flash(&back, FlashLevel::Success, flash))
        }
        Err(MoveError::Refused(MoveRefusal::Slot(key))) => {
            refuse(&ctx, &state, actor, id, typed, "time", key).await
        }
        Err(MoveError::Refused(MoveRefusal::SameTime)) => {
            refuse(&ctx, &state, actor, id, typed, "time", "err-move-same-time").await
        }
        Err(MoveError::Refused(MoveRefusal::FeeToConfirm { .. })) => {
            let key = "err-move-fee-confirm";
            refuse(&ctx, &state, actor, id, typed, "confirm_fee", key).await
        }
        Err(MoveError::Refused(MoveRefusal::Step(key))) => {
            Ok(redirect_flash(&back, FlashLevel::Error, key))
        }
        Err(MoveError::App(e)) => Err(e),
    }
}

/// The form again with what was typed and why it was refused (422); nothing changed.
async fn refuse(
    ctx: &Ctx,
    state: &AppState,
    actor: Actor,
    id: i64,
    typed: MoveForm,
    field: &'static str,
    key: &'static str,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    errors.add(field, key);
    render(ctx, state, actor, id, typed, errors).await
}

/// The order and what moving it now costs, or the refusal to go back with.
async fn load(
    state: &AppState,
    actor: Actor,
    id: i64,
) -> Result<Result<(Order, i64), &'static str>, AppError> {
    let (settings, now) = (state.settings(), state.clock.now());
    db::run(&state.pool, move |conn| match allowed(conn, actor, id) {
        Ok(order) => {
            let fee = fee_now(&settings, now, actor, &order);
            Ok(Ok((order, fee)))
        }
        Err(MoveError::Refused(MoveRefusal::Step(key))) => Ok(Err(key)),
        Err(MoveError::Refused(_)) => Err(AppError::BadRequest),
        Err(MoveError::App(e)) => Err(e),
    })
    .await
}

async fn render(
    ctx: &Ctx,
    state: &AppState,
    actor: Actor,
    id: i64,
    typed: MoveForm,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let (order, fee_minor) = match load(state, actor, id).await? {
        Ok(found) => found,
        Err(key) => {
            return Ok(redirect_flash(
                &order_path(actor, id),
                FlashLevel::Error,
                key,
            ));
        }
    };
    let settings = state.settings();
    let rules = &settings.orders;
    // The form starts at the order's current local time.
    let local = order.scheduled_at.with_timezone(&settings.time_zone);
    let or_now = |typed: String, format: &str| {
        Some(typed)
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| local.format(format).to_string())
    };
    let page = MovePage {
        staff: !matches!(actor, Actor::Client(_)),
        action: format!("{}/reschedule", order_path(actor, id)),
        back: order_path(actor, id),
        late: rules.move_is_late(order.scheduled_at, state.clock.now()),
        window_hours: rules.cancellation_window_hours,
        fee_percent: order.cancellation_fee_percent_or(rules.cancellation_fee_percent),
        fee_minor,
        order,
        rules: SlotRules {
            opens: rules.opens_at.format("%H:%M").to_string(),
            closes: rules.closes_at.format("%H:%M").to_string(),
            min_lead_minutes: rules.min_lead_minutes,
            max_days_ahead: rules.max_days_ahead,
        },
        date: or_now(typed.date, "%Y-%m-%d"),
        time: or_now(typed.time, "%H:%M"),
    };
    let status = match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let markup: Markup = view::page(ctx, &page, &errors);
    Ok(html(status, markup))
}
