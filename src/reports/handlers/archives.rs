//! `GET /manage/balances` and `/manage/consumption` (and their `.csv`): the end-of-day
//! balances and the consumption archive over a period (this month when it is missing; a
//! wrong one shows the month with the reason).

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::calendar::business_day;
use crate::csv_out::row;
use crate::db;
use crate::error::AppError;
use crate::reports::model::period::{Period, PeriodError, PeriodQuery, Preset};
use crate::reports::store::archives::{self, UsageBy};
use crate::reports::views::archives as views;
use crate::state::AppState;
use crate::web::ctx::Ctx;

#[derive(Debug, Default, Deserialize)]
pub struct ArchiveQuery {
    period: Option<String>,
    from: Option<String>,
    to: Option<String>,
    by: Option<String>,
}

/// The period asked for, or this month and why the asked one was refused.
fn period(state: &AppState, q: &ArchiveQuery) -> (Period, Option<PeriodError>) {
    let today = business_day(state.settings().time_zone, state.clock.now());
    let asked = PeriodQuery {
        period: q.period.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
    };
    match Period::from_query(&asked, today) {
        Ok(p) => (p, None),
        Err(e) => (Period::preset(Preset::Month, today), Some(e)),
    }
}

fn usage_by(q: &ArchiveQuery) -> Result<UsageBy, AppError> {
    match q.by.as_deref().map(str::trim) {
        None | Some("") => Ok(UsageBy::default()),
        Some(s) => UsageBy::parse(s).ok_or(AppError::BadRequest),
    }
}

fn csv(name: &str, period: &Period, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"{name}-{}-{}.csv\"",
                period.from, period.to
            ),
        ))
        .body(body)
}

pub async fn balances(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ArchiveQuery>,
) -> Result<Markup, AppError> {
    let (period, error) = period(&state, &q);
    let days = db::run(&state.pool, move |conn| {
        Ok(archives::balances(conn, period.from, period.to)?)
    })
    .await?;
    Ok(views::balances(&ctx, &period, error, &days))
}

/// One row per day, amounts in major units with a point ("1234.50"), as spreadsheets read them.
pub async fn balances_csv(
    state: web::Data<AppState>,
    q: web::Query<ArchiveQuery>,
) -> Result<HttpResponse, AppError> {
    let (period, _) = period(&state, &q);
    let days = db::run(&state.pool, move |conn| {
        Ok(archives::balances(conn, period.from, period.to)?)
    })
    .await?;
    let mut out = String::new();
    let header = [
        "day",
        "clients_owe",
        "clients_credit",
        "owed_to_workers",
        "company_income",
        "held_at_gateway",
    ];
    row(&header.map(String::from), &mut out);
    for d in &days {
        let amounts = [
            d.clients_owe,
            d.clients_credit,
            d.workers_owed,
            d.income,
            d.gateway,
        ];
        let mut fields = vec![d.day.to_string()];
        fields.extend(amounts.iter().map(|m| crate::money::plain(*m)));
        row(&fields, &mut out);
    }
    Ok(csv("balances", &period, out))
}

pub async fn consumption(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ArchiveQuery>,
) -> Result<Markup, AppError> {
    let (period, error) = period(&state, &q);
    let by = usage_by(&q)?;
    let (tz, lang) = (state.settings().time_zone, ctx.tr.lang);
    let lines = db::run(&state.pool, move |conn| {
        Ok(archives::usage(conn, by, lang, period.bounds(tz))?)
    })
    .await?;
    Ok(views::consumption(&ctx, &period, error, by, &lines))
}

pub async fn consumption_csv(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ArchiveQuery>,
) -> Result<HttpResponse, AppError> {
    let (period, _) = period(&state, &q);
    let by = usage_by(&q)?;
    let (tz, lang) = (state.settings().time_zone, ctx.tr.lang);
    let lines = db::run(&state.pool, move |conn| {
        Ok(archives::usage(conn, by, lang, period.bounds(tz))?)
    })
    .await?;
    // By item the item is the group: one `consumable` column, not the same one twice.
    let grouped = by != UsageBy::Consumable;
    let mut out = String::new();
    let mut header: Vec<String> = ["consumable", "unit", "used", "jobs"]
        .map(String::from)
        .into();
    if grouped {
        header.insert(0, by.code().to_string());
    }
    row(&header, &mut out);
    for l in &lines {
        let mut fields = vec![
            l.consumable.clone(),
            l.unit.clone(),
            l.used.to_string(),
            l.jobs.to_string(),
        ];
        if grouped {
            fields.insert(0, l.group.clone());
        }
        row(&fields, &mut out);
    }
    Ok(csv(&format!("consumption-by-{}", by.code()), &period, out))
}
