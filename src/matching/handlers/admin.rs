//! Admin-only matching pages: the strategy's settings (audited, versioned) and every
//! decision with its candidates. The strategy is a trade secret: nobody else sees these.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::matching::model::{MatchingSettings, Weights};
use crate::matching::views::admin as views;
use crate::matching::{service, store};
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html as html_response;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

pub async fn overview(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<PageQuery>,
) -> Result<Markup, AppError> {
    let paging = Paging::new(q.page, 30);
    let (settings, (decisions, total)) = db::run(&state.pool, move |conn| {
        Ok((
            store::settings(conn)?,
            store::decisions_page(conn, paging.per_page, paging.offset())?,
        ))
    })
    .await?;
    Ok(views::page(
        &ctx, &settings, &decisions, paging, total, None,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    strategy: String,
    enabled: String,
    max_attempts: String,
    daily_limit: String,
    travel_buffer_minutes: String,
    weight_rating: String,
    weight_qc: String,
    weight_load: String,
    weight_favourite: String,
}

fn parse_settings(f: &SettingsForm, version: i64) -> Option<MatchingSettings> {
    let num = |s: &str, lo: i64, hi: i64| {
        s.trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
    };
    Some(MatchingSettings {
        version,
        strategy: ["random", "score"]
            .into_iter()
            .find(|s| *s == f.strategy)?
            .to_string(),
        enabled: f.enabled == "1",
        max_attempts: num(&f.max_attempts, 1, 50)?,
        daily_limit: num(&f.daily_limit, 1, 24)?,
        travel_buffer_minutes: num(&f.travel_buffer_minutes, 0, 240)?,
        weights: Weights {
            rating: num(&f.weight_rating, 0, 1000)?,
            qc: num(&f.weight_qc, 0, 1000)?,
            load: num(&f.weight_load, 0, 1000)?,
            favourite: num(&f.weight_favourite, 0, 1000)?,
        },
    })
}

pub async fn save(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let now = state.clock.now();
    let current = db::run(&state.pool, |conn| Ok(store::settings(conn)?)).await?;
    let Some(new) = parse_settings(&form, current.version) else {
        let (decisions, total) =
            db::run(&state.pool, |conn| Ok(store::decisions_page(conn, 30, 0)?)).await?;
        return Ok(html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::page(
                &ctx,
                &current,
                &decisions,
                Paging::new(None, 30),
                total,
                Some("matching-invalid"),
            ),
        ));
    };
    db::run(&state.pool, move |conn| {
        service::save_settings(conn, now, actor, &current, &new)
    })
    .await?;
    Ok(redirect_flash(
        "/admin/matching",
        FlashLevel::Success,
        "flash-saved",
    ))
}

pub async fn decision(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let (d, names) = db::run(&state.pool, move |conn| {
        let d = store::decision(conn, id)?.ok_or(AppError::NotFound)?;
        let mut names = Vec::new();
        for c in &d.considered {
            names.push(
                crate::auth::store::user_by_id(conn, c.worker_id)?
                    .map(|u| u.name)
                    .unwrap_or_default(),
            );
        }
        Ok((d, names))
    })
    .await?;
    Ok(views::decision(&ctx, &d, &names))
}
