//! The line of an order page that says when the visit's reminder comes, that it came, or
//! that there is none.

use maud::{Markup, html};

use crate::i18n::Arg;
use crate::orders::model::reminder::ReminderNote;
use crate::web::ctx::Ctx;

pub fn line(ctx: &Ctx, note: Option<ReminderNote>) -> Markup {
    let Some(note) = note else {
        return html! {};
    };
    let text = match note {
        ReminderNote::At(at) => ctx
            .tr
            .t_args("order-reminder-at", &[("when", Arg::Time(at))]),
        ReminderNote::Sent(at) => ctx
            .tr
            .t_args("order-reminder-sent", &[("when", Arg::Time(at))]),
        ReminderNote::TooClose { hours } => ctx
            .tr
            .t_args("order-reminder-none", &[("hours", Arg::Num(hours))]),
    };
    html! { p.reminder.muted { (text) } }
}
