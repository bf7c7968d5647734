//! The client's billing page (balance, card, invoices, the month's entries) and the
//! printable invoice with each order's frozen quote.

use maud::{Markup, html};

use super::{card_box, entries_by_month, line_label, money, status_badge};
use crate::billing::model::InvoiceStatus;
use crate::billing::store::cards::Card;
use crate::billing::store::statements::{Invoice, Line};
use crate::web::components::{empty_state, post_button, quote_table};
use crate::web::ctx::Ctx;
use crate::web::layout;

fn invoice_status(ctx: &Ctx, status: InvoiceStatus) -> Markup {
    status_badge(ctx, status.css_class(), status.label_key())
}

pub struct ClientBilling {
    pub balance_minor: i64,
    pub card: Option<Card>,
    pub invoices: Vec<Invoice>,
    pub blocked: Option<&'static str>,
    pub statement: super::Statement,
}

pub fn client_billing(ctx: &Ctx, p: &ClientBilling) -> Markup {
    let title = ctx.t("billing-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @if let Some(key) = p.blocked { article.notice.error role="alert" { (ctx.t(key)) } }
            div.grid {
                article { h2 { (ctx.t("billing-balance")) } p.big { (money(ctx, p.balance_minor, &ctx.currency)) } small.muted { (ctx.t("billing-balance-help")) } }
                (card_box(ctx, p.card.as_ref(), "/client/profile/card", "billing-card-charge-help", None))
            }
            article {
                h2 { (ctx.t("billing-invoices")) }
                @if p.invoices.is_empty() { (empty_state(&ctx.t("billing-no-invoices"), &ctx.t("billing-no-invoices-help"))) } @else {
                    div.table-wrap tabindex="0" { table.dense {
                        thead { tr { th { (ctx.t("billing-invoice")) } th { (ctx.t("billing-period")) } th { (ctx.t("billing-status")) } th.num { (ctx.t("billing-total")) } } }
                        tbody { @for i in &p.invoices { tr {
                            td { a href={ "/invoices/" (i.id) } { (i.number) } } td { (i.period) } td { (invoice_status(ctx, i.status)) }
                            td.num { (money(ctx, i.total_minor, &i.currency)) }
                        } } }
                    } }
                }
            }
            (entries_by_month(ctx, &p.statement, "/client/billing"))
        },
    )
}

pub struct InvoicePage {
    pub invoice: Invoice,
    pub lines: Vec<Line>,
}

pub fn invoice_page(ctx: &Ctx, p: &InvoicePage) -> Markup {
    let i = &p.invoice;
    let title = format!("{} {}", ctx.t("billing-invoice"), i.number);
    let is_client = ctx.user.as_ref().is_some_and(|u| u.id == i.client_id);
    let payable = i.status.is_payable() && !i.pending_charge;
    layout::page(
        ctx,
        &title,
        html! {
            article.invoice {
                hgroup.page-head {
                    h1 { (title) " " (invoice_status(ctx, i.status)) }
                    div.actions.no-print {
                        a role="button" class="secondary outline" href={ "/invoices/" (i.id) "/download" } { (ctx.t("billing-download")) }
                    }
                }
                p { (ctx.t("billing-period")) ": " strong { (i.period) } " · " (i.client_name) " · " (ctx.t("billing-issued")) " " (ctx.tr.datetime(i.issued_at))
                    @if let Some(paid) = i.paid_at { " · " (ctx.t("billing-paid-at")) " " (ctx.tr.datetime(paid)) } }
                div.table-wrap tabindex="0" { table.dense {
                    thead { tr { th { (ctx.t("billing-what")) } th.num { (ctx.t("billing-amount")) } } }
                    tbody { @for l in &p.lines { tr {
                        td { (line_label(ctx, l)) @if let Some(q) = &l.quote { (quote_table(ctx, q, &i.currency)) } }
                        td.num { (money(ctx, l.amount_minor, &i.currency)) }
                    } }
                    @if i.carried_in_minor != 0 { tr { td { (ctx.t("billing-carried-credit")) } td.num { (money(ctx, i.carried_in_minor, &i.currency)) } } } }
                    tfoot { tr { th { (ctx.t("billing-total")) } th.num { (money(ctx, i.total_minor, &i.currency)) } } }
                } }
                @if is_client && payable {
                    div.no-print {
                        @if i.status == InvoiceStatus::PastDue { p.muted { (ctx.t("billing-past-due-help")) } }
                        (post_button(ctx, &format!("/invoices/{}/pay", i.id), &ctx.t("billing-pay-now"), "", Some(&ctx.t("billing-confirm-pay"))))
                        " " a href="/client/profile#card" { (ctx.t("billing-use-another-card")) }
                    }
                }
            }
        },
    )
}
