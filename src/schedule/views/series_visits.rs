//! One series' page, for its client and for managers: the rule in words, the coming visits
//! (booked ones link to their order) and the actions on them.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::series::{name, rule_in_words, status};
use crate::orders::model::Status;
use crate::schedule::service::series_changes::{SeriesView, VisitRow};
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// Where the page is seen from: the client's area or the managers'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Client,
    Manage,
}

impl Area {
    pub fn base(self) -> &'static str {
        match self {
            Area::Client => "/client",
            Area::Manage => "/manage",
        }
    }
}

/// How many coming visits the page lists.
const SHOWN: usize = 12;

pub fn page(
    ctx: &Ctx,
    area: Area,
    v: &SeriesView,
    now: DateTime<Utc>,
    error: Option<&str>,
) -> Markup {
    let s = &v.series;
    let title = ctx
        .tr
        .t_args("series-one", &[("id", s.id.to_string().into())]);
    let base = format!("{}/series/{}", area.base(), s.id);
    let today = now.with_timezone(&ctx.tr.tz).date_naive();
    let coming: Vec<&VisitRow> = v
        .visits
        .iter()
        .filter(|r| match &r.order {
            Some(o) => o.scheduled_at >= now,
            None => r.at.map_or(r.on, |a| a.date()) >= today,
        })
        .take(SHOWN)
        .collect();
    let running = s.ended_at.is_none();
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul {
                li { a href={ (area.base()) "/series" } { (ctx.t("series-title")) } }
                li { "#" (s.id) }
            } }
            hgroup.page-head {
                h1 { (title) " " (status(ctx, s)) }
                p { (name(s, ctx.tr.lang)) " · " (rule_in_words(ctx, &s.rule)) @if area == Area::Manage { " · " (s.client_name) } }
            }
            @if let Some(key) = error {
                p.notice.error role="alert" { (ctx.t(key)) }
            }
            h2.minor { (ctx.t("series-visits-title")) }
            ul.series-visits { @for r in &coming { li { (visit(ctx, area, &base, r, running)) } } }
            @if running {
                (move_all(ctx, &base, today))
                (end_form(ctx, &base))
            }
        },
    )
}

fn visit(ctx: &Ctx, area: Area, base: &str, r: &VisitRow, running: bool) -> Markup {
    let orders = format!("{}/orders", area.base());
    html! {
        @if let Some(o) = &r.order {
            a href={ (orders) "/" (o.order_id) } { (ctx.tr.datetime(o.scheduled_at)) }
            " " (crate::orders::views::status_badge(ctx, o.status))
            @if matches!(o.status, Status::New | Status::Offered | Status::Assigned | Status::Unassigned) {
                " " a href={ (orders) "/" (o.order_id) "/reschedule" } { (ctx.t("series-reschedule")) }
                @if area == Area::Client {
                    " " a href={ (orders) "/" (o.order_id) "/cancel" } { (ctx.t("series-cancel-visit")) }
                }
            }
        } @else if let Some(at) = r.at {
            span { (ctx.tr.datetime_day(at.date())) " " (at.format("%H:%M")) } " "
            span.status-badge { (ctx.t("series-visit-planned")) }
            @if running {
                " " (post_button(ctx, &format!("{base}/skip?on={}", r.on), &ctx.t("series-skip"), "secondary outline", Some(&ctx.t("series-skip-confirm"))))
                details.inline-form {
                    summary { (ctx.t("series-move")) }
                    form method="post" action={ (base) "/move" } data-confirm=(ctx.t("series-move-confirm")) {
                        (csrf_field(ctx))
                        input type="hidden" name="on" value=(r.on);
                        label { (ctx.t("series-new-date")) input type="date" name="date" value=(at.date()) required; }
                        label { (ctx.t("series-new-time")) input type="time" name="time" step="900" value=(at.format("%H:%M")) required; }
                        button type="submit" { (ctx.t("series-move")) }
                    }
                }
            }
        } @else {
            span { (ctx.tr.datetime_day(r.on)) } " "
            span.status-badge { (ctx.t(if r.not_placed { "series-visit-not-placed" } else { "series-visit-skipped" })) }
        }
    }
}

fn move_all(ctx: &Ctx, base: &str, today: chrono::NaiveDate) -> Markup {
    html! {
        details {
            summary { (ctx.t("series-move-all")) }
            p.muted { (ctx.t("series-move-all-help")) }
            form method="post" action={ (base) "/move-all" } data-confirm=(ctx.t("series-move-all-confirm")) {
                (csrf_field(ctx))
                div.grid {
                    label { (ctx.t("series-from")) input type="date" name="from" value=(today) required; }
                    label { (ctx.t("series-new-time")) input type="time" name="time" step="900" value="10:00" required; }
                    label { (ctx.t("series-weekday"))
                        select name="weekday" {
                            option value="" { (ctx.t("series-weekday-same")) }
                            @for d in 0..7 { option value=(d) { (ctx.t(&format!("series-wd-{d}"))) } }
                        }
                    }
                }
                button type="submit" { (ctx.t("series-move-all")) }
            }
        }
    }
}

fn end_form(ctx: &Ctx, base: &str) -> Markup {
    html! {
        details {
            summary { (ctx.t("series-end")) }
            p.muted { (ctx.t("series-end-help")) }
            form method="post" action={ (base) "/end" } data-confirm=(ctx.t("series-end-confirm")) {
                (csrf_field(ctx))
                label { input type="checkbox" name="cancel_placed" value="1"; (ctx.t("series-end-cancel")) }
                button.secondary type="submit" { (ctx.t("series-end")) }
            }
        }
    }
}
