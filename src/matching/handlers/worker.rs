//! The worker's availability page (phone first): on duty, weekly hours, days off.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::Markup;
use serde::Deserialize;

use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::matching::store::availability::{self, parse_minutes};
use crate::matching::views::worker::page;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

const BACK: &str = "/worker/availability";

pub async fn show(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let id = ctx.user()?.id;
    let (a, skills) = db::run(&state.pool, move |conn| {
        Ok((
            availability::availability(conn, id)?,
            crate::catalogue::store::skills::all(conn)?,
        ))
    })
    .await?;
    let today = state
        .clock
        .now()
        .with_timezone(&state.settings().time_zone)
        .date_naive();
    Ok(page(&ctx, &a, &skills, today))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DutyForm {
    on: String,
}

pub async fn set_duty(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<DutyForm>,
) -> Result<HttpResponse, AppError> {
    let id = ctx.user()?.id;
    let on = match form.on.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest),
    };
    db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| availability::set_on_duty(tx, id, on))?)
    })
    .await?;
    if on {
        state.jobs.kick_matching();
    }
    Ok(redirect_flash(
        BACK,
        FlashLevel::Success,
        if on {
            "flash-on-duty"
        } else {
            "flash-off-duty"
        },
    ))
}

pub async fn set_hours(
    ctx: Ctx,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = ctx.user()?.id;
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest)?;
    let field = |name: String| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    };
    let mut hours = Vec::new();
    for day in 1..=7u32 {
        if field(format!("day{day}")).is_none() {
            continue;
        }
        let start = field(format!("start{day}")).and_then(parse_minutes);
        let end = field(format!("end{day}")).and_then(parse_minutes);
        match (start, end) {
            (Some(s), Some(e)) if s < e => hours.push((day, s, e)),
            _ => {
                return Ok(redirect_flash(
                    BACK,
                    FlashLevel::Error,
                    "flash-hours-invalid",
                ));
            }
        }
    }
    db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            availability::set_hours(tx, id, &hours)
        })?)
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DayForm {
    day: String,
}

pub async fn add_day_off(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<DayForm>,
) -> Result<HttpResponse, AppError> {
    let id = ctx.user()?.id;
    let Ok(day) = NaiveDate::parse_from_str(&form.day, "%Y-%m-%d") else {
        return Ok(redirect_flash(BACK, FlashLevel::Error, "flash-day-invalid"));
    };
    db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| availability::add_day_off(tx, id, day))?)
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}

pub async fn remove_day_off(
    ctx: Ctx,
    state: web::Data<AppState>,
    day: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = ctx.user()?.id;
    let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| AppError::NotFound)?;
    db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            availability::remove_day_off(tx, id, day)
        })?)
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}
