//! The worker's availability page (phone first): on duty, weekly hours, days off.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::{Markup, html};
use serde::Deserialize;

use super::availability::{self, format_minutes, parse_minutes};
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::layout;

const BACK: &str = "/worker/availability";

pub async fn show(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let id = ctx.user()?.id;
    let a = db::run(&state.pool, move |conn| {
        Ok(availability::availability(conn, id)?)
    })
    .await?;
    let today = state
        .clock
        .now()
        .with_timezone(&state.settings.time_zone)
        .date_naive();
    Ok(page(&ctx, &a, today))
}

fn page(ctx: &Ctx, a: &availability::Availability, today: NaiveDate) -> Markup {
    let title = ctx.t("availability-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article.duty.on[a.on_duty] {
                p { strong { (if a.on_duty { ctx.t("availability-on-duty") } else { ctx.t("availability-off-duty") }) } }
                form method="post" action="/worker/availability/duty" {
                    (csrf_field(ctx))
                    input type="hidden" name="on" value=(if a.on_duty { "0" } else { "1" });
                    button type="submit" class=(if a.on_duty { "secondary" } else { "" }) {
                        (if a.on_duty { ctx.t("availability-go-off") } else { ctx.t("availability-go-on") })
                    }
                }
            }
            article {
                h2 { (ctx.t("availability-hours")) }
                form method="post" action="/worker/availability/hours" {
                    (csrf_field(ctx))
                    @for day in 1..=7u32 {
                        @let hours = a.hours.iter().find(|(d, _, _)| *d == day);
                        div.hours-row {
                            label { input type="checkbox" name={ "day" (day) } value="on" checked[hours.is_some()]; (ctx.t(&format!("weekday-{day}"))) }
                            input type="time" name={ "start" (day) } value=(hours.map(|h| format_minutes(h.1)).unwrap_or_else(|| "09:00".into())) aria-label=(ctx.t("availability-from"));
                            input type="time" name={ "end" (day) } value=(hours.map(|h| format_minutes(h.2)).unwrap_or_else(|| "18:00".into())) aria-label=(ctx.t("availability-to"));
                        }
                    }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
            article {
                h2 { (ctx.t("availability-days-off")) }
                ul { @for day in &a.days_off {
                    li { (day.format("%d.%m.%Y")) " " (post_button(ctx, &format!("/worker/availability/days-off/{day}/remove"), &ctx.t("remove"), "secondary outline small", None)) }
                } }
                form method="post" action="/worker/availability/days-off" {
                    (csrf_field(ctx))
                    input type="date" name="day" min=(today.to_string()) required aria-label=(ctx.t("availability-days-off"));
                    button.secondary type="submit" { (ctx.t("availability-add-day-off")) }
                }
            }
            @if !a.skills.is_empty() { p.muted { (ctx.t("availability-skills")) ": " (a.skills.join(", ")) } }
        },
    )
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
        Ok(availability::set_on_duty(conn, id, on)?)
    })
    .await?;
    if on {
        state.jobs.kick_matching().await;
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
        Ok(availability::add_day_off(conn, id, day)?)
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
        Ok(availability::remove_day_off(conn, id, day)?)
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}
