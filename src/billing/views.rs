//! Billing pages: the card box, the client's billing page and printable invoice, the
//! worker's earnings, and the managers' overview; plus the CSV bodies.

use maud::{Markup, html};

use super::cards::Card;
use super::statements::{Invoice, Line, Payout, Run, Totals};
use crate::orders::views::quote_table;
use crate::web::components::{csrf_field, empty_state, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// The current card and the form to add or replace it. The number goes to the gateway.
pub fn card_box(ctx: &Ctx, card: Option<&Card>, action: &str, help_key: &str) -> Markup {
    html! {
        article #card {
            h2 { (ctx.t("billing-card")) }
            @match card {
                Some(c) => p { strong { (c.brand.to_uppercase()) " •••• " (c.last4) } " " small.muted { (format!("{:02}/{}", c.exp_month, c.exp_year)) } },
                None => p.muted { (ctx.t("billing-no-card")) },
            }
            small.muted { (ctx.t(help_key)) }
            details open[card.is_none()] {
                summary { (ctx.t(if card.is_some() { "billing-replace-card" } else { "billing-add-card" })) }
                form method="post" action=(action) autocomplete="off" {
                    (csrf_field(ctx))
                    label { (ctx.t("billing-card-number")) input name="card_number" inputmode="numeric" autocomplete="cc-number" required maxlength="23" placeholder="4242 4242 4242 4242"; }
                    div.grid {
                        label { (ctx.t("billing-card-month")) input name="exp_month" inputmode="numeric" required maxlength="2" placeholder="12"; }
                        label { (ctx.t("billing-card-year")) input name="exp_year" inputmode="numeric" required maxlength="4" placeholder="2030"; }
                        label { "CVC" input name="cvc" inputmode="numeric" required maxlength="4" placeholder="123"; }
                    }
                    button type="submit" { (ctx.t("billing-save-card")) }
                }
            }
        }
    }
}

fn money(ctx: &Ctx, minor: i64, currency: &str) -> String {
    ctx.tr.money(minor, currency)
}

fn invoice_status(ctx: &Ctx, status: &str) -> Markup {
    html! { span.status-badge.(status) { (ctx.t(&format!("invoice-status-{}", status.replace('_', "-")))) } }
}

fn line_label(ctx: &Ctx, l: &Line) -> String {
    let kind = ctx.t(&format!("ledger-kind-{}", l.kind.replace('_', "-")));
    let reference = l
        .reference
        .strip_prefix("order:")
        .map(|id| format!(" #{id}"))
        .unwrap_or_default();
    if l.memo.is_empty() {
        format!("{kind}{reference}")
    } else {
        format!("{kind}{reference}: {}", l.memo)
    }
}

fn entries_table(ctx: &Ctx, entries: &[Line]) -> Markup {
    html! {
        @if entries.is_empty() { p.muted { (ctx.t("billing-no-entries")) } } @else {
            div.table-wrap { table.dense {
                thead { tr { th { (ctx.t("billing-when")) } th { (ctx.t("billing-what")) } th.num { (ctx.t("billing-amount")) } } }
                tbody { @for l in entries { tr {
                    td { (ctx.tr.datetime(l.at)) } td { (line_label(ctx, l)) } td.num { (money(ctx, l.amount_minor, &ctx.currency)) }
                } } }
            } }
        }
    }
}

/// The month whose entries a statement lists, with its neighbours for paging.
pub struct ShownMonth {
    pub label: String,
    pub prev: String,
    /// None for the current month: the future has no entries.
    pub next: Option<String>,
    /// The month asked for was not a past or current `YYYY-MM`.
    pub refused: bool,
    pub from: chrono::DateTime<chrono::Utc>,
    pub to: chrono::DateTime<chrono::Utc>,
}

