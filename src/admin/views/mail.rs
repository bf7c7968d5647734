//! The admin's mail queue: the list by status, and one mail with its headers and text.

use maud::{Markup, html};

use crate::notify::model::OutboxStatus;
use crate::notify::store::Mail;
use crate::web::components::{Paging, empty_state, pagination, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn mail(
    ctx: &Ctx,
    rows: &[Mail],
    status: Option<OutboxStatus>,
    counts: (i64, i64, i64),
    paging: Paging,
    total: i64,
) -> Markup {
    let title = ctx.t("nav-mail-queue");
    let (pending, sent, dead) = counts;
    let tab = |s: OutboxStatus, count| (s.as_str(), ctx.t(s.label_key()), count);
    let tabs = [
        ("", ctx.t("mail-all"), pending + sent + dead),
        tab(OutboxStatus::Pending, pending),
        tab(OutboxStatus::Sent, sent),
        tab(OutboxStatus::Dead, dead),
    ];
    let status = status.map(OutboxStatus::as_str).unwrap_or("");
    let base = format!("/admin/mail?status={status}&");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            nav.tabs { ul {
                @for (code, label, n) in &tabs {
                    li { a href={ "/admin/mail?status=" (code) } aria-current=[(status == *code).then_some("page")] { (label) " (" (n) ")" } }
                }
            } }
            @if rows.is_empty() {
                (empty_state(&ctx.t("mail-empty-title"), &ctx.t("mail-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.phone-cards {
                    thead { tr { th { "#" } th { (ctx.t("mail-to")) } th { (ctx.t("mail-subject")) } th { (ctx.t("admin-status")) } th { (ctx.t("mail-attempts")) } th { (ctx.t("mail-when")) } th { span.visually-hidden { (ctx.t("table-actions")) } } } }
                    tbody { @for m in rows {
                        tr {
                            td { (m.id) }
                            td { (m.to_address) }
                            td { a href={ "/admin/mail/" (m.id) } { (m.subject) } }
                            td { span.status.(m.status.css_class()) { (ctx.t(m.status.label_key())) }
                                 @if let Some(e) = &m.last_error { br; small.muted { (e) } } }
                            td { (m.attempts) }
                            td { (mail_when(ctx, m)) }
                            td { @if m.status == OutboxStatus::Dead {
                                (post_button(ctx, &format!("/admin/mail/{}/retry", m.id), &ctx.t("mail-retry"), "small", None))
                            } }
                        }
                    } }
                } }
                (pagination(ctx, paging, total, &base))
            }
        },
    )
}

/// When a mail went out, or when it is tried next.
fn mail_when(ctx: &Ctx, m: &Mail) -> Markup {
    html! {
        @match (m.status, m.sent_at) {
            (OutboxStatus::Sent, Some(at)) => { (ctx.t("mail-sent-at")) " " (ctx.tr.datetime(at)) }
            (OutboxStatus::Pending, _) => { (ctx.t("mail-next")) " " (ctx.tr.datetime(m.next_attempt_at)) }
            _ => {}
        }
    }
}

/// Mail whose text holds a link that opens an account (a password reset, an invitation).
fn one_time_link(kind: &str) -> bool {
    matches!(kind, "password_reset" | "invitation")
}

/// One mail: its headers, text, attempts and last error; a dead one can be retried.
pub fn mail_detail(ctx: &Ctx, m: &Mail, from: &str) -> Markup {
    let title = format!("{} #{}", ctx.t("mail-title"), m.id);
    let row =
        |key: &str, value: Markup| html! { tr { th scope="row" { (ctx.t(key)) } td { (value) } } };
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/admin/mail" { (ctx.t("nav-mail-queue")) } } li { "#" (m.id) } } }
            h1 { (m.subject) }
            article {
                table.dense { tbody {
                    (row("mail-from", html! { (from) }))
                    (row("mail-to", html! { (m.to_name) " <" (m.to_address) ">" }))
                    (row("mail-subject", html! { (m.subject) }))
                    (row("mail-kind", html! { code { (m.kind) } }))
                    (row("admin-status", html! { span.status.(m.status.css_class()) { (ctx.t(m.status.label_key())) } }))
                    (row("mail-created", html! { (ctx.tr.datetime(m.created_at)) }))
                    (row("mail-when", mail_when(ctx, m)))
                    (row("mail-attempts", html! { (m.attempts) }))
                    @if let Some(e) = &m.last_error { (row("mail-last-error", html! { code { (e) } })) }
                } }
                @if m.status == OutboxStatus::Dead {
                    (post_button(ctx, &format!("/admin/mail/{}/retry", m.id), &ctx.t("mail-retry"), "", None))
                }
            }
            article {
                h2 { (ctx.t("mail-text")) }
                // A one-time link is for its recipient only, not for whoever reads the queue.
                @if one_time_link(&m.kind) { p.muted { (ctx.t("mail-text-hidden")) } }
                @else { pre.mail-text { (m.body_text) } }
            }
        },
    )
}
