//! Worker pages (phone first): the job page, kit and start (the report is in `report`;
//! offers and jobs are on the worker's home, in `home`).

use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{actor_for, load_details, simple_step};
use crate::config::UploadLimits;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::orders::files::MAX_FILES;
use crate::orders::service::Command;
use crate::orders::views;
use crate::orders::views::Details;
use crate::orders::views::worker::{JobPage, ReportProblem};
use crate::state::AppState;
use crate::web::ctx::Ctx;
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
        quick_report_minutes: state.settings.orders.quick_report_minutes,
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
