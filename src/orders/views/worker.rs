//! Worker pages, built for a phone: offers, today's and upcoming jobs, the job page.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::{Details, status_badge};
use crate::orders::model::{EventAction, Status};
use crate::orders::store::Order;
use crate::quote::LineKind;
use crate::web::components::{csrf_field, empty_state, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// What the worker earns from the job: their part of the price and its share.
fn share(ctx: &Ctx, o: &Order) -> Markup {
    let (earnings, share_bp) = o.worker_share();
    html! {
        span.worker-share {
            (ctx.tr.t_args("worker-share", &[
                ("amount", ctx.tr.money(earnings, &o.currency).into()),
                ("percent", crate::billing::model::discounts::format_percent(share_bp).into()),
            ]))
        }
    }
}

fn job_card(ctx: &Ctx, o: &Order) -> Markup {
    html! {
        a.order-card href={ "/worker/jobs/" (o.id) } {
            span { strong { (o.service_name(ctx.tr.lang)) } " " (status_badge(ctx, o.status)) }
            span { (ctx.tr.datetime(o.scheduled_at)) }
            small.muted { (o.address_text) }
        }
    }
}

pub fn home(
    ctx: &Ctx,
    offers: &[(Order, DateTime<Utc>)],
    jobs: &[Order],
    now: DateTime<Utc>,
    on_duty: bool,
    summary: Markup,
) -> Markup {
    let title = ctx.t("nav-my-jobs");
    let today = now.with_timezone(&ctx.tr.tz).date_naive();
    let (today_jobs, later): (Vec<&Order>, Vec<&Order>) = jobs
        .iter()
        .partition(|o| o.scheduled_at.with_timezone(&ctx.tr.tz).date_naive() <= today);
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
        p.duty-line {
            (if on_duty { ctx.t("availability-on-duty") } else { ctx.t("availability-off-duty") })
            " " a href="/worker/availability" { (ctx.t("nav-availability")) " →" }
        }
            // Offers arrive and jobs change by others' hands: the lists stay live.
            (layout::live("jobs-live", "/worker", &["orders", "bell"], html! {
                @if !offers.is_empty() {
                    section {
                        h2 { (ctx.t("worker-offers")) }
                        @for (o, expires) in offers {
                            article.offer {
                                strong { (o.service_name(ctx.tr.lang)) } br;
                                (ctx.tr.datetime(o.scheduled_at)) br;
                                small.muted { (o.address_text) } br;
                                (share(ctx, o)) br;
                                small { (ctx.t("worker-offer-expires")) " " (ctx.tr.datetime(*expires)) }
                                div.actions {
                                    (post_button(ctx, &format!("/worker/jobs/{}/accept", o.id), &ctx.t("worker-accept"), "", None))
                                    (post_button(ctx, &format!("/worker/jobs/{}/decline", o.id), &ctx.t("worker-decline"), "secondary outline", Some(&ctx.t("worker-decline-confirm"))))
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { (ctx.t("worker-today")) }
                    @if today_jobs.is_empty() { p.muted { (ctx.t("worker-no-jobs-today")) } }
                    div.order-cards { @for o in &today_jobs { (job_card(ctx, o)) } }
                }
                section {
                    h2 { (ctx.t("worker-upcoming")) }
                    @if later.is_empty() && offers.is_empty() && today_jobs.is_empty() {
                        (empty_state(&ctx.t("worker-empty-title"), &ctx.t("worker-empty-text")))
                    } @else if later.is_empty() {
                        p.muted { (ctx.t("worker-no-upcoming")) }
                    }
                    div.order-cards { @for o in &later { (job_card(ctx, o)) } }
                }
            }))
            // The worker's own numbers come after the work itself.
            (summary)
        },
    )
}

/// What the job page shows beyond the order: a refused report's message, and until when a
/// report would come so soon after the start that the worker is asked to confirm it.
pub struct JobPage<'a> {
    pub problem: Option<ReportProblem<'a>>,
    pub quick_report_minutes: i64,
    /// The server's clock, from which the phone counts when the report was finished.
    pub now: DateTime<Utc>,
}

/// A refused report: what was typed (kept in the form) and the message beside its field.
pub struct ReportProblem<'a> {
    /// `note` or `files`.
    pub field: &'static str,
    pub message: &'a str,
    pub note: &'a str,
    pub checked: &'a [i64],
}

pub fn job_page(ctx: &Ctx, d: &Details, page: &JobPage) -> Markup {
    let o = &d.order;
    let lang = ctx.tr.lang;
    let title = format!("{} #{}", o.service_name(lang), o.id);
    let mine = ctx.user.as_ref().is_some_and(|u| o.worker_id == Some(u.id));
    let offered = ctx
        .user
        .as_ref()
        .is_some_and(|u| d.facts.offered_to == Some(u.id));
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/worker" { (ctx.t("nav-my-jobs")) } } li { "#" (o.id) } } }
            (layout::live("job-status", &format!("/worker/jobs/{}", o.id), &[&format!("order-{}", o.id)], html! {
                h1 { (o.service_name(lang)) " " (status_badge(ctx, o.status)) }
            }))
            article.job-brief {
                p { strong { (ctx.tr.datetime(o.scheduled_at)) } " · " (ctx.tr.t_args("duration-minutes", &[("minutes", o.duration_minutes.into())])) }
                p { (o.address_text) }
                p { (ctx.t("order-client")) ": " (o.client_name) }
                @if mine { (super::reminder::line(ctx, d.reminder)) }
                @if mine || offered { p { (share(ctx, o)) } }
                @if let Some(phone) = &d.client_phone {
                    p { a.client-phone.secondary.outline role="button" href={ "tel:" (phone) }
                        aria-label=(ctx.tr.t_args("job-call-client", &[("phone", phone.as_str().into())])) { (phone) } }
                }
                (what_to_do(ctx, d))
            }
            // The offer and the kit change by others' hands (matching, supply): kept live.
            (layout::live("job-live", &format!("/worker/jobs/{}", o.id), &[&format!("order-{}", o.id), "bell"], html! {
                @if offered && o.status == Status::Offered {
                    article.offer {
                        @if let Some(at) = d.offer_expires { p { (ctx.t("worker-offer-expires")) " " (ctx.tr.datetime(at)) } }
                        div.actions {
                            (post_button(ctx, &format!("/worker/jobs/{}/accept", o.id), &ctx.t("worker-accept"), "", None))
                            (post_button(ctx, &format!("/worker/jobs/{}/decline", o.id), &ctx.t("worker-decline"), "secondary outline", Some(&ctx.t("worker-decline-confirm"))))
                        }
                    }
                }
                @if mine { (crate::supply::views::kit::worker_section(ctx, &d.kit)) }
            }))
            @if mine && o.status == Status::InProgress { (report_form(ctx, d, page)) }
            @if mine && o.status == Status::Assigned && !d.facts.kit_received {
                p.withdraw-link { a.secondary.outline role="button" href={ "/worker/jobs/" (o.id) "/cancel" } { (ctx.t("withdraw-link")) } }
            }
            @if o.status == Status::Reported { p.flash.info { (ctx.t("worker-waiting-signature")) } }
            (super::report_view(ctx, d))
        },
    )
}

