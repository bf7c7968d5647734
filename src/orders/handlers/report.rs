//! The worker's report: checklist, note and files, from the page's form (without script)
//! or from the phone's queued draft (`offline.js`, which asks for JSON). A draft sent twice
//! (the first answer was lost with the signal) gets the first result again; the time the
//! worker finished on the device is kept beside the arrival; stored photos lose their
//! location metadata.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};

use super::worker::{job_path, job_view, upload_message};
use super::{actor_for, load_details, run};
use crate::db;
use crate::error::AppError;
use crate::orders::model::{Action, EventAction, Status, decide};
use crate::orders::service::Command;
use crate::orders::service::Hooks;
use crate::orders::service::files::{self, FileProblem, MAX_FILES};
use crate::orders::store::records::{self, OrderFile};
use crate::orders::views::Details;
use crate::orders::views::worker::ReportProblem;
use crate::orders::{model::drafts, model::exif};
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;
use crate::web::uploads::{
    Expect, Received, ReceivedFile, UploadProblem, declared_too_large, receive,
};

/// What the report form sent, read before the files: kept to show again on a refusal.
pub struct Typed {
    pub note: String,
    pub checked: Vec<i64>,
    draft_id: String,
    finished_at: String,
}

impl Typed {
    fn from(received: &Received) -> Result<Typed, AppError> {
        let checked = received
            .all("checked")
            .map(|v| v.trim().parse::<i64>().map_err(|_| AppError::BadRequest))
            .collect::<Result<Vec<_>, _>>()?;
        let field = |name: &str| received.text(name).unwrap_or("").to_string();
        Ok(Typed {
            note: field("note"),
            checked,
            draft_id: field("draft_id"),
            finished_at: field("finished_at"),
        })
    }

    fn command(
        &self,
        note: String,
        files: Vec<OrderFile>,
        draft_id: Option<String>,
        finished_at: DateTime<Utc>,
    ) -> Command {
        Command::Report {
            note,
            checked: self.checked.clone(),
            files,
            draft_id,
            finished_at: Some(finished_at),
        }
    }

    fn nothing() -> Typed {
        Typed {
            note: String::new(),
            checked: vec![],
            draft_id: String::new(),
            finished_at: String::new(),
        }
    }
}

/// How the answer is written: a page for the form, JSON for the phone's draft queue (which
/// keeps the draft until it hears the report was recorded, and must tell a refusal it
/// should show from a failure it should retry).
#[derive(Clone, Copy)]
struct Reply {
    json: bool,
    order_id: i64,
}

impl Reply {
    fn new(req: &HttpRequest, order_id: i64) -> Reply {
        let json = req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
        Reply { json, order_id }
    }

    fn sent(self) -> HttpResponse {
        let to = job_path(self.order_id);
        let page = redirect_flash(&to, FlashLevel::Success, "flash-report-sent");
        if !self.json {
            return page;
        }
        let mut res = HttpResponse::Ok().json(serde_json::json!({ "ok": true, "location": to }));
        for cookie in page.cookies() {
            let _ = res.add_cookie(&cookie);
        }
        res
    }

    fn refused(self, ctx: &Ctx, key: &'static str) -> HttpResponse {
        if self.json {
            return HttpResponse::Conflict()
                .json(serde_json::json!({ "ok": false, "message": ctx.t(key) }));
        }
        redirect_flash(&job_path(self.order_id), FlashLevel::Error, key)
    }

