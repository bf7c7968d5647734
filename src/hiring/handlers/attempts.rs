//! Taking a test (candidate) and assigning one (manager).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::hiring::model::grading::{Answer, Question};
use crate::hiring::service::attempts::{self, Assignment, Customisation};
use crate::hiring::store;
use crate::hiring::store::screening_tests::{self as tests_store, TestQuestion};
use crate::hiring::views::attempts::{autosave, page};
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html as html_response;

/// The user's own assignment (a candidate's screening test, or a worker's re-certification),
/// or 404.
async fn own(ctx: &Ctx, state: &AppState, id: i64) -> Result<Assignment, AppError> {
    let user_id = ctx.user()?.id;
    db::run(&state.pool, move |conn| {
        let candidate = store::by_user(conn, user_id)?.map(|c| c.id);
        attempts::get(conn, id)?
            .filter(|a| {
                a.worker_id == Some(user_id) || (candidate.is_some() && a.candidate_id == candidate)
            })
            .ok_or(AppError::NotFound)
    })
    .await
}

pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let a = own(&ctx, &state, id.into_inner()).await?;
    let (ids, attempt) = (a.question_ids.clone(), a.id);
    let (questions, saved) = db::run(&state.pool, move |conn| {
        Ok((
            tests_store::questions_by_ids(conn, &ids)?,
            crate::hiring::store::attempts::answers(conn, attempt)?,
        ))
    })
    .await?;
    Ok(page(&ctx, &a, &questions, &saved, None))
}

pub async fn start(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let a = own(&ctx, &state, id.into_inner()).await?;
    let now = state.clock.now();
    let back = format!("{}{}", a.base_path(), a.id);
    let started = db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| attempts::start(tx, now, &a))?)
    })
    .await?;
    Ok(if started {
        redirect_flash(&back, FlashLevel::Info, "flash-attempt-started")
    } else {
        redirect_flash(&back, FlashLevel::Error, "flash-attempt-not-open")
    })
}

/// Reads `q{id}` fields into answers; a field for a question not in the assignment is kept
/// (and refused by `submit`), so tampering is noticed rather than ignored.
fn parse_answers(body: &[u8], questions: &[TestQuestion]) -> Result<Vec<(i64, Answer)>, AppError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest)?;
    let mut answers: Vec<(i64, Answer)> = Vec::new();
    for (k, v) in pairs {
        let Some(id) = k.strip_prefix('q').and_then(|s| s.parse::<i64>().ok()) else {
            continue;
        };
        let Some(q) = questions.iter().find(|q| q.id == id) else {
            answers.push((id, Answer::Text { text: v }));
            continue;
        };
        match &q.question {
            Question::SingleChoice { .. } | Question::MultipleChoice { .. } => {
                let pick: usize = v.parse().map_err(|_| AppError::BadRequest)?;
                match answers.iter_mut().find(|(q, _)| *q == id) {
                    Some((_, Answer::Choice { picked })) => picked.push(pick),
                    _ => answers.push((id, Answer::Choice { picked: vec![pick] })),
                }
            }
            Question::Numeric { .. } if v.trim().is_empty() => {}
            Question::Numeric { .. } => {
                let value: f64 = v
                    .trim()
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| AppError::BadRequest)?;
                answers.push((id, Answer::Number { value }));
            }
            Question::FreeText => answers.push((
                id,
                Answer::Text {
                    text: v.chars().take(4000).collect(),
                },
            )),
        }
    }
    Ok(answers)
}

/// Autosave (htmx, on every change): keeps the answers so far; answers a tiny status line.
pub async fn save(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let a = own(&ctx, &state, id.into_inner()).await?;
    let test_id = a.test_id;
    let all = db::run(&state.pool, move |conn| {
        Ok(tests_store::questions(conn, test_id)?)
    })
    .await?;
    let answers = parse_answers(&body, &all)?;
    let now = state.clock.now();
    let saved = db::run(&state.pool, move |conn| {
        attempts::save(conn, now, &a, &answers)
    })
    .await;
    let (status, key) = match saved {
        Ok(()) => (StatusCode::OK, "attempt-saved"),
        Err(AppError::Refused(key)) => (StatusCode::UNPROCESSABLE_ENTITY, key),
        Err(e) => return Err(e),
    };
    Ok(html_response(status, autosave(&ctx, key)))
}

pub async fn submit(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let a = own(&ctx, &state, id.into_inner()).await?;
    let ids = a.question_ids.clone();
    // Parse against every question of the test, so a foreign id is recognised as such.
    let test_id = a.test_id;
    let (questions, all) = db::run(&state.pool, move |conn| {
        Ok((
            tests_store::questions_by_ids(conn, &ids)?,
            tests_store::questions(conn, test_id)?,
        ))
    })
    .await?;
    let answers = parse_answers(&body, &all)?;
    let typed = answers.clone();
    let now = state.clock.now();
    let a2 = a.clone();
    let settings = state.settings();
    let result = db::run(&state.pool, move |conn| {
        attempts::submit(conn, &settings, now, &a2, &answers)
    })
    .await;
    let home = if a.worker_id.is_some() {
        "/worker/profile"
    } else {
        "/candidate"
    };
    match result {
        Ok(_) => Ok(redirect_flash(
            home,
            FlashLevel::Success,
            "flash-attempt-submitted",
        )),
        Err(AppError::Refused(key)) => Ok(html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&ctx, &a, &questions, &typed, Some(key)),
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AssignForm {
    test: String,
    take: String,
    shuffle: String,
    pass_mark: String,
}

impl AssignForm {
    /// The test and how it is tailored; a malformed number is a bad request.
    fn parse(&self) -> Result<(i64, Customisation), AppError> {
        let test_id: i64 = self.test.parse().map_err(|_| AppError::BadRequest)?;
        let number = |v: &str| -> Result<Option<i64>, AppError> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            v.parse::<i64>().map(Some).map_err(|_| AppError::BadRequest)
        };
        let take = match self.take.trim() {
            "" => None,
            v => Some(v.parse::<usize>().map_err(|_| AppError::BadRequest)?),
        };
        Ok((
            test_id,
            Customisation {
                take,
                shuffle: self.shuffle == "1",
                pass_mark_bp: number(&self.pass_mark)?.map(|p| p * 100),
            },
        ))
    }
}

pub async fn assign(
    state: web::Data<AppState>,
    candidate_id: web::Path<i64>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let candidate_id = candidate_id.into_inner();
    let (test_id, c) = form.parse()?;
    let now = state.clock.now();
    let settings = state.settings();
    let seed = now.timestamp_micros() as u64 ^ candidate_id as u64;
    let result = db::run(&state.pool, move |conn| {
        if !store::exists(conn, candidate_id)? {
            return Err(AppError::NotFound);
        }
        attempts::assign(conn, &settings, now, candidate_id, test_id, c, seed)
    })
    .await;
    Ok(match result {
        Ok(_) => redirect_flash(
            "/manage/candidates",
            FlashLevel::Success,
            "flash-test-assigned",
        ),
        Err(AppError::Refused(key)) => redirect_flash("/manage/candidates", FlashLevel::Error, key),
        Err(e) => return Err(e),
    })
}
