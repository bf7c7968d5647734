//! Order views shared by every audience: status badges, the quote, the timeline, the
//! report and the signature.

pub mod client;
pub mod history;
pub mod manage;
pub mod unplaced;
pub mod worker;

use maud::{Markup, html};

use super::model::{EventAction, Reader, Status};
use super::store::{Event, Order};
use crate::web::ctx::Ctx;

pub use super::service::details::Details;
pub use crate::web::components::quote_table;

pub fn status_badge(ctx: &Ctx, status: Status) -> Markup {
    html! { span.status-badge.(status.as_str()) { (ctx.t(status.label_key())) } }
}

/// The order's price: the quote as ordered and, when quality control settled a dispute at a
/// lower price, the adjustment and the final price under it.
pub fn price_table(ctx: &Ctx, o: &Order) -> Markup {
    html! {
        (quote_table(ctx, &o.quote, &o.currency))
        @if let Some(final_minor) = o.final_total_minor {
            table.quote.adjusted { tbody {
                tr.discount { td { (ctx.t("price-qc-adjustment")) } td.amount { (ctx.tr.money(final_minor - o.total_minor, &o.currency)) } }
            } tfoot {
                tr { th { (ctx.t("price-final")) } th.amount { (ctx.tr.money(final_minor, &o.currency)) } }
            } }
        }
    }
}

/// The price in a list: the final one, with the original struck through when it changed.
pub fn price_in_list(ctx: &Ctx, o: &Order) -> Markup {
    html! {
        @if let Some(final_minor) = o.final_total_minor {
            del { (ctx.tr.money(o.total_minor, &o.currency)) } " " (ctx.tr.money(final_minor, &o.currency))
        } @else {
            (ctx.tr.money(o.total_minor, &o.currency))
        }
    }
}

/// The order's facts at a glance.
pub fn summary(ctx: &Ctx, o: &Order) -> Markup {
    html! {
        dl.summary {
            dt { (ctx.t("order-when")) } dd { (ctx.tr.datetime(o.scheduled_at)) " · " (ctx.tr.t_args("duration-minutes", &[("minutes", o.duration_minutes.into())])) }
            dt { (ctx.t("field-address")) } dd { (o.address_text) }
            dt { (ctx.t("order-worker")) } dd { (o.worker_name.as_deref().unwrap_or("—")) }
            @if !o.notes.is_empty() { dt { (ctx.t("field-notes")) } dd { (o.notes) } }
            @if let Some(fee) = o.cancellation_fee_minor.filter(|f| *f > 0) {
                dt { (ctx.t("order-cancellation-fee")) } dd { (ctx.tr.money(fee, &o.currency)) }
            }
            @if let Some(reason) = o.cancel_reason.as_deref().filter(|r| !r.is_empty()) { dt { (ctx.t("order-cancel-reason")) } dd { (reason) } }
            @if let Some(reason) = &o.dispute_reason { dt { (ctx.t("order-dispute-reason")) } dd { (reason) } }
        }
    }
}

/// The order's history as `reader` reads it (the events come already trimmed for them).
pub fn timeline(ctx: &Ctx, events: &[Event], reader: Reader) -> Markup {
    html! {
        ol.timeline {
            @for e in events {
                li {
                    time { (ctx.tr.datetime(e.at)) }
                    " "
                    @match e.action {
                        Some(action) => {
                            strong { (event_line(ctx, action, reader, e)) }
                            @if action.details_shown_to(reader) {
                                " · " (e.actor_name.clone().unwrap_or_else(|| ctx.t("actor-system")))
                            }
                        }
                        // An action this version does not know: where the order went says it.
                        None => strong { (ctx.t(e.to.label_key())) },
                    }
                    @if e.from != Some(e.to) { " → " (status_badge(ctx, e.to)) }
                    @if let Some(reason) = &e.reason { br; small.muted { (reason) } }
                }
            }
        }
    }
}

/// An event's line; a move names its old and new time in the business time zone.
fn event_line(ctx: &Ctx, action: EventAction, reader: Reader, e: &Event) -> String {
    match e.moved {
        Some((from, to)) if action == EventAction::Reschedule => ctx.tr.t_args(
            action.label_for(reader),
            &[
                ("from", crate::i18n::Arg::Time(from)),
                ("to", crate::i18n::Arg::Time(to)),
            ],
        ),
        // A move recorded without its times (generated or imported history).
        None if action == EventAction::Reschedule => ctx.t("event-reschedule-untimed"),
        _ => ctx.t(action.label_for(reader)),
    }
}

pub fn report_view(ctx: &Ctx, d: &Details) -> Markup {
    let lang = ctx.tr.lang;
    html! {
        @if let Some(r) = &d.report {
            section.report {
                h2.minor { (ctx.t("report-title")) }
                ul.checklist {
                    @for item in &r.checklist {
                        li.done[item.done] { (if item.done { "✓ " } else { "✗ " }) (crate::i18n::read_pair(lang, &item.text_en, &item.text_ru)) }
                    }
                }
                p.report-note { (r.note) }
                @if !d.files.is_empty() {
                    ul.files { @for f in &d.files {
                        @if f.removed {
                            li.removed { (f.file_name) " " small.muted { "(" (ctx.t("retention-file-removed")) ")" } }
                        } @else {
                            li { a href={ "/orders/" (d.order.id) "/files/" (f.id) } target="_blank" { (f.file_name) } " " small.muted { "(" (ctx.tr.file_size(f.size_bytes)) ")" } }
                        }
                    } }
                }
                @if staff(ctx) {
                    (report_times(ctx, r))
                } @else {
                    small.muted { (ctx.tr.datetime(r.submitted_at)) }
                }
            }
        }
        @if let Some(s) = &d.signature {
            section.signature {
                h2.minor { (ctx.t("signature-title")) }
                @if s.image_removed {
                    p.muted.signature-removed { (ctx.t("retention-signature-removed")) }
                } @else {
                    img.signature-image src={ "/orders/" (d.order.id) "/signature.png" } alt=(ctx.t("signature-title"));
                }
                p { (s.signed_name) " · " (ctx.tr.datetime(s.signed_at)) " · " (ctx.t("field-rating")) ": " (s.rating) "/5" }
                @if !s.comment.is_empty() { blockquote { (s.comment) } }
            }
        }
    }
}

fn staff(ctx: &Ctx) -> bool {
    use crate::identity::Role;
    ctx.user
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::Manager | Role::Admin))
}

/// For managers: when the report was finished on the worker's phone and when it arrived;
/// a gap (written without signal) is said in minutes, as a fact for quality control.
fn report_times(ctx: &Ctx, r: &super::store::records::Report) -> Markup {
    let gap = (r.submitted_at - r.finished_at).num_minutes();
    html! {
        dl.report-times {
            dt { (ctx.t("report-finished-on-device")) } dd { (ctx.tr.datetime(r.finished_at)) }
            dt { (ctx.t("report-arrived")) } dd {
                (ctx.tr.datetime(r.submitted_at))
                @if gap >= 1 { " " small.report-gap { (ctx.tr.t_args("report-gap", &[("minutes", gap.into())])) } }
            }
        }
    }
}
