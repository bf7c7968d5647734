//! Managers' order pages: the dense filtered table and the full order page with actions.

use maud::{Markup, html};

use super::{Details, price_in_list, price_table, report_view, status_badge, summary, timeline};
use crate::auth::store::User;
use crate::catalogue::model::Service;
use crate::orders::handlers::manage::TableQuery;
use crate::orders::model::{Reader, Status};
use crate::orders::store::Order;
use crate::orders::store::queries::Sort;
use crate::web::components::{Paging, csrf_field, empty_state, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub struct Table {
    pub orders: Vec<Order>,
    pub total: i64,
    pub services: Vec<Service>,
    pub workers: Vec<User>,
}

fn query_string(q: &TableQuery) -> String {
    let pairs = [
        ("status", &q.status),
        ("service", &q.service),
        ("worker", &q.worker),
        ("client", &q.client),
        ("from", &q.from),
        ("to", &q.to),
        ("q", &q.q),
        ("sort", &q.sort),
    ];
    serde_urlencoded::to_string(
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default()
}

pub fn table(ctx: &Ctx, t: &Table, q: &TableQuery, paging: Paging) -> Markup {
    let title = ctx.t("nav-orders");
    let lang = ctx.tr.lang;
    let qs = query_string(q);
    let base = if qs.is_empty() {
        "/manage/orders?".to_string()
    } else {
        format!("/manage/orders?{qs}&")
    };
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head { h1 { (title) } p.muted { (ctx.tr.t_args("orders-count", &[("count", t.total.into())])) } }
            form.filters.stacked method="get" action="/manage/orders" {
                div.filter-main {
                    label { (ctx.t("orders-search")) input type="search" name="q" value=(q.q); }
                    button type="submit" { (ctx.t("filter")) }
                }
                // The other filters fold away (open while one is in use), so a phone
                // reaches the orders first.
                details.more-filters open[advanced_filters(q) > 0] {
                    summary { (ctx.tr.t_args("filters-more", &[("count", advanced_filters(q).into())])) }
                    div.filter-grid {
                        label { (ctx.t("admin-status")) select name="status" {
                            option value="" { (ctx.t("orders-all-statuses")) }
                            @for s in Status::ALL { option value=(s.as_str()) selected[q.status == s.as_str()] { (ctx.t(s.label_key())) } }
                        } }
                        label { (ctx.t("field-service-name")) select name="service" {
                            option value="" { (ctx.t("orders-all-services")) }
                            @for s in &t.services { option value=(s.id) selected[q.service == s.id.to_string()] { (s.name(lang)) } }
                        } }
                        label { (ctx.t("order-worker")) select name="worker" {
                            option value="" { (ctx.t("orders-all-workers")) }
                            @for w in &t.workers { option value=(w.id) selected[q.worker == w.id.to_string()] { (w.name) } }
                        } }
                        label { (ctx.t("order-client")) input type="search" name="client" value=(q.client); }
                        label { (ctx.t("orders-from")) input type="date" name="from" value=(q.from); }
                        label { (ctx.t("orders-to")) input type="date" name="to" value=(q.to); }
                        label { (ctx.t("orders-sort")) select name="sort" {
                            @for s in Sort::ALL { option value=(s.code()) selected[q.sort == s.code()] { (ctx.t(s.label_key())) } }
                        } }
                    }
                }
            }
            // New orders and status changes show up without a reload (the filters stay as typed).
            (layout::live("orders-table", &format!("{base}page={}", paging.page), &["queue"], html! {
                @if t.orders.is_empty() {
                    (empty_state(&ctx.t("orders-empty-title"), &ctx.t("orders-empty-text")))
                } @else {
                    div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                        thead { tr {
                            th { "#" } th { (ctx.t("order-when")) } th { (ctx.t("field-service-name")) } th { (ctx.t("order-client")) }
                            th { (ctx.t("order-worker")) } th { (ctx.t("admin-status")) } th.amount { (ctx.t("quote-total")) }
                        } }
                        tbody { @for o in &t.orders {
                            tr {
                                td.card-title { a href={ "/manage/orders/" (o.id) } { (o.id) } }
                                td data-label=(ctx.t("order-when")) { (ctx.tr.datetime(o.scheduled_at)) }
                                td data-label=(ctx.t("field-service-name")) { (o.service_name(lang)) }
                                td data-label=(ctx.t("order-client")) { (o.client_name) }
                                td data-label=(ctx.t("order-worker")) { (o.worker_name.as_deref().unwrap_or("—")) }
                                td data-label=(ctx.t("admin-status")) { (status_badge(ctx, o.status)) }
                                td.amount data-label=(ctx.t("quote-total")) { (price_in_list(ctx, o)) }
                            }
                        } }
                    } }
                    (pagination(ctx, paging, t.total, &base))
                }
            }))
        },
    )
}

/// How many filters besides the search box are in use (sorting is not a filter).
fn advanced_filters(q: &TableQuery) -> i64 {
    [&q.status, &q.service, &q.worker, &q.client, &q.from, &q.to]
        .iter()
        .filter(|v| !v.trim().is_empty())
        .count() as i64
}

