//! The follow-up of every screening-policy version for managers: per version, how many it
//! decided and hired, each hire's record since, and the version's totals.

use maud::{Markup, html};

use crate::hiring::service::followup::{HireOutcome, VersionFollowUp, mean_centi};
use crate::web::components::empty_state;
use crate::web::ctx::Ctx;
use crate::web::layout;

fn mean(ctx: &Ctx, sum: i64, count: i64) -> String {
    mean_centi(sum, count).map_or_else(|| "—".into(), |m| ctx.tr.decimal(m))
}

fn stayed(ctx: &Ctx, known: Option<bool>) -> String {
    match known {
        Some(true) => ctx.t("followup-yes"),
        Some(false) => ctx.t("followup-no"),
        None => ctx.t("followup-not-yet"),
    }
}

/// "2 / 3": of the hires whose day has come, how many stayed; "—" while none has.
fn share((stayed, known): (i64, i64)) -> String {
    if known == 0 {
        "—".into()
    } else {
        format!("{stayed} / {known}")
    }
}

struct Labels {
    name: String,
    hired_at: String,
    rating: String,
    ratings: String,
    qc: String,
    disputes: String,
    withdrawals: String,
    recert: String,
    active_30: String,
    active_90: String,
}

impl Labels {
    fn new(ctx: &Ctx) -> Labels {
        Labels {
            name: ctx.t("field-name"),
            hired_at: ctx.t("followup-hired-at"),
            rating: ctx.t("followup-rating"),
            ratings: ctx.t("followup-ratings"),
            qc: ctx.t("followup-qc"),
            disputes: ctx.t("followup-disputes"),
            withdrawals: ctx.t("followup-withdrawals"),
            recert: ctx.t("followup-recert"),
            active_30: ctx.t("followup-active-30"),
            active_90: ctx.t("followup-active-90"),
        }
    }
}

fn hire_row(ctx: &Ctx, l: &Labels, h: &HireOutcome) -> Markup {
    html! {
        tr data-candidate=(h.candidate_id) {
            td.card-title { a href={ "/manage/workers/" (h.worker_id) } { (h.name) } }
            td data-label=(l.hired_at) { (ctx.tr.datetime(h.hired_at)) }
            td.num data-label=(l.rating) data-cell="rating" { (mean(ctx, h.rating_sum, h.rating_count)) }
            td.num data-label=(l.ratings) data-cell="ratings" { (h.rating_count) }
            td.num data-label=(l.qc) data-cell="qc" { (mean(ctx, h.qc_sum, h.qc_count)) }
            td.num data-label=(l.disputes) data-cell="disputes" { (h.disputes) }
            td.num data-label=(l.withdrawals) data-cell="withdrawals" { (h.withdrawals) }
            td.num data-label=(l.recert) data-cell="recert" { (h.recert_passed) " / " (h.recert_failed) }
            td data-label=(l.active_30) data-cell="active-30" { (stayed(ctx, h.active_30)) }
            td data-label=(l.active_90) data-cell="active-90" { (stayed(ctx, h.active_90)) }
        }
    }
}

fn version(ctx: &Ctx, v: &VersionFollowUp) -> Markup {
    let l = Labels::new(ctx);
    let t = &v.totals;
    html! {
        section.followup-version data-version=(v.version) aria-labelledby={ "followup-v" (v.version) } {
            h2 #{ "followup-v" (v.version) } {
                a href={ "/manage/policies/" (v.policy_id) } { "v" (v.version) } " " mark { (ctx.t(v.status.label_key())) }
            }
            div.stats {
                div.stat { span.stat-value data-stat="decided" { (v.decided) } span.stat-label { (ctx.t("followup-decided")) } }
                div.stat { span.stat-value data-stat="hired" { (t.hired) } span.stat-label { (ctx.t("followup-hired")) } }
            }
            @if v.hires.is_empty() {
                (empty_state(&ctx.t("followup-empty-title"), &ctx.t("followup-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    caption { (ctx.t("followup-caption")) }
                    thead { tr {
                        th scope="col" { (l.name) } th scope="col" { (l.hired_at) }
                        th scope="col" { (l.rating) } th scope="col" { (l.ratings) } th scope="col" { (l.qc) }
                        th scope="col" { (l.disputes) } th scope="col" { (l.withdrawals) } th scope="col" { (l.recert) }
                        th scope="col" { (l.active_30) } th scope="col" { (l.active_90) }
                    } }
                    tbody {
                        @for h in &v.hires { (hire_row(ctx, &l, h)) }
                        tr.totals data-totals {
                            td.card-title { (ctx.t("followup-totals")) }
                            td data-label=(l.hired_at) { "—" }
                            td.num data-label=(l.rating) data-cell="rating" { (mean(ctx, t.rating_sum, t.rating_count)) }
                            td.num data-label=(l.ratings) data-cell="ratings" { (t.rating_count) }
                            td.num data-label=(l.qc) data-cell="qc" { (mean(ctx, t.qc_sum, t.qc_count)) }
                            td.num data-label=(l.disputes) data-cell="disputes" { (t.disputes) }
                            td.num data-label=(l.withdrawals) data-cell="withdrawals" { (t.withdrawals) }
                            td.num data-label=(l.recert) data-cell="recert" { (t.recert_passed) " / " (t.recert_failed) }
                            td data-label=(l.active_30) data-cell="active-30" { (share(t.stayed_30)) }
                            td data-label=(l.active_90) data-cell="active-90" { (share(t.stayed_90)) }
                        }
                    }
                } }
            }
        }
    }
}

pub fn page(ctx: &Ctx, versions: &[VersionFollowUp]) -> Markup {
    let title = ctx.t("followup-title");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/policies" { (ctx.t("policies-title")) } } li { (title) } } }
            h1 { (title) }
            p.muted { (ctx.t("followup-help")) }
            @if versions.is_empty() {
                (empty_state(&ctx.t("followup-none-title"), &ctx.t("followup-none-text")))
            }
            @for v in versions { (version(ctx, v)) }
        },
    )
}
