//! The client's and the worker's home pages: their orders, offers and jobs (from orders)
//! under their own numbers (from reports). Composed here, above both, so orders does not
//! depend on reports.

use actix_web::web;
use maud::Markup;
use serde::Deserialize;

use crate::billing::service::cards::{self, Purpose};
use crate::billing::store::payouts;
use crate::db;
use crate::error::AppError;
use crate::home::views::role_homes;
use crate::orders::model::tabs::ClientTab;
use crate::orders::{store::queries, views};
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::Ctx;

/// `/client`: the client's orders, one tab at a time (open ones first), under their numbers.
#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    tab: String,
    page: Option<i64>,
}

pub async fn client(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<Markup, AppError> {
    let client_id = ctx.user()?.id;
    let tab = ClientTab::parse(&q.tab);
    let paging = Paging::new(q.page, 20);
    let (tz, now) = (state.settings().time_zone, state.clock.now());
    let (orders, total, summary) = db::run(&state.pool, move |conn| {
        let (orders, total) = queries::client_orders(
            conn,
            client_id,
            &tab.statuses(),
            paging.per_page,
            paging.offset(),
        )?;
        let summary = crate::reports::store::summaries::client(conn, tz, client_id, now)?;
        Ok((orders, total, summary))
    })
    .await?;
    let summary =
        crate::reports::views::summaries::client_panel(&ctx, &summary, &state.settings().currency);
    Ok(views::client::list(
        &ctx, &orders, tab, paging, total, summary,
    ))
}

/// `/worker`: today's offers and jobs, on duty or not, under the worker's numbers.
pub async fn worker(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let worker_id = ctx.user()?.id;
    let tz = state.settings().time_zone;
    let now = state.clock.now();
    let (offers, jobs, on_duty, summary, card_missing) = db::run(&state.pool, move |conn| {
        let on_duty = crate::matching::store::availability::availability(conn, worker_id)?.on_duty;
        let card = cards::current(conn, worker_id, Purpose::Payout)?;
        let held = payouts::held_total(conn, worker_id)?;
        Ok((
            queries::worker_offers(conn, worker_id)?,
            queries::worker_jobs(conn, worker_id)?,
            on_duty,
            crate::reports::store::summaries::worker(conn, tz, worker_id, now)?,
            card.is_none().then_some(held),
        ))
    })
    .await?;
    let summary =
        crate::reports::views::summaries::worker_panel(&ctx, &summary, &state.settings().currency);
    let summary = role_homes::worker_summary(&ctx, card_missing, summary);
    Ok(views::worker::home(
        &ctx, &offers, &jobs, now, on_duty, summary,
    ))
}
