//! The parts of the client's and worker's homes drawn here rather than in orders: the
//! worker's numbers, with the payout card asked for first while none is on file.

use maud::{Markup, html};

use crate::billing::views::worker::card_prompt;
use crate::web::ctx::Ctx;

/// Until there is a payout card nothing can be paid: asked first, on every visit.
pub fn worker_summary(ctx: &Ctx, card_missing: Option<i64>, summary: Markup) -> Markup {
    html! {
        @if let Some(held) = card_missing { (card_prompt(ctx, held)) }
        (summary)
    }
}
