//! The billing CSV bodies (RFC 4180, header row): one invoice's lines and the managers'
//! invoice export with times in the business time zone.

use super::InvoicePage;
use crate::billing::store::statements::Invoice;
use crate::web::ctx::Ctx;

/// One CSV row, CRLF-terminated, by the app's one CSV writer.
fn csv_row(fields: &[String]) -> String {
    let mut row = String::new();
    crate::csv_out::row(fields, &mut row);
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
            l.kind.as_str().to_string(),
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
    let mut out = invoices_csv_header();
    out.push_str(&invoices_csv_rows(ctx.tr.tz, invoices));
    out
}

/// The invoice export's header row (the export streams it, then pages of rows).
pub fn invoices_csv_header() -> String {
    csv_row(&[
        "number".into(),
        "client_id".into(),
        "client".into(),
        "period".into(),
        "status".into(),
        "total".into(),
        "currency".into(),
        "issued_at".into(),
        "paid_at".into(),
    ])
}

/// Rows of the invoice export, times in the business time zone `tz`.
pub fn invoices_csv_rows(tz: chrono_tz::Tz, invoices: &[Invoice]) -> String {
    let mut out = String::new();
    for i in invoices {
        let local = |t: chrono::DateTime<chrono::Utc>| {
            t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()
        };
        out.push_str(&csv_row(&[
            i.number.clone(),
            i.client_id.to_string(),
            i.client_name.clone(),
            i.period.clone(),
            i.status.as_str().to_string(),
            decimal(i.total_minor),
            i.currency.clone(),
            local(i.issued_at),
            i.paid_at.map(local).unwrap_or_default(),
        ]));
    }
    out
}
