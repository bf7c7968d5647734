//! Series pages: the client's list, the managers' paged table, and the rule in words.

use chrono::Datelike;
use maud::{Markup, html};

use crate::i18n::Arg;
use crate::schedule::model::series::{End, Every, Rule};
use crate::schedule::store::series::Series;
use crate::web::components::{Paging, empty_state, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// "Every week at 10:00, from 2 Mar 2026, 4 visits".
pub fn rule_in_words(ctx: &Ctx, rule: &Rule) -> String {
    let time = rule.local_time.format("%H:%M").to_string();
    let from = ctx.tr.datetime_day(rule.first_on);
    let mut args: Vec<(&'static str, Arg)> = vec![("time", time.into()), ("from", from.into())];
    let key = match rule.every {
        Every::Weekly => "series-rule-weekly",
        Every::Biweekly => "series-rule-biweekly",
        Every::Monthly => {
            args.push(("day", rule.first_on.day().to_string().into()));
            "series-rule-monthly"
        }
    };
    let end = match rule.end {
        End::Until(d) => ctx.tr.t_args(
            "series-rule-until",
            &[("until", ctx.tr.datetime_day(d).into())],
        ),
        End::Visits(k) => ctx
            .tr
            .t_args("series-rule-visits", &[("visits", i64::from(k).into())]),
    };
    format!("{}, {end}", ctx.tr.t_args(key, &args))
}

pub fn status(ctx: &Ctx, s: &Series) -> Markup {
    html! {
        @if s.ended_at.is_some() {
            span.status-badge.cancelled { (ctx.t("series-ended")) }
        } @else {
            span.status-badge.completed { (ctx.t("series-running")) }
        }
    }
}

/// The client's series, running first.
pub fn client_list(ctx: &Ctx, series: &[Series]) -> Markup {
    let title = ctx.t("series-title");
    let lang = ctx.tr.lang;
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/client" { (ctx.t("nav-my-orders")) } } li { (title) } } }
            hgroup.page-head {
                h1 { (title) }
                a role="button" href="/services" { (ctx.t("series-new")) }
            }
            @if series.is_empty() {
                (empty_state(&ctx.t("series-empty-title"), &ctx.t("series-empty-text")))
            } @else {
                ul.series-list { @for s in series {
                    li { article {
                        h2.minor { a href={ "/client/series/" (s.id) } { (name(s, lang)) } " " (status(ctx, s)) }
                        p { (rule_in_words(ctx, &s.rule)) }
                    } }
                } }
            }
        },
    )
}

pub fn name(s: &Series, lang: crate::i18n::Lang) -> &str {
    match lang {
        crate::i18n::Lang::Ru => &s.service_ru,
        _ => &s.service_en,
    }
}

/// All series for managers, filtered by running or ended, paged.
pub fn manage_list(ctx: &Ctx, rows: &[Series], filter: &str, paging: Paging, total: i64) -> Markup {
    let title = ctx.t("series-title");
    let lang = ctx.tr.lang;
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            nav.tabs aria-label=(title) { ul {
                @for (f, key) in [("running", "series-running"), ("ended", "series-ended"), ("all", "series-filter-all")] {
                    li { a href={ "/manage/series?status=" (f) } aria-current=[(filter == f).then_some("page")] { (ctx.t(key)) } }
                }
            } }
            @if rows.is_empty() {
                p.muted { (ctx.t("series-manage-empty")) }
            } @else {
                div.table-wrap { table {
                    thead { tr {
                        th { "#" } th { (ctx.t("series-col-client")) } th { (ctx.t("series-col-service")) }
                        th { (ctx.t("series-col-rule")) } th { (ctx.t("series-col-status")) }
                    } }
                    tbody { @for s in rows { tr {
                        td { a href={ "/manage/series/" (s.id) } { (s.id) } }
                        td { (s.client_name) }
                        td { (name(s, lang)) }
                        td { (rule_in_words(ctx, &s.rule)) }
                        td { (status(ctx, s)) }
                    } } }
                } }
            }
            (pagination(ctx, paging, total, &format!("/manage/series?status={filter}&")))
        },
    )
}
