//! Billing's views (maud only): the shared pieces here — the card box, status badges,
//! posting labels and the month of entries — and one file per page.

use maud::{Markup, html};

use crate::billing::store::cards::Card;
use crate::billing::store::statements::Line;
use crate::web::components::csrf_field;
use crate::web::ctx::Ctx;

pub mod client;
pub mod controls;
pub mod csv;
pub mod manage;
pub mod refunds;
pub mod worker;

pub use client::{ClientBilling, InvoicePage, client_billing, invoice_page};
pub use csv::{invoice_csv, invoices_csv, invoices_csv_header, invoices_csv_rows};
pub use manage::{ManageBilling, manage};
pub use worker::{WorkerEarnings, worker_earnings};

/// The current card and the form to add or replace it. The number goes to the gateway.
/// The card on file and the form to add or replace it. `back` is where saving returns to
/// (the order form, with what was typed; app.js keeps it up to date), else the page itself.
pub fn card_box(
    ctx: &Ctx,
    card: Option<&Card>,
    action: &str,
    help_key: &str,
    back: Option<&str>,
) -> Markup {
    let action = match back {
        Some(back) => format!(
            "{action}?{}",
            serde_urlencoded::to_string([("back", back)]).expect("a path encodes")
        ),
        None => action.to_string(),
    };
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
                form method="post" action=(action) autocomplete="off" data-carry-order=[back.map(|_| "#new-order")] {
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

/// A status badge: the stored text as its class, the status' label as its text.
fn status_badge(ctx: &Ctx, css_class: &str, label_key: &str) -> Markup {
    html! { span.status-badge.(css_class) { (ctx.t(label_key)) } }
}

/// What a posting was, with the order it belongs to and its memo.
fn line_label(ctx: &Ctx, l: &Line) -> String {
    let kind = ctx.t(l.kind.label_key());
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

/// Whose statement a table is. In the ledger a client's debt is positive and what the
/// company owes a worker is negative; each person reads their own side: a client's orders
/// as amounts owed, a worker's jobs and bonuses as positive earnings, fines as negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Client,
    Worker,
}

impl Side {
    /// A ledger amount as this person reads it.
    pub fn shown(self, ledger_minor: i64) -> i64 {
        match self {
            Side::Client => ledger_minor,
            Side::Worker => -ledger_minor,
        }
    }

    fn running_key(self) -> &'static str {
        match self {
            Side::Client => "billing-running-owed",
            Side::Worker => "billing-running-to-be-paid",
        }
    }
}

/// Each entry with the balance after it, newest first, counted back from the balance at the
/// end of the shown month (`closing_ledger_minor`).
fn with_running(side: Side, entries: &[Line], closing_ledger_minor: i64) -> Vec<(&Line, i64, i64)> {
    let mut after = side.shown(closing_ledger_minor);
    entries
        .iter()
        .map(|l| {
            let amount = side.shown(l.amount_minor);
            let row = (l, amount, after);
            after -= amount;
            row
        })
        .collect()
}

fn entries_table(ctx: &Ctx, statement: &Statement) -> Markup {
    let rows = with_running(
        statement.side,
        &statement.entries,
        statement.closing_ledger_minor,
    );
    html! {
        @if rows.is_empty() { p.muted { (ctx.t("billing-no-entries")) } } @else {
            div.table-wrap tabindex="0" { table.dense.phone-cards {
                thead { tr {
                    th { (ctx.t("billing-when")) } th { (ctx.t("billing-what")) } th.num { (ctx.t("billing-amount")) }
                    th.num { (ctx.t(statement.side.running_key())) }
                } }
                tbody { @for (l, amount, after) in rows { tr {
                    td { (ctx.tr.datetime(l.at)) } td { (line_label(ctx, l)) }
                    td.num { (money(ctx, amount, &ctx.currency)) } td.num { (money(ctx, after, &ctx.currency)) }
                } } }
            } }
        }
    }
}

/// A person's entries of one month, read from their side, with the balance at its end.
pub struct Statement {
    pub side: Side,
    pub month: ShownMonth,
    pub entries: Vec<Line>,
    /// The account's ledger balance at the end of the month (now, for the current month).
    pub closing_ledger_minor: i64,
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
fn entries_by_month(ctx: &Ctx, statement: &Statement, base: &str) -> Markup {
    let month = &statement.month;
    html! {
        article #entries {
            h2 { (ctx.tr.t_args("billing-entries-of", &[("month", ctx.tr.month(&month.label).into())])) }
            @if month.refused { p.notice.error role="alert" { (ctx.t("err-month")) } }
            form.filters method="get" action=(base) {
                a href={ (base) "?month=" (month.prev) "#entries" } { "← " (ctx.tr.month(&month.prev)) }
                label.inline-field { span { (ctx.t("billing-month")) } input type="month" name="month" value=(month.label) required; }
                button.secondary type="submit" { (ctx.t("billing-show")) }
                @if let Some(next) = &month.next { a href={ (base) "?month=" (next) "#entries" } { (ctx.tr.month(next)) " →" } }
            }
            (entries_table(ctx, statement))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::model::Kind;

    fn line(amount_minor: i64) -> Line {
        Line {
            kind: Kind::OrderCompleted,
            reference: "order:1".into(),
            memo: String::new(),
            amount_minor,
            at: chrono::Utc::now(),
            quote: None,
        }
    }

    #[test]
    fn a_worker_reads_jobs_as_earnings_and_fines_as_deductions_with_a_running_total() {
        // Newest first: a fine of 200.00 after two jobs of 4,720.00 (the company owes 9,240.00).
        let entries = [line(20_000), line(-472_000), line(-472_000)];
        let rows = with_running(Side::Worker, &entries, -924_000);
        let shown: Vec<(i64, i64)> = rows.iter().map(|(_, a, r)| (*a, *r)).collect();
        assert_eq!(
            shown,
            [(-20_000, 924_000), (472_000, 944_000), (472_000, 472_000)]
        );
    }

    #[test]
    fn a_client_reads_orders_as_owed_and_payments_as_paid_off() {
        let entries = [line(-472_000), line(472_000)];
        let rows = with_running(Side::Client, &entries, 0);
        let shown: Vec<(i64, i64)> = rows.iter().map(|(_, a, r)| (*a, *r)).collect();
        assert_eq!(shown, [(-472_000, 0), (472_000, 472_000)]);
    }
}
