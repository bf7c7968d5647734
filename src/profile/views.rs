//! The client profile page.

use maud::{Markup, html};

use super::model::WorkerPreference;
use super::store::Address;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub struct Profile {
    pub card: Option<crate::billing::cards::Card>,
    pub addresses: Vec<Address>,
    pub notes: String,
    pub phone: String,
    pub workers: Vec<(i64, String, Option<WorkerPreference>)>,
}

pub fn profile(ctx: &Ctx, p: &Profile) -> Markup {
    let title = ctx.t("profile-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            (crate::billing::views::card_box(ctx, p.card.as_ref(), "/client/profile/card", "billing-card-charge-help", None))
            article {
                h2 { (ctx.t("profile-addresses")) }
                @if p.addresses.is_empty() { p.muted { (ctx.t("profile-no-addresses")) } }
                ul.address-list { @for a in &p.addresses {
                    li {
                        strong { (a.label) } @if a.is_default { " " mark { (ctx.t("profile-default")) } } br;
                        (a.address) @if !a.access_notes.is_empty() { br; small.muted { (a.access_notes) } } br;
                        @if !a.is_default {
                            (post_button(ctx, &format!("/client/profile/addresses/{}/default", a.id), &ctx.t("profile-make-default"), "secondary outline small", None)) " "
                        }
                        (post_button(ctx, &format!("/client/profile/addresses/{}/remove", a.id), &ctx.t("remove"), "secondary outline small", Some(&ctx.t("profile-confirm-remove"))))
                    }
                } }
                details open[p.addresses.is_empty()] {
                    summary { (ctx.t("profile-add-address")) }
                    form method="post" action="/client/profile/addresses" {
                        (csrf_field(ctx))
                        label { (ctx.t("field-label")) input name="label" required maxlength="50" placeholder=(ctx.t("profile-label-hint")); }
                        label { (ctx.t("field-address")) input name="address" required maxlength="300"; }
                        label { (ctx.t("field-access-notes")) input name="access_notes" maxlength="500"; }
                        button type="submit" { (ctx.t("profile-add-address")) }
                    }
                }
            }
            article {
                h2 { (ctx.t("profile-phone")) }
                form method="post" action="/client/profile/phone" {
                    (csrf_field(ctx))
                    label { (ctx.t("field-phone"))
                        input type="tel" name="phone" value=(p.phone) maxlength="30" autocomplete="tel"
                            placeholder="+7 916 123-45-67" aria-describedby="phone-help"; }
                    small #phone-help { (ctx.t("profile-phone-help")) }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
            article {
                h2 { (ctx.t("profile-notes")) }
                form method="post" action="/client/profile/notes" {
                    (csrf_field(ctx))
                    label { (ctx.t("profile-notes")) textarea name="notes" rows="3" maxlength="1000" placeholder=(ctx.t("profile-notes-hint")) { (p.notes) } }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
            article {
                h2 { (ctx.t("profile-workers")) }
                @if p.workers.is_empty() { p.muted { (ctx.t("profile-no-workers")) } }
                ul { @for (id, name, kind) in &p.workers {
                    li {
                        (name) " "
                        @if let Some(kind) = kind { mark { (ctx.t(kind.label_key())) } }
                        " "
                        form.inline method="post" action={ "/client/profile/workers/" (id) } {
                            (csrf_field(ctx))
                            button.secondary.outline.small type="submit" name="kind" value=(WorkerPreference::Favourite.as_str()) { (ctx.t("profile-make-favourite")) }
                            " "
                            button.secondary.outline.small type="submit" name="kind" value=(WorkerPreference::Blocked.as_str()) { (ctx.t("profile-block")) }
                            " "
                            button.secondary.outline.small type="submit" name="kind" value="none" { (ctx.t("profile-clear")) }
                        }
                    }
                } }
            }
        },
    )
}
