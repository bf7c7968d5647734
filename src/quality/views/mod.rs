//! Markup of quality control: the queue with its filters and the review screen (the whole
//! order story, the people's history, assignment and the decision form).

pub mod insights;

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::model::insights::{Average, Profile};
use super::model::{Filter, ResolutionKind, ReviewReason, ReviewStatus};
use super::store::reviews::{History, Person, Review, Row};
use crate::billing::store::statements::OrderMoney;
use crate::billing::views::refunds::postings_list;
use crate::i18n::read_pair;
use crate::orders::model::{Reader, Status};
use crate::orders::views::manage::{MatchingSummary, matching_summary};
use crate::orders::views::{Details, price_table, report_view, status_badge, summary, timeline};
use crate::web::components::{Paging, csrf_field, empty_state, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub struct ReviewPage {
    pub review: Review,
    pub matching: Option<MatchingSummary>,
    pub money: OrderMoney,
    pub client_history: History,
    pub worker_history: Option<(History, Profile)>,
    pub managers: Vec<Person>,
}

fn reason_badge(ctx: &Ctx, reason: ReviewReason) -> Markup {
    html! { span.status-badge.(reason.css_class()) { (ctx.t(reason.label_key())) } }
}

pub fn badge(ctx: &Ctx, open: i64) -> Markup {
    html! {
        @if open > 0 { span.badge title=(ctx.tr.t_args("qc-open-count", &[("count", open.into())])) { (open) } }
        @else { span.badge.empty {} }
    }
}

/// One page of the queue, how many reviews the filter matches, and which page it is.
pub struct QueuePage<'a> {
    pub rows: &'a [Row],
    pub total: i64,
    pub paging: Paging,
}

pub fn queue(ctx: &Ctx, f: &Filter, page: &QueuePage, now: DateTime<Utc>) -> Markup {
    let rows = page.rows;
    let filters = serde_urlencoded::to_string([
        ("status", &f.status),
        ("reason", &f.reason),
        ("assignee", &f.assignee),
    ])
    .unwrap_or_default();
    let base = format!("/manage/qc?{filters}&");
    let title = ctx.t("qc-title");
    let lang = ctx.tr.lang;
    let option = |value: &str, current: &str, key: &str| html! { option value=(value) selected[value == current] { (ctx.t(key)) } };
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head { h1 { (title) } a href="/manage/insights" { (ctx.t("nav-insights")) " →" } }
            form.filters method="get" action="/manage/qc" {
                label.inline-field { span { (ctx.t("billing-status")) }
                    select name="status" {
                        (option("any", &f.status, "qc-any-status"))
                        @for st in ReviewStatus::ALL { (option(st.as_str(), &f.status, st.label_key())) }
                    }
                }
                label.inline-field { span { (ctx.t("qc-reason")) }
                    select name="reason" {
                        (option("", &f.reason, "qc-any-reason"))
                        @for r in ReviewReason::ALL { (option(r.as_str(), &f.reason, r.label_key())) }
                    }
                }
                label.inline-field { span { (ctx.t("qc-assignee")) }
                    select name="assignee" {
                        (option("", &f.assignee, "qc-anyone")) (option("me", &f.assignee, "qc-mine")) (option("none", &f.assignee, "qc-unassigned"))
                    }
                }
                button.secondary type="submit" { (ctx.t("billing-show")) }
            }
            // Reviews queued by others (disputes, samples) appear without a reload.
            (layout::live("qc-queue", &format!("{base}page={}", page.paging.page), &["queue"], html! {
                @if rows.is_empty() { (empty_state(&ctx.t("qc-empty"), &ctx.t("qc-empty-help"))) } @else {
                    div.table-wrap tabindex="0" { table.dense.phone-cards {
                        thead { tr { th { (ctx.t("qc-order")) } th { (ctx.t("qc-reason")) } th { (ctx.t("qc-people")) } th { (ctx.t("qc-assignee")) } th { (ctx.t("qc-due")) } th { (ctx.t("billing-status")) } } }
                        tbody { @for r in rows { tr {
                            td { a href={ "/manage/qc/" (r.id) } { "#" (r.order_id) " · " (read_pair(lang, &r.service_en, &r.service_ru)) } }
                            td { (reason_badge(ctx, r.reason)) }
                            td { (r.client_name) @if let Some(w) = &r.worker_name { " / " (w) } }
                            td { (r.assignee_name.as_deref().unwrap_or("—")) }
                            td { @if r.status == ReviewStatus::Open && r.due_at < now { strong.overdue { (ctx.tr.datetime(r.due_at)) } } @else { (ctx.tr.datetime(r.due_at)) } }
                            td { @if let Some(s) = r.score { (ctx.t(ReviewStatus::Done.label_key())) " · " (s) "/5" } @else { (ctx.t(ReviewStatus::Open.label_key())) } }
                        } } }
                    } }
                    (pagination(ctx, page.paging, page.total, &base))
                }
            }))
        },
    )
}