/// The entries of the shown month, with a month picker that works without scripts.
fn entries_by_month(ctx: &Ctx, month: &ShownMonth, entries: &[Line], base: &str) -> Markup {
    html! {
        article #entries {
            h2 { (ctx.tr.t_args("billing-entries-of", &[("month", month.label.as_str().into())])) }
            @if month.refused { p.notice.error role="alert" { (ctx.t("err-month")) } }
            form.filters method="get" action=(base) {
                a href={ (base) "?month=" (month.prev) "#entries" } { "← " (month.prev) }
                input type="month" name="month" value=(month.label) aria-label=(ctx.t("billing-month")) required;
                button.secondary type="submit" { (ctx.t("billing-show")) }
                @if let Some(next) = &month.next { a href={ (base) "?month=" (next) "#entries" } { (next) " →" } }
            }
            (entries_table(ctx, entries))
        }
    }
}

pub struct ClientBilling {
    pub balance_minor: i64,
    pub card: Option<Card>,
    pub invoices: Vec<Invoice>,
    pub entries: Vec<Line>,
    pub blocked: Option<&'static str>,
    pub month: ShownMonth,
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
                (card_box(ctx, p.card.as_ref(), "/client/profile/card", "billing-card-charge-help"))
            }
            article {
                h2 { (ctx.t("billing-invoices")) }
                @if p.invoices.is_empty() { (empty_state(&ctx.t("billing-no-invoices"), &ctx.t("billing-no-invoices-help"))) } @else {
                    div.table-wrap { table.dense {
                        thead { tr { th { (ctx.t("billing-invoice")) } th { (ctx.t("billing-period")) } th { (ctx.t("billing-status")) } th.num { (ctx.t("billing-total")) } } }
                        tbody { @for i in &p.invoices { tr {
                            td { a href={ "/invoices/" (i.id) } { (i.number) } } td { (i.period) } td { (invoice_status(ctx, &i.status)) }
                            td.num { (money(ctx, i.total_minor, &i.currency)) }
                        } } }
                    } }
                }
            }
            (entries_by_month(ctx, &p.month, &p.entries, "/client/billing"))
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
    let payable = matches!(i.status.as_str(), "due" | "past_due") && !i.pending_charge;
    layout::page(
        ctx,
        &title,
        html! {
            article.invoice {
                hgroup.page-head {
                    h1 { (title) " " (invoice_status(ctx, &i.status)) }
                    div.actions.no-print {
                        a role="button" class="secondary outline" href={ "/invoices/" (i.id) "/download" } { (ctx.t("billing-download")) }
                    }
                }
                p { (ctx.t("billing-period")) ": " strong { (i.period) } " · " (i.client_name) " · " (ctx.t("billing-issued")) " " (ctx.tr.datetime(i.issued_at))
                    @if let Some(paid) = i.paid_at { " · " (ctx.t("billing-paid-at")) " " (ctx.tr.datetime(paid)) } }
                div.table-wrap { table.dense {
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
                        @if i.status == "past_due" { p.muted { (ctx.t("billing-past-due-help")) } }
                        (post_button(ctx, &format!("/invoices/{}/pay", i.id), &ctx.t("billing-pay-now"), "", Some(&ctx.t("billing-confirm-pay"))))
                        " " a href="/client/profile#card" { (ctx.t("billing-use-another-card")) }
                    }
                }
            }
        },
    )
}

/// One CSV row (RFC 4180, the same writer as the reports' exports).
fn csv_row(fields: &[String]) -> String {
    let mut row = String::new();
    crate::reports::exports::row(fields, &mut row);
    row
}

fn decimal(minor: i64) -> String {
    format!(
        "{}{}.{:02}",
        if minor < 0 { "-" } else { "" },
        minor.unsigned_abs() / 100,
        minor.unsigned_abs() % 100
    )
}

