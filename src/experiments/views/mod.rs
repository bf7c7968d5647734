//! Experiments' pages: the list here; the form, the report, its chart and CSV in their files.

pub mod chart;
pub mod csv;
pub mod detail;
pub mod figures;
pub mod form;

use maud::{Markup, html};

use crate::experiments::model::{DecisionKind, ExperimentStatus};
use crate::experiments::service::may_run;
use crate::experiments::store::Experiment;
use crate::web::components::empty_state;
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn status_badge(ctx: &Ctx, status: ExperimentStatus) -> Markup {
    let colour = match status {
        ExperimentStatus::Draft => "new",
        ExperimentStatus::Running => "in_progress",
        ExperimentStatus::Stopped => "completed",
    };
    html! { span.status-badge.(colour) { (ctx.t(status.label_key())) } }
}

pub fn list(ctx: &Ctx, all: &[Experiment]) -> Markup {
    let title = ctx.t("experiments-title");
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head {
                h1 { (title) }
                a role="button" href="/manage/experiments/new?decision=screening" { (ctx.t("experiments-new-screening")) }
                // Matching experiments are set up by admins (the settings are theirs).
                @if ctx.user.as_ref().is_some_and(|u| may_run(u.role, DecisionKind::Matching)) {
                    a role="button" .secondary href="/manage/experiments/new?decision=matching" { (ctx.t("experiments-new-matching")) }
                }
            }
            p.muted { (ctx.t("experiments-intro")) }
            @if all.is_empty() {
                (empty_state(&ctx.t("experiments-empty-title"), &ctx.t("experiments-empty-text")))
            } @else {
                div.table-wrap { table.phone-cards {
                    thead { tr {
                        th { (ctx.t("experiments-col-name")) }
                        th { (ctx.t("experiments-col-decision")) }
                        th { (ctx.t("experiments-col-status")) }
                        th { (ctx.t("experiments-col-primary")) }
                        th { (ctx.t("experiments-col-started")) }
                    } }
                    tbody { @for e in all { tr {
                        td data-label=(ctx.t("experiments-col-name")) { a href={ "/manage/experiments/" (e.id) } { (e.name) } }
                        td data-label=(ctx.t("experiments-col-decision")) { (ctx.t(e.decision.label_key())) }
                        td data-label=(ctx.t("experiments-col-status")) { (status_badge(ctx, e.status)) }
                        td data-label=(ctx.t("experiments-col-primary")) { (ctx.t(e.primary_metric.label_key())) }
                        td data-label=(ctx.t("experiments-col-started")) {
                            @if let Some(at) = e.started_at { (ctx.tr.datetime(at)) } @else { "—" }
                        }
                    } } }
                } }
            }
        },
    )
}
