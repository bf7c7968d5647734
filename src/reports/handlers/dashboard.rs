//! `GET /manage`: the manager dashboard over the period asked for (this month when the
//! period is missing or wrong, with the reason shown).

use actix_web::web;
use maud::Markup;

use crate::calendar::business_day;
use crate::db;
use crate::error::AppError;
use crate::orders::handlers::manage::load_unplaced;
use crate::reports::model::period::{Period, PeriodError, PeriodQuery, Preset};
use crate::reports::service::dashboard;
use crate::reports::views;
use crate::state::AppState;
use crate::web::ctx::Ctx;

/// How many unplaced orders the dashboard lists (the rest are a link away).
const UNPLACED_ON_DASHBOARD: i64 = 10;

pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<PeriodQuery>,
) -> Result<Markup, AppError> {
    let tz = state.settings().time_zone;
    let today = business_day(tz, state.clock.now());
    let (period, error): (Period, Option<PeriodError>) = match Period::from_query(&q, today) {
        Ok(p) => (p, None),
        Err(e) => (Period::preset(Preset::Month, today), Some(e)),
    };
    let (dashboard, uncovered) = db::run(&state.pool, move |conn| {
        // Services nobody on duty can do: their orders would wait for nobody.
        let uncovered = (
            crate::catalogue::store::skills::all(conn)?,
            crate::catalogue::store::skills::uncovered(conn)?,
        );
        Ok((dashboard::build(conn, tz, period)?, uncovered))
    })
    .await?;
    // The work waiting now, whatever the period: orders nobody will do unless a manager acts.
    let unplaced = load_unplaced(&state, UNPLACED_ON_DASHBOARD).await?;
    Ok(views::dashboard::page(
        &ctx,
        (&dashboard, &unplaced, &uncovered),
        error,
        &state.settings().currency,
    ))
}
