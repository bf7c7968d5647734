//! The dispatch board's markup: filters, the workers' rows of jobs by day and hour, the orders
//! waiting for a worker beside them, and on each job a form to offer or assign it (the
//! script only adds dragging onto a row; the forms work without it). On a phone the CSS turns
//! each row into one list per worker.

use chrono::Timelike;
use maud::{Markup, html};

use crate::orders::model::Status;
use crate::orders::store::board::BoardOrder;
use crate::schedule::model::board::{View, WORKERS_PER_PAGE};
use crate::schedule::service::board::{Board, Cell, Placed, Row};
use crate::web::assets;
use crate::web::components::{Paging, csrf_field, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// Statuses an order can still be offered or assigned in (before the work starts).
fn can_give(s: Status) -> bool {
    matches!(
        s,
        Status::New | Status::Offered | Status::Unassigned | Status::Assigned
    )
}

pub fn page(ctx: &Ctx, b: &Board) -> Markup {
    let title = ctx.t("dispatch-title");
    let here = format!(
        "/manage/schedule?{}",
        b.asked.query(b.asked.date, b.asked.page)
    );
    layout::page(
        ctx,
        &title,
        html! {
            link rel="stylesheet" href=(assets::url("board.css"));
            script src=(assets::url("board.js")) defer {}
            h1 { (title) }
            p { a href="/manage/series" { (ctx.t("series-title")) " →" } }
            @for key in &b.asked.ignored { p.notice role="status" { (ctx.t(key)) } }
            (filters(ctx, b))
            (period_nav(ctx, b))
            (legend(ctx))
            (drop_form(ctx, b))
            (layout::live("board", &here, &["schedule"], html! {
                div class={ "board-layout " (b.asked.view.as_str()) } {
                    section.board aria-labelledby="board-rows-head" {
                        h2 #board-rows-head .visually-hidden { (ctx.t("dispatch-rows")) }
                        (grid(ctx, b))
                        (pagination(ctx, Paging::new(Some(b.asked.page), WORKERS_PER_PAGE), b.total_workers,
                            &format!("/manage/schedule?{}&", b.asked.query(b.asked.date, 1))))
                    }
                    (open_list(ctx, b))
                }
            }))
        },
    )
}

fn filters(ctx: &Ctx, b: &Board) -> Markup {
    let a = &b.asked;
    html! {
        form.board-filters method="get" action="/manage/schedule" {
            label { (ctx.t("dispatch-view")) select name="view" {
                option value="week" selected[a.view == View::Week] { (ctx.t("dispatch-view-week")) }
                option value="day" selected[a.view == View::Day] { (ctx.t("dispatch-view-day")) }
            } }
            label { (ctx.t("dispatch-date")) input type="date" name="date" value=(a.date.to_string()); }
            label { (ctx.t("dispatch-skill")) select name="skill" {
                option value="" { (ctx.t("dispatch-any")) }
                @for s in &b.skills {
                    option value=(s.code) selected[a.skill.as_deref() == Some(s.code.as_str())] { (s.name(ctx.tr.lang)) }
                }
            } }
            label { (ctx.t("dispatch-status")) select name="status" {
                option value="" { (ctx.t("dispatch-any")) }
                @for s in Status::ALL {
                    option value=(s.as_str()) selected[a.status == Some(s)] { (ctx.t(s.label_key())) }
                }
            } }
            label { (ctx.t("dispatch-area")) input type="search" name="area" value=[a.area.as_deref()] maxlength="100"; }
            button type="submit" { (ctx.t("dispatch-show")) }
        }
    }
}

fn period_nav(ctx: &Ctx, b: &Board) -> Markup {
    let a = &b.asked;
    let (first, last) = (b.days[0], b.days[b.days.len() - 1]);
    html! {
        nav.board-period aria-label=(ctx.t("dispatch-period")) {
            a href={ "/manage/schedule?" (a.query(a.shifted(-1), 1)) } rel="prev" { "← " (ctx.t("dispatch-earlier")) }
            a href={ "/manage/schedule?" (a.query(b.today, 1)) } { (ctx.t("dispatch-today")) }
            a href={ "/manage/schedule?" (a.query(a.shifted(1), 1)) } rel="next" { (ctx.t("dispatch-later")) " →" }
            strong {
                (ctx.tr.datetime_day(first))
                @if first != last { " – " (ctx.tr.datetime_day(last)) }
            }
        }
    }
}

fn legend(ctx: &Ctx) -> Markup {
    html! {
        ul.board-legend aria-label=(ctx.t("dispatch-legend")) {
            @for s in Status::ALL { li { span class={ "swatch st-" (s.as_str()) } {} (ctx.t(s.label_key())) } }
            li { span.swatch.offered-mark {} (ctx.t("dispatch-offered-mark")) }
            li { span.swatch.overlap-mark {} (ctx.t("dispatch-overlap")) }
        }
    }
}

fn grid(ctx: &Ctx, b: &Board) -> Markup {
    let view = b.asked.view;
    html! {
        div.board-grid.(view.as_str()) {
            div.board-head aria-hidden="true" {
                div.board-corner {}
                @if view == View::Day {
                    div.board-hours { @for (h, left) in hour_marks(b) { span class={ "hour l-" (left) } { (format!("{h:02}:00")) } } }
                } @else {
                    @for d in &b.days { div.board-day-head { (short_day(ctx, *d)) } }
                }
            }
            @if b.rows.is_empty() { p.muted { (ctx.t("dispatch-no-workers")) } }
            @for row in &b.rows { (worker_row(ctx, b, row)) }
        }
    }
}

/// A week's column head: "2 Mar" / "02.03" (the year is in the period above).
fn short_day(ctx: &Ctx, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match ctx.tr.lang {
        crate::i18n::Lang::En => format!("{} {}", day.day(), MONTHS[day.month0() as usize]),
        crate::i18n::Lang::Ru => format!("{:02}.{:02}", day.day(), day.month()),
    }
}

/// Each whole hour inside the working day, with its place in percent.
fn hour_marks(b: &Board) -> Vec<(u32, i64)> {
    let (open, close) = (
        i64::from(b.opens.num_seconds_from_midnight() / 60),
        i64::from(b.closes.num_seconds_from_midnight() / 60),
    );
    let total = (close - open).max(1);
    (b.opens.hour()..=b.closes.hour())
        .map(|h| (h, i64::from(h) * 60 - open))
        .filter(|(_, m)| *m >= 0 && *m < total)
        .map(|(h, m)| (h, m * 100 / total))
        .collect()
}

fn worker_row(ctx: &Ctx, b: &Board, row: &Row) -> Markup {
    let w = &row.worker;
    html! {
        div.board-row data-worker=(w.id) {
            h3.board-worker {
                (w.name)
                @if !w.on_duty { " " small.tag.off-duty { (ctx.t("dispatch-off-duty")) } }
            }
            @for cell in &row.cells { (day_cell(ctx, b, w.id, cell)) }
        }
    }
}

fn day_cell(ctx: &Ctx, b: &Board, worker: i64, cell: &Cell) -> Markup {
    let lanes = cell
        .jobs
        .iter()
        .map(|p| p.lane + 1)
        .max()
        .unwrap_or(1)
        .min(4);
    html! {
        div class={ "board-cell lanes-" (lanes) @if cell.off { " off" } } data-worker=(worker) {
            @if b.asked.view == View::Week || cell.off || cell.jobs.is_empty() {
                span.cell-label {
                    @if b.asked.view == View::Week { span.cell-day { (ctx.tr.datetime_day(cell.day)) } }
                    @if cell.off { " " small.day-off { (ctx.t("dispatch-day-off")) } }
                    @else if cell.jobs.is_empty() && b.asked.view == View::Day { " " small.muted.free { (ctx.t("dispatch-free")) } }
                }
            }
            @for p in &cell.jobs { (job(ctx, b, p)) }
        }
    }
}

fn job(ctx: &Ctx, b: &Board, p: &Placed) -> Markup {
    let o = &p.job.order;
    let offered = o.worker_id.is_none() && p.job.offered_to.is_some();
    let class = format!(
        "job st-{} l-{} w-{} lane-{}{}{}",
        o.status.as_str(),
        p.span.left,
        p.span.width,
        p.lane.min(3),
        if p.overlaps { " overlap" } else { "" },
        if offered { " offered" } else { "" },
    );
    html! {
        article class=(class) data-order=(o.id) draggable=[can_give(o.status).then_some("true")] {
            a href={ "/manage/orders/" (o.id) } {
                span.job-time { (time_range(ctx, o)) } " "
                strong.job-service { (o.service_name(ctx.tr.lang)) } " "
                span.job-client { (o.client_name) }
            }
            // "Offered" already says an answer is awaited; the dashed edge repeats it.
            small.job-status {
                (ctx.t(o.status.label_key()))
                @if p.overlaps { " · " (ctx.t("dispatch-overlap")) }
                @if p.span.outside { " · " (ctx.t("dispatch-outside-hours")) }
            }
            @if can_give(o.status) { (give_form(ctx, b, &p.job)) }
        }
    }
}

fn time_range(ctx: &Ctx, o: &crate::orders::store::Order) -> String {
    let (s, e) = (
        o.scheduled_at.with_timezone(&ctx.tr.tz),
        o.ends_at().with_timezone(&ctx.tr.tz),
    );
    format!(
        "{:02}:{:02}–{:02}:{:02}",
        s.hour(),
        s.minute(),
        e.hour(),
        e.minute()
    )
}

/// The scriptless way: choose a worker shown on this page, then offer or assign.
fn give_form(ctx: &Ctx, b: &Board, j: &BoardOrder) -> Markup {
    let id = j.order.id;
    let current = j.order.worker_id.or(j.offered_to);
    html! {
        details.job-actions {
            summary { (ctx.t("dispatch-give")) }
            form method="post" action={ "/manage/schedule/orders/" (id) "/offer" } {
                (csrf_field(ctx))
                input type="hidden" name="back" value=(b.asked.query(b.asked.date, b.asked.page));
                label { (ctx.t("dispatch-worker")) select name="worker" required {
                    option value="" { "—" }
                    @for r in &b.rows {
                        option value=(r.worker.id) selected[current == Some(r.worker.id)] { (r.worker.name) }
                    }
                } }
                div.job-buttons {
                    button.secondary.small type="submit" { (ctx.t("dispatch-offer")) }
                    button.small type="submit" formaction={ "/manage/schedule/orders/" (id) "/assign" } { (ctx.t("dispatch-assign")) }
                }
                a href={ "/manage/orders/" (id) "/reschedule" } { (ctx.t("dispatch-change-time")) }
            }
        }
    }
}

fn open_list(ctx: &Ctx, b: &Board) -> Markup {
    html! {
        aside.board-open aria-labelledby="board-open-head" {
            h2 #board-open-head { (ctx.tr.t_args("dispatch-open-title", &[("count", b.open_total.into())])) }
            @if b.open.is_empty() { p.muted { (ctx.t("dispatch-open-none")) } }
            ul { @for j in &b.open {
                li class={ "job open st-" (j.order.status.as_str()) } data-order=(j.order.id) draggable="true" {
                    a href={ "/manage/orders/" (j.order.id) } {
                        span.job-time { (ctx.tr.datetime(j.order.scheduled_at)) } " "
                        strong.job-service { (j.order.service_name(ctx.tr.lang)) } " "
                        span.job-client { (j.order.client_name) }
                    }
                    small.job-status { (ctx.t(j.order.status.label_key())) " · " (j.order.address_text) }
                    (give_form(ctx, b, j))
                }
            } }
            @if b.open_total > i64::try_from(b.open.len()).unwrap_or(i64::MAX) {
                p { a href="/manage/unplaced" { (ctx.t("unplaced-all")) " →" } }
            }
        }
    }
}

/// What a drop submits: the script fills in the order and the worker; the radio buttons say
/// whether a drop offers or assigns.
fn drop_form(ctx: &Ctx, b: &Board) -> Markup {
    html! {
        form #board-drop method="post" action="/manage/schedule" hidden {
            (csrf_field(ctx))
            input type="hidden" name="back" value=(b.asked.query(b.asked.date, b.asked.page));
            input type="hidden" name="worker" value="";
        }
        fieldset.board-drop-how {
            legend { (ctx.t("dispatch-drop-how")) }
            label { input type="radio" name="drop_how" value="offer" checked; (ctx.t("dispatch-offer")) }
            label { input type="radio" name="drop_how" value="assign"; (ctx.t("dispatch-assign")) }
        }
    }
}
