//! The getting-started checklist on the admin home: each step done or not, and where to do it.

use maud::{Markup, html};

use crate::admin::store::ChecklistItem;
use crate::web::ctx::Ctx;

/// Nothing once every step is done.
pub fn card(ctx: &Ctx, items: &[ChecklistItem]) -> Markup {
    html! {
        @if !items.is_empty() {
            article.checklist #getting-started {
                h2 { (ctx.t("checklist-title")) }
                p.muted { (ctx.t("checklist-intro")) }
                ol.checklist-steps {
                    @for i in items {
                        li.done[i.done] data-step=(i.label_key) {
                            span.status-badge.completed[i.done] {
                                (if i.done { ctx.t("checklist-done") } else { ctx.t("checklist-todo") })
                            }
                            " "
                            a href=(i.href) { (ctx.t(i.label_key)) }
                            @if i.label_key == "checklist-screening" {
                                br;
                                small.muted { (ctx.t("checklist-screening-default")) }
                            }
                        }
                    }
                }
            }
        }
    }
}
