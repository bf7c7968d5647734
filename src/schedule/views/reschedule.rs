//! The move form: the order's current time, the rules of a new time in one sentence, who
//! keeps the job, and on a client's late move the fee to agree to before anything changes.

use maud::{Markup, html};

use crate::i18n::Arg;
use crate::orders::model::Status;
use crate::orders::store::Order;
use crate::orders::views::client::{SlotRules, slot_error};
use crate::web::components::{FormErrors, csrf_field, field_error};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// What the move form shows.
pub struct MovePage {
    pub order: Order,
    /// A manager's form (no fee, staff wording) rather than the client's.
    pub staff: bool,
    pub action: String,
    pub back: String,
    pub rules: SlotRules,
    /// Inside the cancellation window of the current time.
    pub late: bool,
    pub window_hours: i64,
    pub fee_percent: i64,
    /// What moving now costs (zero unless a client's late move of an assigned order).
    pub fee_minor: i64,
    pub date: String,
    pub time: String,
}

pub fn page(ctx: &Ctx, p: &MovePage, e: &FormErrors) -> Markup {
    let o = &p.order;
    let title = ctx
        .tr
        .t_args("move-title", &[("id", o.id.to_string().into())]);
    let fee = Arg::Money(p.fee_minor, o.currency.clone());
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow.move-order {
                h1 { (title) }
                p { (o.service_name(ctx.tr.lang)) " · "
                    (ctx.tr.t_args("move-now", &[("when", Arg::Time(o.scheduled_at))])) }
                p.muted { (ctx.tr.t_args("move-rules", &[
                    ("minutes", p.rules.min_lead_minutes.into()),
                    ("days", p.rules.max_days_ahead.into()),
                    ("opens", p.rules.opens.as_str().into()),
                    ("closes", p.rules.closes.as_str().into()),
                ])) }
                @if let (Status::Assigned, Some(worker)) = (o.status, &o.worker_name) {
                    @let key = if p.staff { "move-worker-note-staff" } else { "move-worker-note" };
                    p { (ctx.tr.t_args(key, &[("worker", worker.as_str().into())])) }
                }
                @if p.fee_minor > 0 {
                    p.flash.error role="alert" { (ctx.tr.t_args("move-late-fee", &[
                        ("hours", p.window_hours.into()),
                        ("fee", fee.clone()),
                        ("percent", p.fee_percent.into()),
                    ])) }
                } @else if p.staff && p.late && o.status == Status::Assigned {
                    p.flash.info { (ctx.t("move-no-fee-staff")) }
                }
                form method="post" action=(p.action) novalidate {
                    (csrf_field(ctx))
                    div.grid {
                        label { (ctx.t("field-date")) input type="date" name="date" value=(p.date) required aria-invalid=[e.invalid("time")]; }
                        label { (ctx.t("field-time")) input type="time" name="time" step="900" value=(p.time) required aria-invalid=[e.invalid("time")]; }
                    }
                    (slot_error(ctx, e, &p.rules))
                    @if p.fee_minor > 0 {
                        label {
                            input type="checkbox" name="confirm_fee" value="1" aria-invalid=[e.invalid("confirm_fee")];
                            (ctx.tr.t_args("move-fee-confirm", &[("fee", fee.clone())]))
                        }
                        (field_error(ctx, e, "confirm_fee"))
                    }
                    button type="submit" { (ctx.t("move-submit")) }
                    " " a href=(p.back) { (ctx.t("back")) }
                }
            }
        },
    )
}