fn history(ctx: &Ctx, title: &str, h: &History) -> Markup {
    let lang = ctx.tr.lang;
    html! {
        h4 { (title) }
        @if h.0.is_empty() { p.muted { (ctx.t("qc-no-history")) } }
        ul { @for (id, en, ru, status, at) in &h.0 {
            li { a href={ "/manage/orders/" (id) } { "#" (id) } " " (read_pair(lang, en, ru)) " · " (ctx.tr.datetime(*at)) " · "
                 (status_badge(ctx, *status)) }
        } }
    }
}

/// Centi-points as "4.25" / "4,25".
pub fn points(ctx: &Ctx, centi: i64) -> String {
    ctx.tr.decimal(centi)
}

fn average(ctx: &Ctx, a: &Average) -> String {
    match a.centi {
        Some(c) => format!("{} ({})", points(ctx, c), a.count),
        None => ctx.t("qc-no-scores"),
    }
}

/// Five columns, wider than a phone: the table scrolls in its own box there.
pub fn profile_table(ctx: &Ctx, p: &Profile) -> Markup {
    html! {
        div.table-wrap tabindex="0" { table.dense {
            thead { tr { th { span.visually-hidden { (ctx.t("qc-score-kind")) } } th { (ctx.t("qc-overall")) } th { (ctx.t("qc-previous")) } th { (ctx.t("qc-recent")) } th { (ctx.t("qc-trend")) } } }
            tbody { @for (key, t) in [("qc-score-qc", &p.qc), ("qc-score-rating", &p.rating)] { tr {
                th { (ctx.t(key)) } td { (average(ctx, &t.overall)) } td { (average(ctx, &t.previous)) } td { (average(ctx, &t.recent)) }
                td { @match t.change_centi() {
                    Some(c) if c < 0 => span.trend-down { "▼ −" (points(ctx, -c)) },
                    Some(c) => span.trend-up { "▲ +" (points(ctx, c)) },
                    None => "—",
                } }
            } } }
        } }
    }
}

fn decision(ctx: &Ctx, r: &Review) -> Markup {
    html! {
        article.decision {
            h2.minor { (ctx.t("qc-decision")) }
            p { strong { (r.score.unwrap_or_default()) "/5" } " · " (r.reviewer_name.as_deref().unwrap_or("")) " · "
                @if let Some(at) = r.reviewed_at { (ctx.tr.datetime(at)) } }
            p { (r.findings) }
            @if let Some(res) = r.resolution { p { (ctx.t("qc-resolution")) ": " strong { (ctx.t(res.label_key())) } } }
            @if r.fine_minor > 0 { p { (ctx.t("qc-fine")) ": " (ctx.tr.money(r.fine_minor, &ctx.currency)) } }
            @if r.bonus_minor > 0 { p { (ctx.t("qc-bonus")) ": " (ctx.tr.money(r.bonus_minor, &ctx.currency)) } }
        }
    }
}