    /// The job page again with the typed report and the message beside its field.
    fn problem(
        self,
        ctx: &Ctx,
        state: &AppState,
        details: &Details,
        typed: &Typed,
        (field, message): (&'static str, String),
    ) -> HttpResponse {
        if self.json {
            return HttpResponse::UnprocessableEntity()
                .json(serde_json::json!({ "ok": false, "field": field, "message": message }));
        }
        let problem = ReportProblem {
            field,
            message: &message,
            note: &typed.note,
            checked: &typed.checked,
        };
        html(
            StatusCode::UNPROCESSABLE_ENTITY,
            job_view(ctx, state, details, Some(problem)),
        )
    }
}

/// Whether this order's report was made from `draft`; a draft id of another order's report
/// is a forged request.
async fn already_sent(state: &AppState, order_id: i64, draft: &str) -> Result<bool, AppError> {
    let draft = draft.to_string();
    let found = db::run(&state.pool, move |conn| {
        Ok(records::draft_order(conn, &draft)?)
    })
    .await?;
    match found {
        Some(id) if id != order_id => Err(AppError::BadRequest),
        Some(_) => {
            tracing::info!(
                order_id,
                "report draft sent again: answered with the first result"
            );
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The report: the order's state and the worker's right are checked before the body is read
/// (except when a report exists: then the body may be a resend of its draft); files stream
/// to temporary files within the limits and are kept only for a report that is recorded.
pub async fn report(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reply = Reply::new(&req, id);
    let actor = actor_for(ctx.user()?)?;
    let details = load_details(&state, actor, id).await?;
    let refusal = decide(&details.facts, actor, &Action::Report).err();
    if let (Some(refusal), None) = (&refusal, &details.report) {
        return Ok(reply.refused(&ctx, refusal.0));
    }
    let limits = state.settings().security.uploads;
    if declared_too_large(&req, &limits) {
        let message = upload_message(&ctx, UploadProblem::RequestTooLarge, &limits);
        return Ok(reply.problem(
            &ctx,
            &state,
            &details,
            &Typed::nothing(),
            ("files", message),
        ));
    }
    let (received, problem) = receive(payload, &expect(&state), &state.uploads_in_flight).await?;
    let typed = Typed::from(&received)?;
    let draft = drafts::draft_id(&typed.draft_id).map_err(|_| AppError::BadRequest)?;
    if let Some(draft) = &draft
        && already_sent(&state, id, draft).await?
    {
        return Ok(reply.sent());
    }
    if let Some(refusal) = refusal {
        return Ok(reply.refused(&ctx, refusal.0));
    }
    let refuse = |at: (&'static str, String)| Ok(reply.problem(&ctx, &state, &details, &typed, at));
    let upload = problem.map(|p| upload_message(&ctx, p, &limits));
    let (note, finished_at) = match checked(&ctx, &typed, upload, &details, state.clock.now()) {
        Ok(checked) => checked,
        Err(at) => return refuse(at),
    };
    let files = match place_files(&state, received.files).await? {
        Ok(files) => files,
        Err(problem) => return refuse(("files", ctx.t(problem.message_key()))),
    };
    let cmd = typed.command(note, files, draft.clone(), finished_at);
    recorded(
        &ctx,
        &state,
        reply,
        draft,
        run(&state, &hooks, actor, id, cmd).await,
    )
    .await
}

/// How the report's files may arrive.
fn expect(state: &AppState) -> Expect<'_> {
    Expect {
        limits: state.settings().security.uploads,
        max_files: MAX_FILES,
        file_field: "files",
        temp_dir: files::temp_dir(&state.settings().data_dir),
    }
}

/// The note and the finishing time as the rules accept them, or the field at fault and why.
fn checked(
    ctx: &Ctx,
    typed: &Typed,
    upload_problem: Option<String>,
    details: &Details,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), (&'static str, String)> {
    if let Some(message) = upload_problem {
        return Err(("files", message));
    }
    let note = crate::validate::text(&typed.note, 4000, true)
        .ok_or_else(|| ("note", ctx.t("err-report-note")))?;
    let finished_at = drafts::finished_at(&typed.finished_at, started(details), now)
        .map_err(|problem| ("finished_at", ctx.t(problem.message_key())))?;
    Ok((note, finished_at))
}

/// When the job was started (the report may not be finished before).
fn started(details: &Details) -> Option<DateTime<Utc>> {
    details
        .events
        .iter()
        .rev()
        .find(|e| e.action == Some(EventAction::Start))
        .map(|e| e.at)
}

/// The answer once the report was applied. A refusal because the order is already reported
/// may be the same draft arriving twice at once: then the first one's result is the answer.
async fn recorded(
    ctx: &Ctx,
    state: &AppState,
    reply: Reply,
    draft: Option<String>,
    result: Result<Status, AppError>,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(_) => Ok(reply.sent()),
        Err(AppError::Refused(key)) => match draft {
            Some(draft) if already_sent(state, reply.order_id, &draft).await? => Ok(reply.sent()),
            _ => Ok(reply.refused(ctx, key)),
        },
        Err(other) => Err(other),
    }
}

/// The report's files, checked and moved into place (JPEG, PNG and WebP photos without
/// their metadata): a refused type removes them all.
async fn place_files(
    state: &AppState,
    received: Vec<ReceivedFile>,
) -> Result<Result<Vec<OrderFile>, FileProblem>, AppError> {
    let mut checked = Vec::new();
    for file in received {
        match files::check(&file.file_name, &file.head, file.size) {
            Ok(content_type) => checked.push((file, content_type)),
            Err(problem) => return Ok(Err(problem)),
        }
    }
    let data_dir = state.settings().data_dir.clone();
    let placed = web::block(move || -> std::io::Result<Vec<OrderFile>> {
        checked
            .into_iter()
            .map(|(file, content_type)| {
                let (sha256, size) = if content_type.starts_with("image/")
                    && let Some(clean) = exif::strip_metadata(&std::fs::read(file.temp.path())?)
                {
                    // Stored as the cleaned bytes; the upload as received is dropped.
                    (files::store(&data_dir, &clean)?, clean.len() as u64)
                } else {
                    files::place(&data_dir, file.temp.path(), &file.sha256)?;
                    file.temp.keep();
                    (file.sha256, file.size)
                };
                Ok(OrderFile {
                    id: 0,
                    sha256,
                    file_name: file.file_name,
                    content_type: content_type.to_string(),
                    size_bytes: size as i64,
                    removed: false,
                })
            })
            .collect()
    })
    .await
    .map_err(|e| anyhow::anyhow!(e))?
    .map_err(anyhow::Error::from)?;
    Ok(Ok(placed))
}
