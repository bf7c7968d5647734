//! Worker pages (phone first): the job page, kit, start and the report with its checklist
//! and files (offers and jobs are on the worker's home, in `home`).

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use futures_util::TryStreamExt;
use maud::Markup;

use super::{actor_for, after, load_details, run, simple_step};
use crate::error::AppError;
use crate::orders::files::{self, FileProblem, MAX_FILE_BYTES, MAX_FILES};
use crate::orders::records::OrderFile;
use crate::orders::service::Command;
use crate::orders::views;
use crate::state::AppState;
use crate::web::ctx::Ctx;
use crate::web::html;

pub async fn job(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let details = load_details(&state, actor_for(ctx.user()?)?, id.into_inner()).await?;
    Ok(views::worker::job_page(&ctx, &details, None))
}

fn job_path(id: i64) -> String {
    format!("/worker/jobs/{id}")
}

/// The one-button steps on the job page: accept or decline the offer, confirm the kit, start.
pub async fn step(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, step) = path.into_inner();
    let job = job_path(id);
    let (cmd, back, success) = match step.as_str() {
        "accept" => (Command::Accept, job.as_str(), "flash-offer-accepted"),
        "decline" => (Command::Decline, "/worker", "flash-offer-declined"),
        "kit" => (Command::ConfirmKit, job.as_str(), "flash-kit-confirmed"),
        "start" => (Command::Start, job.as_str(), "flash-job-started"),
        _ => return Err(AppError::NotFound),
    };
    simple_step(state, ctx.user.as_ref(), id, cmd, back, success).await
}

/// What the report form sent, before checks.
#[derive(Default)]
struct ReportUpload {
    note: String,
    checked: Vec<i64>,
    files: Vec<(String, Vec<u8>)>,
}

const MAX_TEXT_BYTES: usize = 8 * 1024;

/// Reads the multipart report, stopping at the limits instead of buffering whatever comes.
async fn read_upload(
    mut payload: Multipart,
) -> Result<Result<ReportUpload, FileProblem>, AppError> {
    let mut upload = ReportUpload::default();
    while let Some(mut field) = payload.try_next().await.map_err(|_| AppError::BadRequest)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_string);
        let limit = if name == "files" {
            MAX_FILE_BYTES
        } else {
            MAX_TEXT_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.try_next().await.map_err(|_| AppError::BadRequest)? {
            if bytes.len() + chunk.len() > limit {
                return Ok(Err(if name == "files" {
                    FileProblem::TooLarge
                } else {
                    FileProblem::BadName
                }));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "note" => upload.note = String::from_utf8(bytes).map_err(|_| AppError::BadRequest)?,
            "checked" => upload.checked.push(
                String::from_utf8_lossy(&bytes)
                    .trim()
                    .parse()
                    .map_err(|_| AppError::BadRequest)?,
            ),
            "files" => {
                let file_name = file_name.unwrap_or_default();
                // An empty file input still sends an empty, unnamed part.
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                if upload.files.len() == MAX_FILES {
                    return Ok(Err(FileProblem::TooMany));
                }
                upload.files.push((file_name, bytes));
            }
            _ => {}
        }
    }
    Ok(Ok(upload))
}

/// Stores the checked files (name, content type, bytes) on the blocking pool.
async fn store_files(
    state: &AppState,
    checked: Vec<(String, &'static str, Vec<u8>)>,
) -> Result<Vec<OrderFile>, AppError> {
    let data_dir = state.settings.data_dir.clone();
    let stored = web::block(move || -> std::io::Result<Vec<OrderFile>> {
        checked
            .into_iter()
            .map(|(file_name, content_type, bytes)| {
                let sha256 = files::store(&data_dir, &bytes)?;
                Ok(OrderFile {
                    id: 0,
                    sha256,
                    file_name,
                    content_type: content_type.to_string(),
                    size_bytes: bytes.len() as i64,
                })
            })
            .collect()
    })
    .await
    .map_err(|e| anyhow::anyhow!(e))?
    .map_err(anyhow::Error::from)?;
    Ok(stored)
}

pub async fn report(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = actor_for(ctx.user()?)?;
    let details = load_details(&state, actor, id).await?;
    let rerender = |problem: &'static str| {
        Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::worker::job_page(&ctx, &details, Some(problem)),
        ))
    };
    let upload = match read_upload(payload).await? {
        Ok(upload) => upload,
        Err(problem) => return rerender(problem.message_key()),
    };
    let note = match crate::validate::text(&upload.note, 4000, true) {
        Some(note) => note,
        None => return rerender("err-report-note"),
    };
    let mut checked_files = Vec::new();
    for (name, bytes) in &upload.files {
        match files::check(name, bytes) {
            Ok(content_type) => checked_files.push((name.clone(), content_type, bytes.clone())),
            Err(problem) => return rerender(problem.message_key()),
        }
    }
    // Content-addressed storage: writing before the transaction is safe (same bytes, same
    // place), and a refused step leaves only unreferenced copies.
    let stored = store_files(&state, checked_files).await?;
    let result = run(
        &state,
        actor,
        id,
        Command::Report {
            note,
            checked: upload.checked,
            files: stored,
        },
    )
    .await;
    after(&job_path(id), result, "flash-report-sent")
}