pub fn invoice_csv(p: &InvoicePage) -> String {
    let mut out = csv_row(&[
        "invoice".into(),
        "period".into(),
        "kind".into(),
        "reference".into(),
        "memo".into(),
        "posted_at".into(),
        "amount".into(),
        "currency".into(),
    ]);
    for l in &p.lines {
        out.push_str(&csv_row(&[
            p.invoice.number.clone(),
            p.invoice.period.clone(),
            l.kind.clone(),
            l.reference.clone(),
            l.memo.clone(),
            l.at.to_rfc3339(),
            decimal(l.amount_minor),
            p.invoice.currency.clone(),
        ]));
    }
    if p.invoice.carried_in_minor != 0 {
        out.push_str(&csv_row(&[
            p.invoice.number.clone(),
            p.invoice.period.clone(),
            "carried_credit".into(),
            String::new(),
            String::new(),
            p.invoice.issued_at.to_rfc3339(),
            decimal(p.invoice.carried_in_minor),
            p.invoice.currency.clone(),
        ]));
    }
    out
}

pub fn invoices_csv(ctx: &Ctx, invoices: &[Invoice]) -> String {
    let tz = ctx.tr.tz;
    let mut out = csv_row(&[
        "number".into(),
        "client_id".into(),
        "client".into(),
        "period".into(),
        "status".into(),
        "total".into(),
        "currency".into(),
        "issued_at".into(),
        "paid_at".into(),
    ]);
    for i in invoices {
        let local = |t: chrono::DateTime<chrono::Utc>| {
            t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()
        };
        out.push_str(&csv_row(&[
            i.number.clone(),
            i.client_id.to_string(),
            i.client_name.clone(),
            i.period.clone(),
            i.status.clone(),
            decimal(i.total_minor),
            i.currency.clone(),
            local(i.issued_at),
            i.paid_at.map(local).unwrap_or_default(),
        ]));
    }
    out
}

pub struct WorkerEarnings {
    pub owed_minor: i64,
    pub card: Option<Card>,
    pub payouts: Vec<Payout>,
    pub entries: Vec<Line>,
    pub month: ShownMonth,
}

pub fn worker_earnings(ctx: &Ctx, p: &WorkerEarnings) -> Markup {
    let title = ctx.t("earnings-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article { h2 { (ctx.t("earnings-owed")) } p.big { (money(ctx, p.owed_minor, &ctx.currency)) } small.muted { (ctx.t("earnings-owed-help")) } }
            (entries_by_month(ctx, &p.month, &p.entries, "/worker/earnings"))
            article {
                h2 { (ctx.t("earnings-payouts")) }
                @if p.payouts.is_empty() { p.muted { (ctx.t("earnings-no-payouts")) } }
                @for s in &p.payouts {
                    details {
                        summary { strong { (s.period) } " · " (money(ctx, s.amount_minor, &s.currency)) " · " (invoice_status(ctx, &s.status)) }
                        (payout_parts(ctx, s))
                    }
                }
            }
            (card_box(ctx, p.card.as_ref(), "/worker/earnings/card", "billing-card-payout-help"))
        },
    )
}

fn payout_parts(ctx: &Ctx, s: &Payout) -> Markup {
    let row = |key: &str, minor: i64| html! { tr { td { (ctx.t(key)) } td.num { (money(ctx, minor, &s.currency)) } } };
    html! { table.dense { tbody {
        (row("earnings-earned", s.earnings_minor)) (row("earnings-fines", -s.fines_minor)) (row("earnings-bonuses", s.bonuses_minor))
        (row("earnings-other", s.other_minor)) (row("earnings-carried-in", s.carried_in_minor))
        tr { th { (ctx.t("billing-total")) } th.num { (money(ctx, s.amount_minor, &s.currency)) } }
    } } }
}

pub struct ManageBilling {
    pub totals: Totals,
    pub runs: Vec<Run>,
    pub past_due: Vec<Invoice>,
    pub failed_payouts: Vec<Payout>,
    pub recent: Vec<Invoice>,
}

