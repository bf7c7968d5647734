//! Applying to become a worker (`/apply`, open to anyone) and the candidate's own page.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use maud::{Markup, html};
use rusqlite::Connection;

use super::store;
use crate::auth::model::Role;
use crate::auth::service::{self as accounts, AccountError, NewAccount};
use crate::auth::session::{client_ip, start_session, user_agent};
use crate::catalogue::model::Service;
use crate::catalogue::store as catalogue;
use crate::config::Settings;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::text;
use crate::web::components::{FormErrors, csrf_field, field_error, input, textarea};
use crate::web::ctx::{Ctx, FlashLevel, redirect, redirect_flash};
use crate::web::{html as html_response, layout};

/// The application as typed (skills repeat).
#[derive(Debug, Default, Clone)]
pub struct ApplyForm {
    pub name: String,
    pub email: String,
    pub password: String,
    pub phone: String,
    pub about: String,
    pub skills: Vec<String>,
}

impl ApplyForm {
    fn parse(body: &[u8]) -> Result<ApplyForm, AppError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest)?;
        let mut f = ApplyForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "name" => f.name = v,
                "email" => f.email = v,
                "password" => f.password = v,
                "phone" => f.phone = v,
                "about" => f.about = v,
                "skills" => f.skills.push(v),
                _ => {}
            }
        }
        Ok(f)
    }
}

/// Digits with the usual separators, 5–20 digits.
fn normalize_phone(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    (allowed && (5..=20).contains(&digits)).then(|| phone.to_string())
}

/// Validates and records the application: a candidate account and what they offer, in one
/// transaction. Returns the new user's id.
pub fn submit(
    conn: &mut Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    f: &ApplyForm,
    language: crate::i18n::Lang,
) -> Result<Result<i64, FormErrors>, AppError> {
    let mut errors = FormErrors::default();
    let account = accounts::validate_account(&f.name, &f.email, &f.password);
    if let Err(problems) = &account {
        for p in problems {
            if let AccountError::Field(field, key) = p {
                errors.add(field, key.0);
            }
        }
    }
    let phone = normalize_phone(&f.phone);
    if phone.is_none() {
        errors.add("phone", "err-phone");
    }
    let about = text(&f.about, 2000, false);
    if about.is_none() {
        errors.add("about", "err-text-2000");
    }
    let active: Vec<Service> = catalogue::services(conn, true)?;
    let skills: Option<Vec<i64>> = f
        .skills
        .iter()
        .map(|s| {
            s.parse::<i64>()
                .ok()
                .filter(|id| active.iter().any(|a| a.id == *id))
        })
        .collect();
    let skills = skills.filter(|s| !s.is_empty());
    if skills.is_none() {
        errors.add("skills", "err-skills");
    }
    let (Ok((name, email)), Some(phone), Some(about), Some(skills)) =
        (account, phone, about, skills)
    else {
        return Ok(Err(errors));
    };
    let hash = crate::auth::password::hash(&f.password)?;
    let new = NewAccount {
        name,
        email,
        password: String::new(),
        role: Role::Candidate,
        language,
    };
    write_tx(conn, |tx| -> Result<_, AppError> {
        match accounts::insert_account(tx, settings, now, &new, &hash) {
            Ok((user_id, _)) => {
                store::insert(tx, user_id, &phone, &about, &skills, now)?;
                Ok(Ok(user_id))
            }
            Err(e) if e.refusal().is_none() => Err(e),
            Err(_) => {
                let mut taken = FormErrors::default();
                taken.add("email", "err-email-taken");
                Ok(Err(taken))
            }
        }
    })
}

fn page(ctx: &Ctx, services: &[Service], f: &ApplyForm, e: &FormErrors) -> Markup {
    let title = ctx.t("apply-title");
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p { (ctx.t("apply-lead")) }
                form method="post" action="/apply" novalidate {
                    (csrf_field(ctx))
                    (input(ctx, e, "name", "field-name", &f.name, "text"))
                    (input(ctx, e, "email", "field-email", &f.email, "email"))
                    (input(ctx, e, "password", "field-password", "", "password"))
                    (input(ctx, e, "phone", "field-phone", &f.phone, "tel"))
                    fieldset {
                        legend { (ctx.t("apply-skills")) }
                        @for s in services {
                            label { input type="checkbox" name="skills" value=(s.id) checked[f.skills.contains(&s.id.to_string())]; (s.name(ctx.tr.lang)) }
                        }
                    }
                    (field_error(ctx, e, "skills"))
                    (textarea(ctx, e, "about", "apply-about", &f.about))
                    button type="submit" { (ctx.t("apply-submit")) }
                }
            }
        },
    )
}

