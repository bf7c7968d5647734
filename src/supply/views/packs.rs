//! The managers' kits: every pack with its status and contents, and the workers' requests for
//! extra consumables waiting for an answer.

use maud::{Markup, html};

use crate::supply::model::{PackStatus, kit_point};
use crate::supply::store::packs::{ExtraRequest, Pack, PackLine};
use crate::web::components::{Paging, csrf_field, empty_state, pagination, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// One page of kits, and the pickup points a kit may be sent to.
pub struct PackList<'a> {
    pub status: Option<PackStatus>,
    pub lines: &'a [PackLine],
    pub total: i64,
    pub paging: Paging,
    pub points: &'a [String],
}

pub fn page(ctx: &Ctx, list: &PackList, requests: &[ExtraRequest]) -> Markup {
    let (status, lines) = (list.status, list.lines);
    let title = ctx.t("packs-title");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/stock" { (ctx.t("stock-title")) } } li { (title) } } }
            h1 { (title) }
            p.muted { (ctx.t("packs-lead")) }
            section.extras {
                h2 { (ctx.t("extras-title")) }
                @if requests.is_empty() { p.muted { (ctx.t("extras-empty")) } }
                @for r in requests { (request(ctx, r)) }
            }
            nav.tabs { ul {
                li { a href="/manage/packs" aria-current=[status.is_none().then_some("page")] { (ctx.t("mail-all")) } }
                @for s in PackStatus::ALL { li { a href={ "/manage/packs?status=" (s.as_str()) } aria-current=[(status == Some(*s)).then_some("page")] { (ctx.t(s.label_key())) } } }
            } }
            @if lines.is_empty() {
                (empty_state(&ctx.t("packs-empty-title"), &ctx.t("packs-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr {
                        th { (ctx.t("pack-order")) } th { (ctx.t("pack-worker")) } th { (ctx.t("pack-status")) }
                        th { (ctx.t("pack-items")) } th { (ctx.t("pack-cookie")) }
                        th { (ctx.t("pack-pickup-point")) }
                    } }
                    tbody { @for l in lines { (line(ctx, l, list.points)) } }
                } }
                (pagination(ctx, list.paging, list.total, &format!("/manage/packs?status={}&", status.map(|s| s.as_str()).unwrap_or(""))))
            }
        },
    )
}

fn line(ctx: &Ctx, l: &PackLine, points: &[String]) -> Markup {
    let p = &l.pack;
    html! {
        tr {
            td { a href={ "/manage/orders/" (p.order_id) } { "#" (p.order_id) } br; small { (ctx.tr.datetime(l.scheduled_at)) } }
            td { (l.worker_name.as_deref().unwrap_or("—")) }
            td {
                (ctx.t(p.status.label_key()))
                @if p.bakery_attempts > 0 && p.status == PackStatus::Reserved {
                    br; small.muted { (ctx.tr.t_args("pack-attempts", &[("count", i64::from(p.bakery_attempts).into())])) }
                }
            }
            td {
                @if p.items.is_empty() { span.muted { "—" } }
                @for i in &p.items { (i.quantity) " × " (i.name.read(ctx.tr.lang)) br; }
            }
            td {
                @if let Some(text) = &p.cookie_text {
                    span.cookie { (text) }
                    @if p.fallback_cookie { br; small.muted { (ctx.t("pack-fallback")) } }
                }
            }
            td { (point_cell(ctx, p, points)) }
        }
    }
}

/// The kit's pickup point; with several points, and while the kit is not handed over, a
/// choice of them. A point removed from the settings since stays listed for the kit that has
/// it, so the form never shows a place the kit is not at.
fn point_cell(ctx: &Ctx, p: &Pack, points: &[String]) -> Markup {
    let current = kit_point(p.pickup_point.as_deref(), points);
    if points.len() < 2 || !p.status.point_may_change() {
        return html! { (current) };
    }
    let gone = !points.iter().any(|q| q == current);
    html! {
        form.row-form method="post" action={ "/manage/packs/" (p.id) "/point" } {
            (csrf_field(ctx))
            label.inline-field {
                span.visually-hidden { (ctx.t("pack-pickup-point")) }
                select name="point" {
                    @if gone { option value=(current) selected { (current) } }
                    @for q in points { option value=(q) selected[q == current] { (q) } }
                }
            }
            button.small.secondary.outline type="submit" { (ctx.t("pack-point-save")) }
        }
    }
}

fn request(ctx: &Ctx, r: &ExtraRequest) -> Markup {
    let base = format!("/manage/packs/extras/{}", r.id);
    html! {
        article.extra-request {
            p {
                strong { (r.quantity) " × " (r.item.read(ctx.tr.lang)) } " (" code { (r.sku) } ") — " (r.worker_name) ", "
                a href={ "/manage/orders/" (r.order_id) } { "#" (r.order_id) }
                @if !r.note.is_empty() { br; span.muted { (r.note) } }
            }
            div.actions {
                (post_button(ctx, &format!("{base}/approve"), &ctx.t("extra-approve"), "small", Some(&ctx.t("extra-confirm-approve"))))
                form.row-form method="post" action={ (base) "/refuse" } {
                    (csrf_field(ctx))
                    label.inline-field { span { (ctx.t("extra-refuse-reason")) } input type="text" name="reason" required maxlength="300"; }
                    button.small.secondary.outline type="submit" { (ctx.t("extra-refuse")) }
                }
            }
        }
    }
}
