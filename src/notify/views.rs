//! The in-app notification list.

pub mod mail;

use maud::{Markup, html};

use super::store::Notification;
use crate::web::components::{Paging, csrf_field, empty_state, pagination, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn list(ctx: &Ctx, items: &[Notification], paging: Paging, total: i64) -> Markup {
    let title = ctx.t("notifications-title");
    let any_unread = items.iter().any(|n| !n.read);
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head {
                h1 { (title) }
                @if any_unread {
                    (post_button(ctx, "/notifications/read", &ctx.t("notifications-mark-read"), "secondary outline", None))
                }
            }
            @if items.is_empty() {
                (empty_state(&ctx.t("notifications-empty-title"), &ctx.t("notifications-empty-text")))
            } @else {
                ul.notification-list {
                    @for n in items {
                        li.unread[!n.read] {
                            strong { (n.title) }
                            small.muted { " · " (ctx.tr.datetime(n.created_at)) }
                            p { (n.body) }
                            @if n.link.is_some() {
                                // Opening marks it read, so it is a small form, not a link.
                                form.inline method="post" action={ "/notifications/" (n.id) "/open" } {
                                    (csrf_field(ctx))
                                    button.link type="submit" { (ctx.t("notifications-open")) " →" }
                                }
                            }
                        }
                    }
                }
                (pagination(ctx, paging, total, "/notifications?"))
            }
        },
    )
}