/// What managers may know of matching for an order: counts, never the strategy's details.
pub struct MatchingSummary {
    pub attempts: i64,
    pub eligible: usize,
    /// Why workers were left out (the reasons' label ids) and how many for each.
    pub left_out: Vec<(&'static str, usize)>,
}

pub fn matching_summary(
    ctx: &Ctx,
    order_id: i64,
    status: Status,
    m: Option<&MatchingSummary>,
) -> Markup {
    html! {
        @if m.is_some() || matches!(status, Status::New | Status::Unassigned) {
            article {
                h2.minor { (ctx.t("matching-why-title")) }
                @if let Some(m) = m {
                    p { (ctx.t("matching-attempts")) ": " strong { (m.attempts) } " · " (ctx.t("matching-eligible")) ": " strong { (m.eligible) } }
                    @if !m.left_out.is_empty() {
                        p.muted { (ctx.t("matching-left-out")) ":" }
                        ul { @for (key, n) in &m.left_out { li { (ctx.t(key)) ": " (n) } } }
                    }
                }
                @if matches!(status, Status::New | Status::Unassigned) {
                    form.inline method="post" action={ "/manage/orders/" (order_id) "/rerun" } {
                        (csrf_field(ctx)) button.secondary type="submit" { (ctx.t("matching-rerun")) }
                    }
                    " "
                    form.inline method="post" action={ "/manage/orders/" (order_id) "/board" } {
                        (csrf_field(ctx)) button.secondary.outline type="submit" { (ctx.t("board-open")) }
                    }
                }
            }
        }
    }
}

pub fn order_page(
    ctx: &Ctx,
    d: &Details,
    workers: &[User],
    matching: Option<&MatchingSummary>,
    money: &crate::billing::store::statements::OrderMoney,
    review: Option<i64>,
) -> Markup {
    let o = &d.order;
    let lang = ctx.tr.lang;
    let title = format!("{} #{}", o.service_name(lang), o.id);
    let before_start = matches!(
        o.status,
        Status::New | Status::Offered | Status::Assigned | Status::Unassigned
    );
    let path = format!("/manage/orders/{}", o.id);
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/orders" { (ctx.t("nav-orders")) } } li { "#" (o.id) } } }
            h1 { (title) " " (status_badge(ctx, o.status)) }
            p { (ctx.t("order-client")) ": " strong { (o.client_name) }
                @if let Some(id) = review { " · " a href={ "/manage/qc/" (id) } { (ctx.t("qc-review-link")) " →" } } }
            (super::repeat::part_of_series_staff(ctx, d.series_id))
            div.grid {
                article { (summary(ctx, o)) (price_table(ctx, o))
                    @if let Some(at) = d.offer_expires { p.muted { (ctx.t("worker-offer-expires")) " " (ctx.tr.datetime(at)) } } }
                article { h2.minor { (ctx.t("order-timeline")) } (timeline(ctx, &d.events, Reader::Staff)) }
            }
            @if before_start { p { a.move-link href={ (path) "/reschedule" } { (ctx.t("move-link")) } } }
            (matching_summary(ctx, o.id, o.status, matching))
            (crate::supply::views::kit::manager_section(ctx, &d.kit))
            @if before_start {
                article {
                    h2.minor { (ctx.t("orders-assign-title")) }
                    form method="post" action={ (path) "/offer" } {
                        (csrf_field(ctx))
                        label.inline-field { span { (ctx.t("order-worker")) }
                            select name="worker" required {
                                @for w in workers.iter().filter(|w| w.active) { option value=(w.id) { (w.name) } }
                            }
                        }
                        div.actions {
                            button type="submit" { (ctx.t("orders-offer")) }
                            button.secondary type="submit" formaction={ (path) "/assign" } { (ctx.t("orders-assign")) }
                        }
                    }
                    small.muted { (ctx.t("orders-assign-hint")) }
                }
            }
            @if o.status == Status::Disputed {
                form.inline method="post" action={ (path) "/resolve" } data-confirm=(ctx.t("orders-resolve-confirm")) {
                    (csrf_field(ctx)) button type="submit" { (ctx.t("orders-resolve-complete")) }
                }
            }
            (report_view(ctx, d))
            (crate::billing::views::refunds::order_section(ctx, money))
            @if !o.status.is_final() {
                details {
                    summary { (ctx.t("orders-cancel")) }
                    form method="post" action={ (path) "/cancel" } data-confirm=(ctx.t("orders-cancel-manager-confirm")) {
                        (csrf_field(ctx))
                        label { (ctx.t("field-reason")) textarea name="reason" rows="2" required maxlength="500" {} }
                        (returns_fieldset(ctx, d))
                        button.contrast type="submit" { (ctx.t("orders-cancel-confirm")) }
                    }
                }
            }
        },
    )
}

/// On a started job with an issued kit: how many of each item come back (the rest is
/// recorded as used up).
fn returns_fieldset(ctx: &Ctx, d: &Details) -> Markup {
    let started = matches!(
        d.order.status,
        Status::InProgress | Status::Reported | Status::Disputed
    );
    let items = d
        .kit
        .pack
        .as_ref()
        .filter(|p| p.status.holds_stock())
        .map(|p| p.items.as_slice())
        .unwrap_or_default();
    html! {
        @if started && !items.is_empty() {
            fieldset.kit-returns {
                legend { (ctx.t("cancel-returns")) }
                small.muted { (ctx.t("cancel-returns-help")) }
                @for item in items {
                    label {
                        (item.name.read(ctx.tr.lang)) " — " (ctx.tr.t_args("cancel-returns-issued", &[("issued", item.quantity.to_string().into()), ("unit", item.unit.read(ctx.tr.lang).into())]))
                        input type="number" name={ "returned_" (item.consumable_id) } min="0" max=(item.quantity) value="0" required;
                    }
                }
            }
        }
    }
}
