//! Worker pages (phone first): the job page, kit, start and the report with its checklist
//! and files (offers and jobs are on the worker's home, in `home`).

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use super::{
    ReasonForm, ReasonStep, actor_for, after, load_details, reason_step, run, simple_step,
};
use crate::config::UploadLimits;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::orders::files::{self, FileProblem, MAX_FILES};
use crate::orders::model::{Action, decide};
use crate::orders::records::OrderFile;
use crate::orders::service::{Command, withdrawal_is_late};
use crate::orders::views;
use crate::orders::views::Details;
use crate::orders::views::worker::{JobPage, ReportProblem};
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;
use crate::web::uploads::{
    Expect, Received, ReceivedFile, UploadProblem, declared_too_large, receive,
};

pub async fn job(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let details = load_details(&state, actor_for(ctx.user()?)?, id.into_inner()).await?;
    Ok(job_view(&ctx, &state, &details, None))
}

fn job_view(
    ctx: &Ctx,
    state: &AppState,
    details: &Details,
    problem: Option<ReportProblem>,
) -> Markup {
    let page = JobPage {
        problem,
        quick_report_minutes: state.settings.orders.quick_report_minutes,
    };
    views::worker::job_page(ctx, details, &page)
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

/// The form to back out of an accepted job (until the kit is handed over).
pub async fn withdraw_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = actor_for(ctx.user()?)?;
    let details = load_details(&state, actor, id).await?;
    if let Err(refusal) = decide(&details.facts, actor, &Action::Withdraw) {
        return Ok(redirect_flash(&job_path(id), FlashLevel::Error, refusal.0));
    }
    let now = state.clock.now();
    let late = withdrawal_is_late(&state.settings, &details.order, now);
    Ok(html(
        StatusCode::OK,
        views::worker::withdraw_page(&ctx, &details, late),
    ))
}

/// Backs out of the job with a reason: the order goes back to matching without this worker.
pub async fn withdraw(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let page = format!("{}/cancel", job_path(id));
    let step = ReasonStep {
        max_chars: 500,
        required: true,
        on_problem: &page,
        problem: "flash-withdraw-reason",
        back: "/worker",
        success: "flash-job-withdrawn",
    };
    reason_step(
        &state,
        ctx.user.as_ref(),
        id,
        &form.reason,
        step,
        |reason| Command::Withdraw { reason },
    )
    .await
}

/// The report's files, checked and moved into place: a refused type removes them all.
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
    let data_dir = state.settings.data_dir.clone();
    let placed = web::block(move || -> std::io::Result<Vec<OrderFile>> {
        checked
            .into_iter()
            .map(|(file, content_type)| {
                files::place(&data_dir, file.temp.path(), &file.sha256)?;
                file.temp.keep();
                Ok(OrderFile {
                    id: 0,
                    sha256: file.sha256,
                    file_name: file.file_name,
                    content_type: content_type.to_string(),
                    size_bytes: file.size as i64,
                })
            })
            .collect()
    })
    .await
    .map_err(|e| anyhow::anyhow!(e))?
    .map_err(anyhow::Error::from)?;
    Ok(Ok(placed))
}

/// A refused upload's message, with the limit it crossed.
fn upload_message(ctx: &Ctx, problem: UploadProblem, limits: &UploadLimits) -> String {
    let mb = |bytes: u64| Arg::from((bytes / (1024 * 1024)) as i64);
    match problem {
        UploadProblem::FileTooLarge => ctx
            .tr
            .t_args("err-file-large", &[("mb", mb(limits.max_file_bytes))]),
        UploadProblem::RequestTooLarge => ctx.tr.t_args(
            "err-upload-request-large",
            &[("mb", mb(limits.max_request_bytes))],
        ),
        UploadProblem::TooManyFiles => ctx
            .tr
            .t_args("err-file-many", &[("count", Arg::from(MAX_FILES as i64))]),
        other => ctx.t(other.message_key()),
    }
}

/// What the report form sent, read before the files: kept to show again on a refusal.
struct Typed {
    note: String,
    checked: Vec<i64>,
}

impl Typed {
    fn from(received: &Received) -> Result<Typed, AppError> {
        let checked = received
            .all("checked")
            .map(|v| v.trim().parse::<i64>().map_err(|_| AppError::BadRequest))
            .collect::<Result<Vec<_>, _>>()?;
        let note = received.text("note").unwrap_or("").to_string();
        Ok(Typed { note, checked })
    }
}

/// The job page again, with the typed report and the message beside its field.
fn refused(
    ctx: &Ctx,
    state: &AppState,
    details: &Details,
    typed: &Typed,
    (field, message): (&'static str, String),
) -> Result<HttpResponse, AppError> {
    let problem = ReportProblem {
        field,
        message: &message,
        note: &typed.note,
        checked: &typed.checked,
    };
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        job_view(ctx, state, details, Some(problem)),
    ))
}

/// The report: the order's state and the worker's right are checked before the body is read;
/// files stream to temporary files within the limits and are kept only for a report that
/// is recorded (the janitor removes what a failed transaction left). A refusal shows the
/// form again as it was typed, the message beside the field at fault.
pub async fn report(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let actor = actor_for(ctx.user()?)?;
    let details = load_details(&state, actor, id).await?;
    if let Err(refusal) = decide(&details.facts, actor, &Action::Report) {
        return Ok(redirect_flash(&job_path(id), FlashLevel::Error, refusal.0));
    }
    let limits = state.settings.security.uploads;
    if declared_too_large(&req, &limits) {
        let message = upload_message(&ctx, UploadProblem::RequestTooLarge, &limits);
        let nothing = Typed {
            note: String::new(),
            checked: vec![],
        };
        return refused(&ctx, &state, &details, &nothing, ("files", message));
    }
    let expect = Expect {
        limits,
        max_files: MAX_FILES,
        file_field: "files",
        temp_dir: files::temp_dir(&state.settings.data_dir),
    };
    let (received, problem) = receive(payload, &expect, &state.uploads_in_flight).await?;
    let typed = Typed::from(&received)?;
    let refuse = |at: (&'static str, String)| refused(&ctx, &state, &details, &typed, at);
    if let Some(problem) = problem {
        return refuse(("files", upload_message(&ctx, problem, &limits)));
    }
    let Some(note) = crate::validate::text(&typed.note, 4000, true) else {
        return refuse(("note", ctx.t("err-report-note")));
    };
    let files = match place_files(&state, received.files).await? {
        Ok(files) => files,
        Err(problem) => return refuse(("files", ctx.t(problem.message_key()))),
    };
    let checked = typed.checked.clone();
    let result = run(
        &state,
        actor,
        id,
        Command::Report {
            note,
            checked,
            files,
        },
    )
    .await;
    after(&job_path(id), result, "flash-report-sent")
}
