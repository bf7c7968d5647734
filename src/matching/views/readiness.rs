//! The flags on a worker who cannot be offered jobs or paid yet, where admins and managers
//! see the worker.

use maud::{Markup, html};

use crate::matching::service::readiness::Gap;
use crate::web::ctx::Ctx;

/// A warning listing what the worker lacks; nothing when they lack nothing.
pub fn flags(ctx: &Ctx, gaps: &[Gap]) -> Markup {
    html! {
        @if !gaps.is_empty() {
            div.flash.warning role="status" data-flag="worker-gaps" {
                (ctx.t("gap-title")) " "
                @for (i, g) in gaps.iter().enumerate() {
                    @if i > 0 { ", " }
                    span data-gap=(g.label_key()) { (ctx.t(g.label_key())) }
                }
            }
        }
    }
}

/// The same, short, for a row of a list.
pub fn marks(ctx: &Ctx, gaps: &[Gap]) -> Markup {
    html! {
        @for g in gaps { mark.warning data-gap=(g.label_key()) { (ctx.t(g.label_key())) } " " }
    }
}
