//! The admin's replay page: the form, and what re-deciding the chosen days with another
//! strategy would change, every figure from records labelled as an estimate.

use maud::{Markup, html};

use crate::matching::model::replay::{Estimate, Outcome, Spread};
use crate::matching::service::replay::Replayed;
use crate::web::ctx::Ctx;
use crate::web::layout;

/// What the admin asked for, shown back in the form.
pub struct Asked<'a> {
    pub strategy: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub weights: &'a str,
    pub made_by: &'a str,
}

fn mean(ctx: &Ctx, x: f64) -> String {
    ctx.tr.decimal((x * 100.0).round() as i64)
}

fn estimate(ctx: &Ctx, e: &Estimate) -> String {
    format!(
        "{} ({} – {})",
        mean(ctx, e.value),
        mean(ctx, e.low),
        mean(ctx, e.high)
    )
}

fn change(ctx: &Ctx, e: &Estimate) -> String {
    let signed = |x: f64| {
        let s = mean(ctx, x);
        if x >= 0.0 { format!("+{s}") } else { s }
    };
    format!(
        "{} ({} – {})",
        signed(e.value),
        signed(e.low),
        signed(e.high)
    )
}

fn percent(ctx: &Ctx, share: f64) -> String {
    format!("{} %", ctx.tr.decimal((share * 10_000.0).round() as i64))
}

pub fn page(ctx: &Ctx, asked: &Asked, result: Option<&Replayed>, problem: Option<&str>) -> Markup {
    let title = ctx.t("replay-title");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/admin/matching" { (ctx.t("matching-title")) } } li { (title) } } }
            h1 { (title) }
            p { (ctx.t("replay-lead")) }
            @if let Some(key) = problem { p.flash.error role="alert" { (ctx.t(key)) } }
            form method="get" action="/admin/matching/replay" {
                div.grid {
                    label { (ctx.t("matching-strategy"))
                        select name="strategy" {
                            option value="random" selected[asked.strategy == "random"] { (ctx.t("matching-random")) }
                            option value="score" selected[asked.strategy != "random"] { (ctx.t("matching-score")) }
                        }
                    }
                    label { (ctx.t("replay-made-by")) select name="made_by" {
                        option value="" selected[asked.made_by.is_empty()] { (ctx.t("replay-made-by-any")) }
                        option value="random" selected[asked.made_by == "random"] { (ctx.t("matching-random")) }
                        option value="score" selected[asked.made_by == "score"] { (ctx.t("matching-score")) }
                    } }
                    label { (ctx.t("replay-from")) input type="date" name="from" value=(asked.from); }
                    label { (ctx.t("replay-to")) input type="date" name="to" value=(asked.to); }
                }
                label { (ctx.t("replay-weights"))
                    input type="text" name="weights" inputmode="numeric" placeholder="10,10,5,20" value=(asked.weights);
                    small { (ctx.t("replay-weights-hint")) }
                }
                button type="submit" { (ctx.t("replay-run")) }
            }
            @if let Some(r) = result { (report(ctx, r)) }
        },
    )
}

fn report(ctx: &Ctx, r: &Replayed) -> Markup {
    let p = &r.report;
    let counts = [
        ("replay-decisions", p.decisions),
        ("replay-replayed", p.replayed),
        ("replay-changed", p.changed),
        ("replay-nobody", p.nobody_eligible),
        ("replay-not-replayable", p.not_replayable),
        ("replay-volunteered", p.volunteered),
    ];
    html! {
        h2 { (ctx.t("replay-what-changes")) " " small.muted { (r.from) " – " (r.to) } }
        div.table-wrap tabindex="0" { table.striped.dense #replay-counts {
            tbody { @for (key, n) in counts {
                tr { th scope="row" { (ctx.t(key)) } td.amount { (n) } }
            } }
        } }
        @if p.replayed == 0 {
            p.muted { (ctx.t("replay-none")) }
        } @else {
            h2 { (ctx.t("replay-estimates")) }
            p.muted { small { (ctx.tr.t_args("replay-estimates-note", &[("until", ctx.tr.datetime(r.records_until).into())])) } }
            div.table-wrap tabindex="0" { table.striped.dense.phone-cards #replay-estimates {
                thead { tr { th { (ctx.t("replay-measure")) } th { (ctx.t("replay-before")) } th { (ctx.t("replay-after")) } th { (ctx.t("replay-change")) } } }
                tbody {
                    (measure(ctx, "replay-rating", p.rating.as_ref()))
                    (measure(ctx, "replay-qc", p.qc.as_ref()))
                }
            } }
            h2 { (ctx.t("replay-spread")) }
            div.table-wrap tabindex="0" { table.striped.dense.phone-cards #replay-spread {
                thead { tr { th { (ctx.t("replay-measure")) } th { (ctx.t("replay-before")) } th { (ctx.t("replay-after")) } } }
                tbody {
                    (spread_row(ctx, "replay-top-fifth", &p.spread_before, &p.spread_after, |s| percent(ctx, s.top_fifth_share)))
                    (spread_row(ctx, "replay-gini", &p.spread_before, &p.spread_after, |s| mean(ctx, s.gini)))
                    (spread_row(ctx, "replay-cv", &p.spread_before, &p.spread_after, |s| mean(ctx, s.cv)))
                }
            } }
            h2 { (ctx.t("replay-workers")) }
            div.table-wrap tabindex="0" { table.striped.dense.phone-cards #replay-workers {
                thead { tr { th { (ctx.t("order-worker")) } th.amount { (ctx.t("replay-before")) } th.amount { (ctx.t("replay-after")) } } }
                tbody { @for l in p.workers.iter().filter(|l| l.before + l.after > 0) {
                    tr {
                        td { (r.name(l.worker_id)) " " small.muted { "#" (l.worker_id) } }
                        td.amount data-label=(ctx.t("replay-before")) { (l.before) }
                        td.amount data-label=(ctx.t("replay-after")) { (l.after) }
                    }
                } }
            } }
        }
    }
}

fn measure(ctx: &Ctx, key: &str, o: Option<&Outcome>) -> Markup {
    let (before, after, change_label) = (
        ctx.t("replay-before"),
        ctx.t("replay-after"),
        ctx.t("replay-change"),
    );
    html! {
        tr {
            td { (ctx.t(key)) }
            @match o {
                None => { td colspan="3" { (ctx.t("replay-no-data")) } }
                Some(o) => {
                    td data-label=(before) { (estimate(ctx, &o.before)) }
                    td data-label=(after) { (estimate(ctx, &o.after)) }
                    td data-label=(change_label) { (change(ctx, &o.change)) }
                }
            }
        }
        @if let Some(o) = o { @if o.unknown_before + o.unknown_after > 0 {
            tr { td colspan="4" { small.muted { (ctx.t("replay-unknown")) ": " (o.unknown_before) " / " (o.unknown_after) } } }
        } }
    }
}

fn spread_row(
    ctx: &Ctx,
    key: &str,
    before: &Spread,
    after: &Spread,
    show: impl Fn(&Spread) -> String,
) -> Markup {
    html! {
        tr {
            td { (ctx.t(key)) }
            td data-label=(ctx.t("replay-before")) { (show(before)) }
            td data-label=(ctx.t("replay-after")) { (show(after)) }
        }
    }
}
