//! HTTP handlers of orders, one file per audience: clients (ordering, then their orders),
//! workers, managers, and the files behind an order (served only to those who may see it).

pub mod calendar;
pub mod client;
pub mod files;
pub mod history;
pub mod manage;
pub mod ordering;
pub mod report;
pub mod worker;

use actix_web::HttpResponse;
use actix_web::web;

use super::model::{Actor, Status};
use super::service::{self, Command};
use super::views;
use crate::auth::handlers::session::CurrentUser;
use crate::auth::model::Role;
use crate::db;
use crate::error::AppError;
use crate::orders::service::Hooks;
use crate::state::AppState;
use crate::web::ctx::{FlashLevel, redirect_flash};

/// Stores an uploaded file's bytes (content-addressed) on the blocking pool; its sha256.
pub async fn store_file(state: &AppState, bytes: Vec<u8>) -> Result<String, AppError> {
    let data_dir = state.settings().data_dir.clone();
    Ok(
        web::block(move || super::service::files::store(&data_dir, &bytes))
            .await
            .map_err(|e| anyhow::anyhow!(e))?
            .map_err(anyhow::Error::from)?,
    )
}

/// The order actor a logged-in user acts as; candidates have no part in orders.
pub fn actor_for(user: &CurrentUser) -> Result<Actor, AppError> {
    Ok(match user.role {
        Role::Client => Actor::Client(user.id),
        Role::Worker => Actor::Worker(user.id),
        Role::Manager | Role::Admin => Actor::Manager(user.id),
        Role::Candidate => return Err(AppError::NotFound),
    })
}

/// Loads an order's pages' data (see `service::details`) on the blocking pool.
pub async fn load_details(
    state: &AppState,
    actor: Actor,
    order_id: i64,
) -> Result<views::Details, AppError> {
    let settings = state.settings();
    db::run(&state.pool, move |conn| {
        service::details::details(conn, actor, order_id, &settings)
    })
    .await
}

pub async fn run(
    state: &AppState,
    hooks: &Hooks,
    actor: Actor,
    order_id: i64,
    cmd: Command,
) -> Result<Status, AppError> {
    let (settings, hooks) = (state.settings(), *hooks);
    let now = state.clock.now();
    let status = db::run(&state.pool, move |conn| {
        service::apply(conn, &settings, &hooks, now, actor, order_id, cmd)
    })
    .await?;
    // Notifications were queued in the same transaction, and a declined or cancelled
    // offer may free an order for matching: nudge both (a matching pass also sends mail).
    state.jobs.kick_matching();
    Ok(status)
}

/// Back to `to` with a success flash, or with the refusal's reason; other errors pass on.
pub fn after(
    to: &str,
    result: Result<Status, AppError>,
    success: &'static str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(_) => Ok(redirect_flash(to, FlashLevel::Success, success)),
        Err(AppError::Refused(key)) => Ok(redirect_flash(to, FlashLevel::Error, key)),
        Err(other) => Err(other),
    }
}

/// The typed reason of a cancellation or a refused signature.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ReasonForm {
    pub reason: String,
}

/// What a step with a reason needs beyond the order: the reason's limits and where to go.
pub struct ReasonStep<'a> {
    pub max_chars: usize,
    pub required: bool,
    /// Where an unacceptable reason sends the user back, with `problem`.
    pub on_problem: &'a str,
    pub problem: &'static str,
    pub back: &'a str,
    pub success: &'static str,
}

/// Runs a step that carries a typed reason (cancel, refuse); a missing or too long reason
/// changes nothing and says why.
pub async fn reason_step(
    state: &AppState,
    hooks: &Hooks,
    user: Option<&CurrentUser>,
    order_id: i64,
    reason: &str,
    step: ReasonStep<'_>,
    cmd: impl FnOnce(String) -> Command,
) -> Result<HttpResponse, AppError> {
    let actor = actor_for(user.ok_or(AppError::Forbidden)?)?;
    // Whose order it is comes before what the form says: a complaint about the reason on
    // someone else's order would tell that the order exists.
    ensure_visible(state, actor, order_id).await?;
    let Some(reason) = crate::validate::text(reason, step.max_chars, step.required) else {
        return Ok(redirect_flash(
            step.on_problem,
            FlashLevel::Error,
            step.problem,
        ));
    };
    let result = run(state, hooks, actor, order_id, cmd(reason)).await;
    after(step.back, result, step.success)
}

/// `NotFound` unless the actor may see the order (see `service::visible`).
async fn ensure_visible(state: &AppState, actor: Actor, order_id: i64) -> Result<(), AppError> {
    db::run(&state.pool, move |conn| {
        let facts = super::store::facts(conn, order_id)?.ok_or(AppError::NotFound)?;
        match service::visible(&facts, actor) {
            true => Ok(()),
            false => Err(AppError::NotFound),
        }
    })
    .await
}

/// Runs a step that needs no form data and goes back to `back`.
pub async fn simple_step(
    state: web::Data<AppState>,
    hooks: &Hooks,
    user: Option<&CurrentUser>,
    order_id: i64,
    cmd: Command,
    back: &str,
    success: &'static str,
) -> Result<HttpResponse, AppError> {
    let actor = actor_for(user.ok_or(AppError::Forbidden)?)?;
    let result = run(&state, hooks, actor, order_id, cmd).await;
    after(back, result, success)
}
