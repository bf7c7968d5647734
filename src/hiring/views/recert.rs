//! Re-certification markup: the worker's profile (phone first) and the managers' pages.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::hiring::model::AttemptStatus;
use crate::hiring::store::attempts::Assignment;
use crate::hiring::store::recert::{CertStatus, Certification, WorkerRow};
use crate::hiring::store::screening_tests::Test;
use crate::matching::service::readiness::Gap;
use crate::matching::views::readiness;
use crate::web::components::{csrf_field, empty_state};
use crate::web::ctx::Ctx;
use crate::web::layout;

fn service(ctx: &Ctx, c: &Certification) -> String {
    crate::i18n::read_pair(ctx.tr.lang, &c.service_en, &c.service_ru).to_string()
}

/// The status as a word, with "off matching" when it keeps the worker from offers.
fn status(ctx: &Ctx, c: &Certification, now: DateTime<Utc>) -> Markup {
    let late = c.valid_until < now && c.status != CertStatus::Failed;
    let shown = if late { CertStatus::Overdue } else { c.status };
    // The orders' status colours: green done, blue under way, red failed, amber waiting.
    let colour = match shown {
        CertStatus::Certified => "completed",
        CertStatus::Testing => "assigned",
        CertStatus::Failed => "disputed",
        CertStatus::Overdue => "new",
    };
    html! {
        span.status-badge.(colour) { (ctx.t(shown.label_key())) }
        @if c.blocked(now) { " " strong { (ctx.t("cert-off-matching")) } }
        @if c.override_reason.is_some() { " " small.muted { (ctx.t("cert-overridden")) } }
    }
}

fn score(c: &Certification) -> String {
    c.score_bp
        .map_or_else(|| "—".into(), |s| format!("{} %", s / 100))
}

/// The worker's profile: each service they do, where they stand, and their tests.
pub fn mine(
    ctx: &Ctx,
    certs: &[Certification],
    given: &[Assignment],
    now: DateTime<Utc>,
) -> Markup {
    let title = ctx.t("worker-profile-title");
    let open: Vec<&Assignment> = given
        .iter()
        .filter(|a| matches!(a.status, AttemptStatus::Invited | AttemptStatus::Started))
        .collect();
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @for a in &open {
                article.recert-open {
                    h2.minor { (a.test_title.read(ctx.tr.lang)) }
                    p { (ctx.t("cert-open-text")) }
                    a.tap role="button" href={ (a.base_path()) (a.id) } { (ctx.t("cert-take-test")) }
                }
            }
            h2.minor { (ctx.t("cert-title")) }
            @if certs.is_empty() {
                (empty_state(&ctx.t("cert-empty-title"), &ctx.t("cert-empty-text")))
            } @else {
                div.cards { @for c in certs { article {
                    h3.minor { (service(ctx, c)) }
                    p { (status(ctx, c, now)) }
                    p { small { (ctx.t("cert-valid-until")) " " (ctx.tr.datetime(c.valid_until)) }
                        @if c.score_bp.is_some() { br; small { (ctx.t("cert-score")) " " (score(c)) } } }
                } } }
            }
            h2.minor { (ctx.t("cert-history")) }
            @if given.is_empty() {
                p.muted { (ctx.t("cert-history-empty")) }
            } @else {
                ul { @for a in given { li {
                    (a.test_title.read(ctx.tr.lang)) " · " (ctx.t(a.status.label_key()))
                    @if let Some(s) = a.score_bp { " · " (s / 100) " %" }
                } } }
            }
        },
    )
}

/// Every active worker with their certifications and what they still lack; blocked services
/// stand out.
pub fn list(
    ctx: &Ctx,
    rows: &[(WorkerRow, Vec<Certification>, Vec<Gap>)],
    now: DateTime<Utc>,
) -> Markup {
    let title = ctx.t("nav-workers");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @if rows.is_empty() {
                (empty_state(&ctx.t("workers-empty-title"), &ctx.t("workers-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr { th { (ctx.t("field-name")) } th { (ctx.t("field-email")) } th { (ctx.t("cert-title")) } th { (ctx.t("gap-column")) } } }
                    tbody { @for (w, certs, gaps) in rows { tr {
                        td { a href={ "/manage/workers/" (w.id) } { (w.name) } }
                        td { (w.email) }
                        td { @for c in certs { (service(ctx, c)) ": " (status(ctx, c, now)) br; } }
                        td { @if gaps.is_empty() { "—" } (readiness::marks(ctx, gaps)) }
                    } } }
                } }
            }
        },
    )
}

