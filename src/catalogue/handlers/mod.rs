//! HTTP handlers of the catalogue: public browsing and the managers' editor.

pub mod skills;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::model::skills::Skills;
use super::model::{ChecklistForm, OptionForm, ServiceForm, ServiceInput};
use super::service::skills as skills_service;
use super::store::skills as skills_store;
use super::{store, views};
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::validate::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::{html, parse_flag, saved_or_missing};

pub async fn browse(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let services = db::run(&state.pool, |conn| Ok(store::services(conn, true)?)).await?;
    Ok(views::browse(&ctx, &services))
}

pub async fn manage_list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let (services, skills, uncovered) = db::run(&state.pool, |conn| {
        let uncovered = skills_store::uncovered(conn)?;
        Ok((
            store::services(conn, false)?,
            skills_store::all(conn)?,
            uncovered.iter().map(|s| s.id).collect(),
        ))
    })
    .await?;
    Ok(views::manage_list(&ctx, &services, &skills, &uncovered))
}

async fn skill_list(state: &AppState) -> Result<Skills, AppError> {
    db::run(&state.pool, |conn| Ok(skills_store::all(conn)?)).await
}

pub async fn new_form(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let skills = skill_list(&state).await?;
    let form = ServiceForm::default();
    Ok(views::service_form(
        &ctx,
        &form,
        &FormErrors::default(),
        &skills,
    ))
}

/// The form checked, then its skill against the list (a skill it already needs may stay,
/// retired or not); the errors to show otherwise.
async fn checked(
    state: &AppState,
    form: &ServiceForm,
    languages: &[Lang],
    current: Option<String>,
) -> Result<Result<ServiceInput, FormErrors>, AppError> {
    let input = match ServiceInput::parse(form, languages) {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    let skill = input.skill.clone();
    let listed = db::run(&state.pool, move |conn| {
        Ok(skills_service::service_may_need(
            conn,
            &skill,
            current.as_deref(),
        )?)
    })
    .await?;
    if listed {
        return Ok(Ok(input));
    }
    let mut errors = FormErrors::default();
    errors.add("skill", "err-skill-unknown");
    Ok(Err(errors))
}

pub async fn create(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<ServiceForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let languages = state.settings().business.languages.clone();
    let input = match checked(&state, &form, &languages, None).await? {
        Ok(input) => input,
        Err(errors) => {
            let skills = skill_list(&state).await?;
            let page = views::service_form(&ctx, &form, &errors, &skills);
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let now = state.clock.now();
    let created = db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| store::insert_service(tx, &input, now))?)
    })
    .await?;
    match created {
        Some(id) => Ok(redirect_flash(
            &format!("/manage/services/{id}"),
            FlashLevel::Success,
            "flash-saved",
        )),
        None => {
            let mut errors = FormErrors::default();
            errors.add("code", "err-code-taken");
            let skills = skill_list(&state).await?;
            let page = views::service_form(&ctx, &form, &errors, &skills);
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

async fn load_editor(state: &AppState, id: i64) -> Result<views::Editor, AppError> {
    db::run(&state.pool, move |conn| {
        let service = store::service(conn, id)?.ok_or(AppError::NotFound)?;
        let uncovered = skills_store::uncovered(conn)?.iter().any(|s| s.id == id);
        Ok(views::Editor {
            skills: skills_store::all(conn)?,
            uncovered,
            options: store::options(conn, id, false)?,
            checklist: store::checklist(conn, id)?,
            materials: crate::supply::service::materials::load(conn, id)?,
            service,
        })
    })
    .await
}

pub async fn edit(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let editor = load_editor(&state, id.into_inner()).await?;
    Ok(views::editor(&ctx, &editor, &FormErrors::default(), None))
}

pub async fn update(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ServiceForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let editor = load_editor(&state, id).await?;
    let current = Some(editor.service.skill.clone());
    let languages = state.settings().business.languages.clone();
    let input = match checked(&state, &form, &languages, current).await? {
        Ok(input) => input.keeping_unused(&editor.service, &languages),
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::editor(&ctx, &editor, &errors, Some(&form)),
            ));
        }
    };
    let now = state.clock.now();
    let saved = db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            store::update_service(tx, id, &input, now)
        })?)
    })
    .await?;
    if !saved {
        let mut errors = FormErrors::default();
        errors.add("code", "err-code-taken");
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::editor(&ctx, &editor, &errors, Some(&form)),
        ));
    }
    Ok(redirect_flash(
        &format!("/manage/services/{id}"),
        FlashLevel::Success,
        "flash-saved",
    ))
}

#[derive(Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    active: String,
}

pub async fn set_active(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ActiveForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let active = parse_flag(&form.active)?;
    let n = db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            store::set_service_active(tx, id, active)
        })?)
    })
    .await?;
    saved_or_missing(n > 0, &format!("/manage/services/{id}"))
}

pub async fn add_option(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<OptionForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/manage/services/{id}");
    let Some((name, price)) = form.parse(&state.settings().business.languages) else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-option-invalid",
        ));
    };
    db::run(&state.pool, move |conn| {
        store::service(conn, id)?.ok_or(AppError::NotFound)?;
        Ok(write_tx(conn, |tx| {
            store::insert_option(tx, id, &name.en, &name.ru, price)
        })?)
    })
    .await?;
    Ok(redirect_flash(&back, FlashLevel::Success, "flash-saved"))
}

pub async fn set_option_active(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<ActiveForm>,
) -> Result<HttpResponse, AppError> {
    let (id, option_id) = path.into_inner();
    let active = parse_flag(&form.active)?;
    let n = db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            store::set_option_active(tx, id, option_id, active)
        })?)
    })
    .await?;
    saved_or_missing(n > 0, &format!("/manage/services/{id}"))
}

pub async fn add_checklist_item(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ChecklistForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/manage/services/{id}");
    let Some(item) = form.parse(&state.settings().business.languages) else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-checklist-invalid",
        ));
    };
    db::run(&state.pool, move |conn| {
        store::service(conn, id)?.ok_or(AppError::NotFound)?;
        Ok(write_tx(conn, |tx| {
            store::insert_checklist_item(tx, id, &item.en, &item.ru)
        })?)
    })
    .await?;
    Ok(redirect_flash(&back, FlashLevel::Success, "flash-saved"))
}

pub async fn remove_checklist_item(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, item_id) = path.into_inner();
    let n = db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            store::remove_checklist_item(tx, id, item_id)
        })?)
    })
    .await?;
    saved_or_missing(n > 0, &format!("/manage/services/{id}"))
}
