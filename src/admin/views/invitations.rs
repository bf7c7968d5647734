//! The admin's invitations page: the form to invite someone and every invitation with its
//! state and the resend and revoke buttons.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::auth::store::Invitation;
use crate::identity::Role;
use crate::web::components::{csrf_field, empty_state, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub const PAGE: &str = "/admin/invitations";

fn state_of(ctx: &Ctx, i: &Invitation, now: DateTime<Utc>) -> String {
    match (i.accepted_at, i.revoked_at) {
        (Some(at), _) => format!("{} {}", ctx.t("invite-accepted"), ctx.tr.datetime(at)),
        (_, Some(at)) => format!("{} {}", ctx.t("invite-revoked"), ctx.tr.datetime(at)),
        _ if i.expires_at <= now => ctx.t("invite-expired"),
        _ => format!(
            "{} {}",
            ctx.t("invite-open-until"),
            ctx.tr.datetime(i.expires_at)
        ),
    }
}

pub fn page(ctx: &Ctx, rows: &[Invitation], now: DateTime<Utc>) -> Markup {
    let title = ctx.t("invite-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article {
                h2 { (ctx.t("invite-new")) }
                form method="post" action=(PAGE) {
                    (csrf_field(ctx))
                    div.grid {
                        label { (ctx.t("field-email")) input type="email" name="email" required; }
                        label { (ctx.t("field-name")) input type="text" name="name" required maxlength="100"; }
                        label { (ctx.t("account-role"))
                            select name="role" { @for r in [Role::Worker, Role::Manager, Role::Client, Role::Admin] {
                                option value=(r.as_str()) { (ctx.t(&format!("role-{r}"))) }
                            } } }
                    }
                    button type="submit" { (ctx.t("invite-send")) }
                }
            }
            @if rows.is_empty() {
                (empty_state(&ctx.t("invite-empty-title"), &ctx.t("invite-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.phone-cards {
                    thead { tr { th { (ctx.t("field-name")) } th { (ctx.t("field-email")) } th { (ctx.t("account-role")) } th { (ctx.t("invite-by")) } th { (ctx.t("admin-status")) } th { span.visually-hidden { (ctx.t("table-actions")) } } } }
                    tbody { @for i in rows { tr {
                        td { (i.name) } td { (i.email) } td { (ctx.t(&format!("role-{}", i.role))) }
                        td { (i.invited_by_name) br; small.muted { (ctx.tr.datetime(i.created_at)) " · " (ctx.tr.t_args("invite-sent-times", &[("count", i.sent_count.into())])) } }
                        td { (state_of(ctx, i, now)) }
                        td { @if i.accepted_at.is_none() && i.revoked_at.is_none() {
                            (post_button(ctx, &format!("{PAGE}/{}/resend", i.id), &ctx.t("invite-resend"), "small secondary", None))
                            " "
                            (post_button(ctx, &format!("{PAGE}/{}/revoke", i.id), &ctx.t("invite-revoke"), "small secondary outline", Some(&ctx.t("invite-revoke-confirm"))))
                        } }
                    } } }
                } }
            }
        },
    )
}