pub struct Worker<'a> {
    pub worker: &'a WorkerRow,
    /// Each certification with the tests that may re-certify it.
    pub certs: &'a [(Certification, Vec<Test>)],
    pub given: &'a [Assignment],
    pub gaps: &'a [Gap],
}

/// One worker: certifications with an override for the blocked ones, assigning a test, and
/// the tests they took.
pub fn show(ctx: &Ctx, p: &Worker, now: DateTime<Utc>) -> Markup {
    let title = p.worker.name.clone();
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p.muted { (p.worker.email) }
            (readiness::flags(ctx, p.gaps))
            h2.minor { (ctx.t("cert-title")) }
            @if p.certs.is_empty() {
                (empty_state(&ctx.t("cert-empty-title"), &ctx.t("cert-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr { th { (ctx.t("cert-service")) } th { (ctx.t("admin-status")) } th { (ctx.t("cert-valid-until")) } th { (ctx.t("cert-score")) } th { (ctx.t("cert-override")) } } }
                    tbody { @for (c, _) in p.certs { tr {
                        td { (service(ctx, c)) }
                        td { (status(ctx, c, now)) @if let Some(r) = &c.override_reason { br; small { (r) } } }
                        td { (ctx.tr.datetime(c.valid_until)) }
                        td { (score(c)) }
                        td { @if c.blocked(now) { (override_form(ctx, p.worker.id, c)) } @else { "—" } }
                    } } }
                } }
                (assign_form(ctx, p))
            }
            h2.minor { (ctx.t("cert-history")) }
            @if p.given.is_empty() {
                p.muted { (ctx.t("cert-history-empty")) }
            } @else {
                ul { @for a in p.given { li {
                    (a.test_title.read(ctx.tr.lang)) " · " (ctx.t(a.status.label_key()))
                    @if let Some(s) = a.score_bp { " · " (s / 100) " %" }
                } } }
            }
        },
    )
}

fn override_form(ctx: &Ctx, worker: i64, c: &Certification) -> Markup {
    html! {
        form method="post" action={ "/manage/workers/" (worker) "/override" } {
            (csrf_field(ctx))
            input type="hidden" name="service" value=(c.service_id);
            label { span { (ctx.t("cert-override-reason")) } input type="text" name="reason" required minlength="3" maxlength="500"; }
            button.small type="submit" { (ctx.t("cert-override")) }
        }
    }
}

/// Only a service's own tests (or those of services needing the same skill) are offered for
/// it, grouped under the service; the server refuses any other pairing.
fn assign_form(ctx: &Ctx, p: &Worker) -> Markup {
    let testable: Vec<&(Certification, Vec<Test>)> = p
        .certs
        .iter()
        .filter(|(_, tests)| !tests.is_empty())
        .collect();
    html! {
        h2.minor { (ctx.t("cert-assign")) }
        @if testable.is_empty() {
            p.muted { (ctx.t("cert-no-tests")) }
        } @else {
            form.assign method="post" action={ "/manage/workers/" (p.worker.id) "/recertify" } {
                (csrf_field(ctx))
                label { span { (ctx.t("cert-service")) } select name="service" { @for (c, _) in &testable { option value=(c.service_id) { (service(ctx, c)) } } } }
                label { span { (ctx.t("tests-title")) } select name="test" {
                    @for (c, tests) in &testable { optgroup label=(service(ctx, c)) {
                        @for t in tests { option value=(t.id) data-service=(c.service_id) { (t.title.read(ctx.tr.lang)) } }
                    } }
                } }
                small.muted { (ctx.t("cert-own-tests")) }
                label { span { (ctx.t("attempt-pass-mark")) } input type="number" name="pass_mark" min="0" max="100"; }
                button type="submit" { (ctx.t("cert-assign")) }
            }
        }
    }
}
