//! Admin-only matching pages: the strategy's settings (audited, versioned) and every
//! decision with its candidates. The strategy is a trade secret: nobody else sees these.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::json;

use super::model::{Exclusion, MatchingSettings, Weights};
use super::store::{self, DecisionRecord};
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::components::{Paging, csrf_field, empty_state, pagination};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::{html as html_response, layout};

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
    Ok(page(&ctx, &settings, &decisions, paging, total, None))
}

fn page(
    ctx: &Ctx,
    s: &MatchingSettings,
    decisions: &[DecisionRecord],
    paging: Paging,
    total: i64,
    problem: Option<&str>,
) -> Markup {
    let title = ctx.t("matching-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article {
                h2 { (ctx.t("matching-settings")) " " small.muted { "v" (s.version) } }
                @if let Some(key) = problem { p.flash.error { (ctx.t(key)) } }
                form method="post" action="/admin/matching/settings" data-confirm=(ctx.t("matching-confirm")) {
                    (csrf_field(ctx))
                    div.grid {
                        label { (ctx.t("matching-strategy"))
                            select name="strategy" {
                                option value="random" selected[s.strategy == "random"] { (ctx.t("matching-random")) }
                                option value="score" selected[s.strategy == "score"] { (ctx.t("matching-score")) }
                            }
                        }
                        label { input type="checkbox" role="switch" name="enabled" value="1" checked[s.enabled]; (ctx.t("matching-enabled")) }
                    }
                    div.grid {
                        label { (ctx.t("matching-max-attempts")) input type="number" name="max_attempts" min="1" max="50" value=(s.max_attempts); }
                        label { (ctx.t("matching-daily-limit")) input type="number" name="daily_limit" min="1" max="24" value=(s.daily_limit); }
                        label { (ctx.t("matching-travel-buffer")) input type="number" name="travel_buffer_minutes" min="0" max="240" value=(s.travel_buffer_minutes); }
                    }
                    fieldset {
                        legend { (ctx.t("matching-weights")) }
                        div.grid {
                            label { (ctx.t("matching-w-rating")) input type="number" name="weight_rating" min="0" max="1000" value=(s.weights.rating); }
                            label { (ctx.t("matching-w-qc")) input type="number" name="weight_qc" min="0" max="1000" value=(s.weights.qc); }
                            label { (ctx.t("matching-w-load")) input type="number" name="weight_load" min="0" max="1000" value=(s.weights.load); }
                            label { (ctx.t("matching-w-favourite")) input type="number" name="weight_favourite" min="0" max="1000" value=(s.weights.favourite); }
                        }
                    }
                    button type="submit" { (ctx.t("save")) }
                }
            }
            h2 { (ctx.t("matching-decisions")) }
            @if decisions.is_empty() {
                (empty_state(&ctx.t("matching-no-decisions"), &ctx.t("matching-no-decisions-text")))
            } @else {
                div.table-wrap { table.striped.dense {
                    thead { tr { th { "#" } th { (ctx.t("audit-when")) } th { (ctx.t("matching-order")) } th { (ctx.t("matching-strategy")) } th { (ctx.t("matching-eligible")) } th { (ctx.t("matching-chosen")) } } }
                    tbody { @for d in decisions {
                        tr {
                            td { a href={ "/admin/matching/decisions/" (d.id) } { (d.id) } }
                            td { (ctx.tr.datetime(d.at)) }
                            td { a href={ "/manage/orders/" (d.order_id) } { "#" (d.order_id) } " · " (d.round) "/" (d.attempt) }
                            td { (d.strategy) " " small.muted { (d.strategy_version) } }
                            td { (d.considered.iter().filter(|c| c.excluded.is_none()).count()) " / " (d.considered.len()) }
                            td { (d.chosen_worker.as_deref().unwrap_or("—")) }
                        }
                    } }
                } }
                (pagination(ctx, paging, total, "/admin/matching?"))
            }
        },
    )
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
            page(
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
        write_tx(conn, |tx| -> Result<(), AppError> {
            let version = store::save_settings(tx, &new, now)?;
            let describe = |s: &MatchingSettings| json!({
                "strategy": s.strategy, "enabled": s.enabled, "max_attempts": s.max_attempts, "daily_limit": s.daily_limit,
                "travel_buffer_minutes": s.travel_buffer_minutes, "weights": s.weights,
            });
            crate::audit::record(tx, now, Some(actor), "matching.settings", &format!("matching:v{version}"), json!({ "from": describe(&current), "to": describe(&new) }))?;
            Ok(())
        })
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
    let title = format!("{} #{}", ctx.t("matching-decision"), d.id);
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/admin/matching" { (ctx.t("matching-title")) } } li { "#" (d.id) } } }
            h1 { (title) }
            p { (ctx.t("matching-order")) " " a href={ "/manage/orders/" (d.order_id) } { "#" (d.order_id) } " · " (ctx.tr.datetime(d.at))
                " · " (d.strategy) " " (d.strategy_version) " · seed " code { (d.seed) } " · " (ctx.t("matching-chosen")) ": " strong { (d.chosen_worker.as_deref().unwrap_or("—")) } }
            div.table-wrap { table.striped.dense {
                thead { tr { th { (ctx.t("order-worker")) } th { (ctx.t("matching-outcome")) } th.amount { (ctx.t("matching-score-col")) } } }
                tbody { @for (c, name) in d.considered.iter().zip(&names) {
                    tr {
                        td { (name) " " small.muted { "#" (c.worker_id) } }
                        td { @match c.excluded { Some(e) => { (ctx.t(e.key())) } None => { strong { (ctx.t("matching-eligible-one")) } } } }
                        td.amount { (c.score.map(|s| s.to_string()).unwrap_or_default()) }
                    }
                } }
            } }
        },
    ))
}

/// Counts of why workers were left out in the order's latest decision, for the manager's
/// "why is it unassigned" (no strategy details, which stay with admins).
pub fn exclusion_summary(d: &DecisionRecord) -> Vec<(Exclusion, usize)> {
    Exclusion::ALL
        .into_iter()
        .map(|e| {
            (
                e,
                d.considered
                    .iter()
                    .filter(|c| c.excluded == Some(e))
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}
