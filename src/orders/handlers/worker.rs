//! Worker pages (phone first): the job page, kit and start (the report is in `report`;
//! offers and jobs are on the worker's home, in `home`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{ReasonForm, ReasonStep, actor_for, load_details, reason_step, simple_step};
use crate::config::UploadLimits;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::orders::model::{Action, decide};
use crate::orders::service::Hooks;
use crate::orders::service::files::MAX_FILES;
use crate::orders::service::{Command, withdrawal_is_late};
use crate::orders::views;
use crate::orders::views::Details;
use crate::orders::views::worker::{JobPage, ReportProblem};
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;
use crate::web::uploads::UploadProblem;

pub async fn job(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let details = load_details(&state, actor_for(ctx.user()?)?, id.into_inner()).await?;
    Ok(job_view(&ctx, &state, &details, None))
}

pub(super) fn job_view(
    ctx: &Ctx,
    state: &AppState,
    details: &Details,
    problem: Option<ReportProblem>,
) -> Markup {
    let page = JobPage {
        problem,
        quick_report_minutes: state.settings().orders.quick_report_minutes,
        now: state.clock.now(),
    };
    views::worker::job_page(ctx, details, &page)
}

pub(super) fn job_path(id: i64) -> String {
    format!("/worker/jobs/{id}")
}

/// The one-button steps on the job page: accept or decline the offer, confirm the kit, start.
pub async fn step(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
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
    simple_step(state, &hooks, ctx.user.as_ref(), id, cmd, back, success).await
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
    let late = withdrawal_is_late(&state.settings(), &details.order, now);
    Ok(html(
        StatusCode::OK,
        views::worker::withdraw_page(&ctx, &details, late),
    ))
}

/// Backs out of the job with a reason: the order goes back to matching without this worker.
pub async fn withdraw(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
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
        &hooks,
        ctx.user.as_ref(),
        id,
        &form.reason,
        step,
        |reason| Command::Withdraw { reason },
    )
    .await
}
/// A refused upload's message, with the limit it crossed.
pub(super) fn upload_message(ctx: &Ctx, problem: UploadProblem, limits: &UploadLimits) -> String {
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