fn assign_form(ctx: &Ctx, p: &ReviewPage) -> Markup {
    let r = &p.review;
    let due = r.due_at.with_timezone(&ctx.tr.tz).date_naive();
    html! {
        details {
            summary { (ctx.t("qc-assign")) }
            form method="post" action={ "/manage/qc/" (r.id) "/assign" } {
                (csrf_field(ctx))
                div.grid {
                    label { (ctx.t("qc-assignee")) select name="reviewer" required {
                        @for m in &p.managers { option value=(m.id) selected[Some(m.id) == r.assignee_id] { (m.name) } }
                    } }
                    label { (ctx.t("qc-due")) input type="date" name="due" value=(due.format("%Y-%m-%d")) required; }
                }
                button.secondary type="submit" { (ctx.t("qc-assign")) }
            }
        }
    }
}

fn decide_form(ctx: &Ctx, p: &ReviewPage, disputed: bool, has_worker: bool) -> Markup {
    let r = &p.review;
    html! {
        article {
            h2.minor { (ctx.t("qc-decide")) }
            form method="post" action={ "/manage/qc/" (r.id) } data-confirm=(ctx.t("qc-confirm")) {
                (csrf_field(ctx))
                fieldset.score {
                    legend { (ctx.t("qc-score")) }
                    @for s in 1..=5 { label { input type="radio" name="score" value=(s) required; (s) } }
                }
                label { (ctx.t("qc-findings")) textarea name="findings" rows="4" required maxlength="2000" {} }
                @if has_worker {
                    div.grid {
                        label { (ctx.t("qc-fine")) input name="fine" inputmode="decimal" placeholder="0.00"; }
                        label { (ctx.t("qc-bonus")) input name="bonus" inputmode="decimal" placeholder="0.00"; }
                    }
                    small.muted { (ctx.t("qc-money-help")) }
                }
                @if disputed {
                    fieldset {
                        legend { (ctx.t("qc-resolution")) }
                        @for res in ResolutionKind::ALL {
                            label { input type="radio" name="resolution" value=(res.as_str()) required; (ctx.t(res.label_key())) }
                        }
                        label { (ctx.t("qc-new-price")) input name="price" inputmode="decimal" placeholder="0.00"; }
                        small.muted { (ctx.t("qc-resolution-help")) }
                    }
                }
                button type="submit" { (ctx.t("qc-submit")) }
            }
        }
    }
}

pub fn review_page(ctx: &Ctx, p: &ReviewPage, d: &Details) -> Markup {
    let (r, o) = (&p.review, &d.order);
    let title = format!(
        "{} #{} · {}",
        ctx.t("qc-review"),
        o.id,
        o.service_name(ctx.tr.lang)
    );
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/qc" { (ctx.t("qc-title")) } } li { "#" (o.id) } } }
            h1 { (title) " " (reason_badge(ctx, r.reason)) " " (status_badge(ctx, o.status)) }
            p { (ctx.t("order-client")) ": " strong { (o.client_name) }
                " · " (ctx.t("qc-due")) " " (ctx.tr.datetime(r.due_at))
                " · " a href={ "/manage/orders/" (o.id) } { (ctx.t("qc-open-order")) } }
            @if r.status == ReviewStatus::Done { (decision(ctx, r)) }
            div.grid {
                article { (summary(ctx, o)) (price_table(ctx, o)) }
                article { h2.minor { (ctx.t("order-timeline")) } (timeline(ctx, &d.events, Reader::Staff)) }
            }
            (matching_summary(ctx, o.id, o.status, p.matching.as_ref()))
            (crate::supply::views::kit::manager_section(ctx, &d.kit))
            (report_view(ctx, d))
            @if let Some(reason) = &o.dispute_reason { article { h2.minor { (ctx.t("qc-dispute-reason")) } p { (reason) } } }
            article { h2.minor { (ctx.t("refund-money")) } (postings_list(ctx, &p.money)) }
            div.grid {
                article { (history(ctx, &ctx.t("qc-client-history"), &p.client_history)) }
                article {
                    @if let Some((h, profile)) = &p.worker_history {
                        h4 { (ctx.t("qc-worker-quality")) } (profile_table(ctx, profile))
                        (history(ctx, &ctx.t("qc-worker-history"), h))
                    } @else { p.muted { (ctx.t("qc-no-worker")) } }
                }
            }
            @if r.status == ReviewStatus::Open {
                (assign_form(ctx, p))
                (decide_form(ctx, p, o.status == Status::Disputed, r.worker_id.is_some()))
            }
        },
    )
}
