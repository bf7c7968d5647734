//! The public landing page: the company by its name, what it does in four steps, and the
//! ways in.

use maud::{Markup, html};

use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(ctx: &Ctx) -> Markup {
    let steps = [
        ("landing-step-order", "landing-step-order-text"),
        ("landing-step-match", "landing-step-match-text"),
        ("landing-step-kit", "landing-step-kit-text"),
        ("landing-step-sign", "landing-step-sign-text"),
    ];
    layout::page(
        ctx,
        &ctx.t("landing-title"),
        html! {
            section.hero {
                h1 { (ctx.company) }
                p.lead { strong { (ctx.t("landing-title")) } br; (ctx.t("landing-lead")) }
                div.hero-actions {
                    a role="button" href="/register" { (ctx.t("landing-cta-client")) }
                a role="button" class="secondary outline" href="/apply" { (ctx.t("landing-cta-worker")) }
                }
            }
            section.steps {
                @for (i, (title, text)) in steps.iter().enumerate() {
                    article.step {
                        span.step-number { (i + 1) }
                        h2.minor { (ctx.t(title)) }
                        p { (ctx.t(text)) }
                    }
                }
            }
            p.muted.center { (ctx.t("landing-have-account")) " " a href="/login" { (ctx.t("nav-login")) } }
        },
    )
}
