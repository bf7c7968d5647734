//! The calendar feed page under the account: what the link is for, whether there is one,
//! the new link shown once, and the buttons to make, renew or revoke it.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::identity::Role;
use crate::web::components::post_button;
use crate::web::ctx::Ctx;
use crate::web::layout;

/// What the page knows about the person's link.
pub struct FeedPage<'a> {
    pub role: Role,
    pub created: Option<DateTime<Utc>>,
    /// The link just made: shown this once (only its hash is kept).
    pub new_url: Option<&'a str>,
}

pub fn page(ctx: &Ctx, p: &FeedPage) -> Markup {
    let title = ctx.t("calendar-title");
    let lead = if p.role == Role::Worker {
        "calendar-lead-worker"
    } else {
        "calendar-lead-staff"
    };
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/account" { (ctx.t("account-title")) } } li { (title) } } }
            h1 { (title) }
            p { (ctx.t(lead)) }
            @if let Some(url) = p.new_url {
                article.calendar-link {
                    h2 { (ctx.t("calendar-new-link")) }
                    label { (ctx.t("calendar-link-label"))
                        input #calendar-url type="text" readonly value=(url); }
                    p { a role="button" href=(url.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1)) { (ctx.t("calendar-subscribe")) } }
                    small.muted { (ctx.t("calendar-shown-once")) }
                }
            } @else if let Some(at) = p.created {
                p #calendar-state { (ctx.tr.t_args("calendar-link-made", &[("when", ctx.tr.datetime(at).into())])) }
            } @else {
                p #calendar-state.muted { (ctx.t("calendar-no-link")) }
            }
            div.actions {
                @if p.created.is_some() {
                    (post_button(ctx, "/account/calendar/renew", &ctx.t("calendar-renew"), "", Some(&ctx.t("calendar-renew-confirm"))))
                    (post_button(ctx, "/account/calendar/revoke", &ctx.t("calendar-revoke"), "secondary outline", Some(&ctx.t("calendar-revoke-confirm"))))
                } @else {
                    (post_button(ctx, "/account/calendar/renew", &ctx.t("calendar-make"), "", None))
                }
            }
            small.muted { (ctx.t("calendar-private")) }
        },
    )
}

/// The account page's pointer to the feed page, for people who may have a feed.
pub fn account_section(ctx: &Ctx) -> Markup {
    html! {
        article #calendar-feed {
            h2 { (ctx.t("calendar-title")) }
            p.muted { (ctx.t("calendar-account-lead")) }
            a href="/account/calendar" { (ctx.t("calendar-open")) " →" }
        }
    }
}
