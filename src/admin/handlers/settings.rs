//! `/admin/settings`: the business settings page and its save (checked, confirmed where it
//! moves something, audited, then live at once).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::admin::service::settings::{self as service, Outcome, Submitted};
use crate::admin::store::settings as store;
use crate::admin::views::settings::{self as views, Shown};
use crate::billing::service::pricing;
use crate::config::business::KEYS;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

/// How many past versions the page lists.
const HISTORY: i64 = 10;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    /// Reached from the first-run set-up: a welcome, and the save goes on to the next steps.
    setup: Option<String>,
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let setup = query.setup.is_some();
    let shown = shown(&state, Submitted::default(), setup).await?;
    Ok(html(StatusCode::OK, views::page(&ctx, &shown)))
}

/// The page's facts: the settings now, the commission, the history and what was sent.
async fn shown(state: &AppState, sent: Submitted, setup: bool) -> Result<Shown, AppError> {
    let (commission_bp, history, posted) = db::run(&state.pool, |conn| {
        Ok((
            pricing::settings(conn)?.commission_bp,
            store::versions(conn, HISTORY)?,
            store::ledger_posted(conn)?,
        ))
    })
    .await?;
    Ok(Shown {
        settings: state.settings(),
        commission_bp,
        history,
        currency_fixed: posted,
        sent,
        problems: Vec::new(),
        warnings: Vec::new(),
        setup,
    })
}

/// The form's fields as sent: the languages repeat (one per ticked box) and an unticked
/// switch is absent, so the body is read as pairs.
fn submitted(body: &[u8]) -> Result<(Submitted, bool), AppError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let mut values = BTreeMap::new();
    for key in KEYS {
        if let Some(v) = field(key) {
            values.insert(key.to_string(), v);
        }
    }
    // The main language first, then the others ticked, so the list keeps its order.
    let first = field("first_language").and_then(|c| Lang::from_code(&c));
    let ticked: Vec<Lang> = pairs
        .iter()
        .filter(|(k, _)| k == "language")
        .filter_map(|(_, v)| Lang::from_code(v))
        .collect();
    if first.is_some() || !ticked.is_empty() {
        let mut langs: Vec<Lang> = first.into_iter().collect();
        langs.extend(ticked.into_iter().filter(|l| Some(*l) != first));
        let codes: Vec<&str> = langs.iter().map(|l| l.code()).collect();
        values.insert("languages".into(), codes.join(","));
    }
    if field("bets_shown").is_some() {
        let on = field("bets").is_some();
        values.insert("bets".into(), if on { "on" } else { "off" }.into());
    }
    let sent = Submitted {
        values,
        commission: field("commission").unwrap_or_default(),
        confirmed: field("confirmed").unwrap_or_default(),
    };
    Ok((sent, field("setup").is_some()))
}

pub async fn save(
    ctx: Ctx,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let (sent, setup) = submitted(&body)?;
    let now = state.clock.now();
    let live = state.live_settings.clone();
    let form = sent.clone();
    let outcome = db::run(&state.pool, move |conn| {
        let outcome = write_tx(conn, |tx| service::save(tx, &live, &form, actor, now))?;
        if matches!(outcome, Outcome::Saved(Some(_))) {
            // Committed: from now on every request and job reads the new values.
            live.apply(&crate::state::stored_settings(conn)?)
                .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
        }
        Ok(outcome)
    })
    .await?;
    let next = if setup {
        "/setup/next"
    } else {
        "/admin/settings"
    };
    match outcome {
        Outcome::Saved(Some(_)) => Ok(redirect_flash(
            next,
            FlashLevel::Success,
            "flash-settings-saved",
        )),
        Outcome::Saved(None) => Ok(redirect_flash(
            next,
            FlashLevel::Info,
            "flash-settings-unchanged",
        )),
        Outcome::Invalid(problems) => {
            let mut shown = shown(&state, sent, setup).await?;
            shown.problems = problems;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::page(&ctx, &shown),
            ))
        }
        Outcome::Confirm(warnings) => {
            let mut shown = shown(&state, sent, setup).await?;
            shown.warnings = warnings;
            Ok(html(StatusCode::OK, views::page(&ctx, &shown)))
        }
    }
}