pub fn manage(ctx: &Ctx, p: &ManageBilling) -> Markup {
    let title = ctx.t("billing-title");
    let t = &p.totals;
    let c = &ctx.currency;
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head { h1 { (title) } div.actions { a role="button" class="secondary" href="/manage/billing/controls" { (ctx.t("controls-title")) } " " a role="button" class="secondary outline" href="/manage/billing/invoices.csv" { (ctx.t("billing-export")) } } }
            div.grid.kpis {
                article { small { (ctx.t("billing-receivables")) } p.big { (money(ctx, t.receivables_minor, c)) } }
                article { small { (ctx.t("billing-overdue")) } p.big { (money(ctx, t.overdue_minor, c)) } small.muted { (t.overdue_count) " " (ctx.t("billing-invoices")) } }
                article { small { (ctx.t("billing-revenue-month")) } p.big { (money(ctx, t.revenue_month_minor, c)) } }
                article { small { (ctx.t("billing-payouts-due")) } p.big { (money(ctx, t.payouts_due_minor, c)) } }
            }
            article {
                h2 { (ctx.t("billing-past-due")) }
                @if p.past_due.is_empty() { p.muted { (ctx.t("billing-none-past-due")) } } @else { div.table-wrap { table.dense {
                    thead { tr { th { (ctx.t("billing-invoice")) } th { (ctx.t("billing-client")) } th.num { (ctx.t("billing-total")) } th { (ctx.t("billing-next-retry")) } th {} } }
                    tbody { @for i in &p.past_due { tr {
                        td { a href={ "/invoices/" (i.id) } { (i.number) } } td { (i.client_name) } td.num { (money(ctx, i.total_minor, &i.currency)) }
                        td { @if let Some(at) = i.next_retry_at { (ctx.tr.datetime(at)) } @else { "—" } }
                        td { (post_button(ctx, &format!("/manage/billing/invoices/{}/retry", i.id), &ctx.t("billing-retry"), "small", Some(&ctx.t("billing-confirm-retry")))) }
                    } } }
                } } }
            }
            article {
                h2 { (ctx.t("billing-failed-payouts")) }
                @if p.failed_payouts.is_empty() { p.muted { (ctx.t("billing-none-failed-payouts")) } } @else { div.table-wrap { table.dense {
                    tbody { @for s in &p.failed_payouts { tr {
                        td { (s.worker_name) } td { (s.period) } td.num { (money(ctx, s.amount_minor, &s.currency)) } td { code { (s.last_error.as_deref().unwrap_or("")) } }
                        td { (post_button(ctx, &format!("/manage/billing/payouts/{}/retry", s.id), &ctx.t("billing-retry"), "small", Some(&ctx.t("billing-confirm-retry")))) }
                    } } }
                } } }
            }
            article {
                h2 { (ctx.t("billing-runs")) }
                @if p.runs.is_empty() { p.muted { (ctx.t("billing-no-runs")) } } @else { div.table-wrap { table.dense {
                    thead { tr { th { (ctx.t("billing-run")) } th { (ctx.t("billing-period")) } th { (ctx.t("billing-when")) } th.num { (ctx.t("billing-documents")) } th.num { (ctx.t("billing-amount")) } th.num { (ctx.t("billing-succeeded")) } th.num { (ctx.t("billing-failed")) } } }
                    tbody { @for r in &p.runs { tr {
                        td { (ctx.t(&format!("billing-run-{}", r.kind))) @if r.status == "running" { " " mark { (ctx.t("billing-running")) } } }
                        td { (r.period) } td { (ctx.tr.datetime(r.finished_at.unwrap_or(r.started_at))) }
                        td.num { (r.documents) } td.num { (money(ctx, r.amount_minor, c)) } td.num { (r.succeeded) } td.num { (r.failed) }
                    } } }
                } } }
            }
            article {
                h2 { (ctx.t("billing-recent-invoices")) }
                @if p.recent.is_empty() { p.muted { (ctx.t("billing-no-invoices")) } }
                @for i in &p.recent { a href={ "/invoices/" (i.id) } { (i.number) } " · " (i.client_name) " · " (money(ctx, i.total_minor, &i.currency)) " · " (invoice_status(ctx, &i.status)) br; }
            }
        },
    )
}
