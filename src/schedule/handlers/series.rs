//! Series pages and actions, for the client (`/client/series`) and managers
//! (`/manage/series`): the same use cases, told apart by the actor.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, NaiveTime};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::orders::handlers::actor_for;
use crate::orders::model::Actor;
use crate::orders::model::slot::parse_local;
use crate::orders::service::Hooks;
use crate::schedule::service::series_changes as changes;
use crate::schedule::store::series as store;
use crate::schedule::views::series as views;
use crate::schedule::views::series_visits::{self, Area};
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

fn area(actor: Actor) -> Area {
    match actor {
        Actor::Manager(_) => Area::Manage,
        _ => Area::Client,
    }
}

/// The client's series.
pub async fn client_list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let client_id = ctx.user()?.id;
    let rows = db::run(&state.pool, move |conn| {
        Ok(store::of_client(conn, client_id)?)
    })
    .await?;
    Ok(views::client_list(&ctx, &rows))
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<i64>,
}

/// Every series, for managers: running (the default), ended or all, paged.
pub async fn manage_list(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<Markup, AppError> {
    let filter = match q.status.as_deref() {
        Some("ended") => "ended",
        Some("all") => "all",
        _ => "running",
    };
    let ended = match filter {
        "ended" => Some(true),
        "all" => None,
        _ => Some(false),
    };
    let paging = Paging::new(q.page, 50);
    let (rows, total) = db::run(&state.pool, move |conn| {
        Ok(store::page(conn, ended, paging.per_page, paging.offset())?)
    })
    .await?;
    Ok(views::manage_list(&ctx, &rows, filter, paging, total))
}

async fn page(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
    error: Option<&str>,
) -> Result<Markup, AppError> {
    let actor = actor_for(ctx.user()?)?;
    let view = db::run(&state.pool, move |conn| changes::view(conn, actor, id)).await?;
    Ok(series_visits::page(
        ctx,
        area(actor),
        &view,
        state.clock.now(),
        error,
    ))
}

pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    page(&ctx, &state, id.into_inner(), None).await
}

/// Runs a change; a rule's refusal or unreadable input shows the page again with the reason
/// (422, nothing changed), success goes back to the page with the flash the change names.
async fn act(
    ctx: Ctx,
    state: &AppState,
    id: i64,
    change: impl FnOnce(&mut db::Conn, Actor) -> Result<&'static str, AppError> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let actor = actor_for(ctx.user()?)?;
    let done = db::run(&state.pool, move |conn| Ok(change(conn, actor))).await?;
    match done {
        Ok(flash) => Ok(redirect_flash(
            &format!("{}/series/{id}", area(actor).base()),
            FlashLevel::Success,
            flash,
        )),
        Err(AppError::Refused(key)) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&ctx, state, id, Some(key)).await?,
        )),
        Err(e) => Err(e),
    }
}

fn unreadable() -> AppError {
    AppError::Refused("series-err-input")
}

#[derive(Deserialize)]
pub struct OnQuery {
    on: String,
}

pub async fn skip(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    q: web::Query<OnQuery>,
) -> Result<HttpResponse, AppError> {
    let (settings, now) = (state.settings(), state.clock.now());
    let on = q.on.parse::<NaiveDate>();
    act(ctx, &state, *id, move |conn, actor| {
        changes::skip(
            conn,
            &settings,
            now,
            actor,
            *id,
            on.map_err(|_| unreadable())?,
        )
        .map(|()| "flash-series-skipped")
    })
    .await
}

#[derive(Deserialize)]
pub struct MoveForm {
    on: String,
    date: String,
    time: String,
}

pub async fn move_one(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (settings, now, hooks) = (state.settings(), state.clock.now(), **hooks);
    let on = form.on.parse::<NaiveDate>().ok();
    let to = parse_local(&form.date, &form.time);
    act(ctx, &state, *id, move |conn, actor| {
        let (Some(on), Some(to)) = (on, to) else {
            return Err(unreadable());
        };
        changes::move_one(conn, &settings, &hooks, now, actor, *id, on, to)
            .map(|()| "flash-series-moved")
    })
    .await
}

#[derive(Deserialize)]
pub struct MoveAllForm {
    from: String,
    time: String,
    #[serde(default)]
    weekday: String,
}

pub async fn move_all(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<MoveAllForm>,
) -> Result<HttpResponse, AppError> {
    let (settings, now, hooks) = (state.settings(), state.clock.now(), **hooks);
    let from = form.from.trim().parse::<NaiveDate>().ok();
    let time = NaiveTime::parse_from_str(form.time.trim(), "%H:%M").ok();
    let weekday = match form.weekday.trim() {
        "" => Some(None),
        w => w.parse::<u32>().ok().filter(|w| *w < 7).map(Some),
    };
    act(ctx, &state, *id, move |conn, actor| {
        let (Some(from), Some(time), Some(weekday)) = (from, time, weekday) else {
            return Err(unreadable());
        };
        changes::move_all(
            conn,
            &settings,
            &hooks,
            now,
            actor,
            *id,
            from,
            (time, weekday),
        )
        .map(|done| {
            if done.left > 0 {
                "flash-series-moved-some"
            } else {
                "flash-series-moved-all"
            }
        })
    })
    .await
}

#[derive(Deserialize)]
pub struct EndForm {
    #[serde(default)]
    cancel_placed: String,
}

pub async fn end(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<EndForm>,
) -> Result<HttpResponse, AppError> {
    let (settings, now, hooks) = (state.settings(), state.clock.now(), **hooks);
    let cancel = form.cancel_placed == "1";
    state.jobs.kick_outbox();
    act(ctx, &state, *id, move |conn, actor| {
        changes::end(conn, &settings, &hooks, now, actor, *id, cancel).map(|_| "flash-series-ended")
    })
    .await
}