pub async fn form(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if let Some(user) = &ctx.user {
        return Ok(redirect(user.role.home()));
    }
    let services = db::run(&state.pool, |conn| Ok(catalogue::services(conn, true)?)).await?;
    Ok(html_response(
        StatusCode::OK,
        page(
            &ctx,
            &services,
            &ApplyForm::default(),
            &FormErrors::default(),
        ),
    ))
}

pub async fn submit_form(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let f = ApplyForm::parse(&body)?;
    let settings = state.settings.clone();
    let now = state.clock.now();
    let (lang, form) = (ctx.tr.lang, f.clone());
    let (ip, ua) = (client_ip(&req, &settings), user_agent(&req));
    let result = db::run(&state.pool, move |conn| {
        Ok(match submit(conn, &settings, now, &form, lang)? {
            Ok(user_id) => Ok(accounts::open_session(
                conn, &settings, now, user_id, &ip, &ua,
            )?),
            Err(errors) => Err(errors),
        })
    })
    .await?;
    match result {
        Ok(token) => {
            state.jobs.kick_outbox().await;
            let mut res =
                redirect_flash(Role::Candidate.home(), FlashLevel::Success, "flash-applied");
            start_session(&mut res, &state.settings, token)?;
            Ok(res)
        }
        Err(errors) => {
            let services =
                db::run(&state.pool, |conn| Ok(catalogue::services(conn, true)?)).await?;
            Ok(html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&ctx, &services, &f, &errors),
            ))
        }
    }
}

/// The candidate's home: where their application stands.
pub async fn candidate_home(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let user_id = ctx.user()?.id;
    let (candidate, assignments) = db::run(&state.pool, move |conn| {
        let candidate = store::by_user(conn, user_id)?;
        let assignments = match &candidate {
            Some(c) => super::attempts::for_candidate(conn, c.id)?,
            None => Vec::new(),
        };
        Ok((candidate, assignments))
    })
    .await?;
    let title = ctx.t("nav-my-application");
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            h1 { (title) }
            @match &candidate {
                Some(c) => {
                    article {
                        p { (ctx.t("apply-status")) ": " strong { (ctx.t(&format!("candidate-status-{}", c.status))) } }
                        p.muted { (ctx.t("apply-applied-at")) " " (ctx.tr.datetime(c.applied_at)) }
                        p { (ctx.t("apply-skills")) ": " (c.skills.iter().map(|(en, ru)| if ctx.tr.lang == crate::i18n::Lang::Ru { ru.as_str() } else { en.as_str() }).collect::<Vec<_>>().join(", ")) }
                    }
                    @if assignments.is_empty() {
                        (crate::web::components::empty_state(&ctx.t("candidate-empty-title"), &ctx.t("candidate-empty-text")))
                    } @else {
                        h2 { (ctx.t("attempt-my-tests")) }
                        ul { @for a in &assignments {
                            li { a href={ "/candidate/tests/" (a.id) } { (a.test_title) } " — " (ctx.t(&format!("attempt-status-{}", a.status))) }
                        } }
                    }
                }
                None => { (crate::web::components::empty_state(&ctx.t("candidate-empty-title"), &ctx.t("candidate-empty-text"))) }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::normalize_phone;

    #[test]
    fn phones_allow_the_usual_separators_only() {
        assert_eq!(
            normalize_phone(" +7 (999) 123-45-67 ").as_deref(),
            Some("+7 (999) 123-45-67")
        );
        for bad in ["", "1234", "call me", "+7 999 123 45 67 89 01 23 45 67"] {
            assert_eq!(normalize_phone(bad), None, "{bad}");
        }
    }
}