/// What the job asks for, at the top where a phone shows it first: the options the client
/// ordered, their notes for the worker, and the checklist the report will tick.
fn what_to_do(ctx: &Ctx, d: &Details) -> Markup {
    let lang = ctx.tr.lang;
    let options: Vec<&str> = d
        .order
        .quote
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Option)
        .map(|l| l.label(lang))
        .collect();
    html! {
        @if !options.is_empty() {
            h2 { (ctx.t("job-options")) }
            ul.job-options { @for option in &options { li { strong { (option) } } } }
        }
        @if !d.order.notes.is_empty() {
            h2 { (ctx.t("job-client-notes")) }
            p.notes { (d.order.notes) }
        }
        @if !d.checklist.is_empty() && d.order.status != Status::InProgress {
            h2 { (ctx.t("report-checklist")) }
            ul { @for item in &d.checklist { li { (item.text(lang)) } } }
        }
    }
}

fn report_form(ctx: &Ctx, d: &Details, page: &JobPage) -> Markup {
    let o = &d.order;
    let started = d
        .events
        .iter()
        .rev()
        .find(|e| e.action == Some(EventAction::Start))
        .map(|e| e.at);
    let quick_until =
        started.map(|at| (at + chrono::Duration::minutes(page.quick_report_minutes)).to_rfc3339());
    let problem = page.problem.as_ref();
    let (note, checked) = problem.map_or(("", &[][..]), |p| (p.note, p.checked));
    let invalid = |field: &str| problem.filter(|p| p.field == field).map(|_| "true");
    let problem_at = |field: &'static str| {
        html! {
            @if let Some(p) = problem.filter(|p| p.field == field) {
                small.field-error id={ (field) "-error" } role="alert" { (p.message) }
            }
        }
    };
    html! {
        article {
            h2 { (ctx.t("report-title")) }
            // The CSRF check reads the token from a multipart body's first part: keep it first.
            // app.js asks "is it really done?" when the report is sent before `quick-until`.
            // offline.js keeps the report on the phone as it is written (`data-draft`), fills
            // the draft id and the time it was finished, and queues it without signal.
            form #report method="post" enctype="multipart/form-data" action={ "/worker/jobs/" (o.id) "/report" }
                data-quick-until=[quick_until] data-quick-confirm=(ctx.t("job-quick-report-confirm"))
                data-draft data-server-now=(page.now.to_rfc3339()) data-draft-waiting=(ctx.t("draft-waiting")) data-draft-sending=(ctx.t("draft-sending"))
                data-draft-kept=(ctx.t("draft-photos-kept")) data-draft-remove=(ctx.t("draft-photo-remove"))
                data-draft-refused=(ctx.t("draft-refused")) {
                (csrf_field(ctx))
                input type="hidden" name="draft_id" value="";
                input type="hidden" name="finished_at" value="";
                fieldset {
                    legend { (ctx.t("report-checklist")) }
                    @for item in &d.checklist {
                        label { input type="checkbox" name="checked" value=(item.id) checked[checked.contains(&item.id)]; (item.text(ctx.tr.lang)) }
                    }
                }
                label { (ctx.t("report-note"))
                    textarea name="note" rows="3" required maxlength="4000" aria-invalid=[invalid("note")]
                        aria-describedby=[invalid("note").map(|_| "note-error")] { (note) } }
                (problem_at("note"))
                label { (ctx.t("report-files"))
                    input type="file" name="files" multiple accept="image/jpeg,image/png,image/webp,application/pdf"
                        aria-invalid=[invalid("files")] aria-describedby=[invalid("files").map(|_| "files-error")]; }
                (problem_at("files"))
                small.muted { (ctx.t("report-files-hint")) }
                div #draft-photos.draft-photos hidden {}
                (problem_at("finished_at"))
                p #draft-status.draft-status role="status" aria-live="polite" hidden {}
                button type="submit" { (ctx.t("report-submit")) }
            }
        }
    }
}

/// Backing out of an accepted job: why (required), and what happens next. `late` says the
/// slot is close enough that the client is told and quality control looks at it.
pub fn withdraw_page(ctx: &Ctx, d: &Details, late: bool) -> Markup {
    let o = &d.order;
    let title = ctx.t("withdraw-title");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/worker" { (ctx.t("nav-my-jobs")) } } li { a href={ "/worker/jobs/" (o.id) } { "#" (o.id) } } } }
            article.narrow {
                h1 { (title) }
                p { (o.service_name(ctx.tr.lang)) " #" (o.id) " · " (ctx.tr.datetime(o.scheduled_at)) }
                p { (ctx.t("withdraw-explain")) }
                @if late { p.flash.error { (ctx.t("withdraw-late")) } }
                form method="post" action={ "/worker/jobs/" (o.id) "/cancel" } {
                    (csrf_field(ctx))
                    label { (ctx.t("withdraw-reason"))
                        textarea name="reason" rows="3" required maxlength="500" {} }
                    button.contrast type="submit" { (ctx.t("withdraw-confirm")) }
                    " " a href={ "/worker/jobs/" (o.id) } { (ctx.t("back")) }
                }
            }
        },
    )
}
