//! HTTP handlers of the skills list (admins): the page, adding, renaming, retiring.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::catalogue::model::skills::SkillForm;
use crate::catalogue::service::skills as service;
use crate::catalogue::store::skills as store;
use crate::catalogue::views::skills::{self as views, SkillsPage};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::{html, parse_flag};

const BACK: &str = "/admin/skills";

async fn load(state: &AppState) -> Result<SkillsPage, AppError> {
    db::run(&state.pool, |conn| {
        Ok(SkillsPage {
            skills: store::all(conn)?,
            services: store::services_by_skill(conn)?,
            on_duty: store::on_duty_counts(conn)?,
        })
    })
    .await
}

pub async fn page(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let page = load(&state).await?;
    Ok(views::page(
        &ctx,
        &page,
        &SkillForm::default(),
        &FormErrors::default(),
    ))
}

pub async fn add(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<SkillForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let languages = state.settings().business.languages.clone();
    let (code, names) = match form.new_skill(&languages) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = load(&state).await?;
            let markup = views::page(&ctx, &page, &form, &errors);
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, markup));
        }
    };
    let (actor, now) = (ctx.user()?.id, state.clock.now());
    let added = db::run(&state.pool, move |conn| {
        service::add(conn, now, actor, &code, &names)
    })
    .await;
    done(added.map(|_| ()))
}

pub async fn rename(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<SkillForm>,
) -> Result<HttpResponse, AppError> {
    let Ok(names) = form.names(&state.settings().business.languages) else {
        return Ok(redirect_flash(BACK, FlashLevel::Error, "flash-skill-names"));
    };
    let (id, actor, now) = (id.into_inner(), ctx.user()?.id, state.clock.now());
    let renamed = db::run(&state.pool, move |conn| {
        service::rename(conn, now, actor, id, &names)
    })
    .await;
    done(renamed)
}

#[derive(serde::Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    active: String,
}

pub async fn set_active(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ActiveForm>,
) -> Result<HttpResponse, AppError> {
    let active = parse_flag(&form.active)?;
    let (id, actor, now) = (id.into_inner(), ctx.user()?.id, state.clock.now());
    let changed = db::run(&state.pool, move |conn| {
        service::set_active(conn, now, actor, id, active)
    })
    .await;
    done(changed)
}

/// Back to the list: "Saved", or the refusal's reason.
fn done(result: Result<(), AppError>) -> Result<HttpResponse, AppError> {
    match result {
        Ok(()) => Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved")),
        Err(AppError::Refused(key)) => Ok(redirect_flash(BACK, FlashLevel::Error, key)),
        Err(e) => Err(e),
    }
}
