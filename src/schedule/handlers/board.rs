//! The dispatch board: the page, and offering or assigning an order from it (by dragging or
//! by the form on each job) through the orders' own manual offer and assignment.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::orders::handlers::{actor_for, after, run};
use crate::orders::service::{Command, Hooks};
use crate::schedule::model::board::{BoardQuery, read};
use crate::schedule::service::board as service;
use crate::schedule::views::board as views;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

/// `GET /manage/schedule`: a day or a week; a value not understood falls back and is named.
pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<BoardQuery>,
) -> Result<Markup, AppError> {
    let settings = state.settings();
    let today = crate::calendar::business_day(settings.time_zone, state.clock.now());
    let q = q.into_inner();
    let board = db::run(&state.pool, move |conn| {
        let skills = service::skills(conn)?;
        let codes: Vec<String> = skills.iter().map(|s| s.code.clone()).collect();
        Ok(service::load(
            conn,
            &settings,
            (read(&q, today, &codes), today),
            skills,
        )?)
    })
    .await?;
    Ok(views::page(&ctx, &board))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GiveForm {
    worker: String,
    /// The board's query string, to return to the same view and filters.
    back: String,
}

/// The board's address with `query`, or the plain board when the query holds anything but
/// the characters a form-encoded query is made of.
fn board_url(query: &str) -> String {
    let safe = query.len() <= 500
        && query
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"=&%+-_.".contains(&b));
    match (safe, query.is_empty()) {
        (true, false) => format!("/manage/schedule?{query}"),
        _ => "/manage/schedule".into(),
    }
}

/// `POST /manage/schedule/orders/{id}/{offer|assign}`: the same step as the order page's
/// offer or assignment (its rules, refusals and notices), coming back to the board.
pub async fn give(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    path: web::Path<(i64, String)>,
    form: web::Form<GiveForm>,
) -> Result<HttpResponse, AppError> {
    let (id, how) = path.into_inner();
    let back = board_url(&form.back);
    let Ok(worker_id) = form.worker.trim().parse::<i64>() else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-dispatch-choose-worker",
        ));
    };
    let (cmd, success) = match how.as_str() {
        "offer" => (Command::Offer { worker_id }, "flash-offer-sent"),
        "assign" => (Command::Assign { worker_id }, "flash-assigned"),
        _ => return Err(AppError::NotFound),
    };
    let actor = actor_for(ctx.user()?)?;
    let result = run(&state, &hooks, actor, id, cmd).await;
    after(&back, result, success)
}
