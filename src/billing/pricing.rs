//! Pricing as the order form sees it: the settings in force (commission, loyalty tiers,
//! first-order discount), the discount lines for a client's quote, and promo redemptions.
//! The rules themselves are pure, in `discounts`.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::discounts::{
    self, Discount, DiscountInputs, DiscountKind, LoyaltyTier, PromoRules, PromoTerms, PromoValue,
};
use crate::i18n::Lang;
use crate::orders::pricing::{LineKind, QuoteLine};

/// The pricing settings in force (the newest row); changes apply to orders placed after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricingSettings {
    pub commission_bp: i64,
    pub tiers: Vec<LoyaltyTier>,
    pub first_order_bp: i64,
}

pub fn settings(conn: &Connection) -> rusqlite::Result<PricingSettings> {
    conn.query_row(
        "SELECT commission_bp, loyalty_tiers, first_order_bp FROM billing_settings
         ORDER BY id DESC LIMIT 1",
        [],
        |r| {
            let tiers: String = r.get(1)?;
            Ok(PricingSettings {
                commission_bp: r.get(0)?,
                tiers: serde_json::from_str(&tiers).unwrap_or_default(),
                first_order_bp: r.get(2)?,
            })
        },
    )
}

/// Saves new settings (the caller audits the change in the same transaction).
pub fn save_settings(
    conn: &Connection,
    s: &PricingSettings,
    actor_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO billing_settings (commission_bp, loyalty_tiers, first_order_bp, changed_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            s.commission_bp,
            serde_json::to_string(&s.tiers).expect("tiers serialise"),
            s.first_order_bp,
            actor_id,
            now
        ],
    )?;
    Ok(())
}

/// A promo code as stored.
#[derive(Debug, Clone)]
pub struct Promo {
    pub id: i64,
    pub terms: PromoTerms,
    pub rules: PromoRules,
    pub uses: i64,
    pub created_at: DateTime<Utc>,
}

const PROMO_COLUMNS: &str = "p.id, p.code, p.kind, p.value, p.stacks, p.valid_from, p.valid_until,
    p.max_uses, p.once_per_client, p.active, p.created_at,
    (SELECT COUNT(*) FROM promo_redemptions r JOIN orders o ON o.id = r.order_id
      WHERE r.promo_id = p.id AND o.status <> 'cancelled')";

fn promo_row(r: &rusqlite::Row) -> rusqlite::Result<Promo> {
    let kind: String = r.get(2)?;
    let value: i64 = r.get(3)?;
    let date = |i| -> rusqlite::Result<Option<NaiveDate>> {
        let s: Option<String> = r.get(i)?;
        Ok(s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
    };
    Ok(Promo {
        id: r.get(0)?,
        terms: PromoTerms {
            code: r.get(1)?,
            value: if kind == "percent" {
                PromoValue::PercentBp(value)
            } else {
                PromoValue::FixedMinor(value)
            },
            stacks: r.get(4)?,
        },
        rules: PromoRules {
            valid_from: date(5)?,
            valid_until: date(6)?,
            max_uses: r.get(7)?,
            once_per_client: r.get(8)?,
            active: r.get(9)?,
        },
        created_at: r.get(10)?,
        uses: r.get(11)?,
    })
}

pub fn promo_by_code(conn: &Connection, code: &str) -> rusqlite::Result<Option<Promo>> {
    conn.query_row(
        &format!("SELECT {PROMO_COLUMNS} FROM promo_codes p WHERE p.code = ?1"),
        [code],
        promo_row,
    )
    .optional()
}

pub fn promos(conn: &Connection) -> rusqlite::Result<Vec<Promo>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PROMO_COLUMNS} FROM promo_codes p ORDER BY p.active DESC, p.id DESC LIMIT 500"
    ))?;
    stmt.query_map([], promo_row)?.collect()
}

/// Inserts a promo code; `None` when the code is taken.
pub fn insert_promo(
    conn: &Connection,
    terms: &PromoTerms,
    rules: &PromoRules,
    actor_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    let (kind, value) = match terms.value {
        PromoValue::PercentBp(bp) => ("percent", bp),
        PromoValue::FixedMinor(m) => ("fixed", m),
    };
    let inserted = conn.execute(
        "INSERT INTO promo_codes (code, kind, value, valid_from, valid_until, max_uses, once_per_client,
             stacks, active, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10) ON CONFLICT (code) DO NOTHING",
        params![
            terms.code,
            kind,
            value,
            rules.valid_from.map(|d| d.to_string()),
            rules.valid_until.map(|d| d.to_string()),
            rules.max_uses,
            rules.once_per_client,
            terms.stacks,
            actor_id,
            now
        ],
    )?;
    Ok((inserted == 1).then(|| conn.last_insert_rowid()))
}

pub fn set_promo_active(conn: &Connection, id: i64, active: bool) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE promo_codes SET active = ?2 WHERE id = ?1",
        params![id, active],
    )? == 1)
}

/// The discounts a client gets on `subtotal_minor`, and the promo to record if its line
/// applies. `Err` carries the message key for a code that cannot be used.
pub struct Priced {
    pub lines: Vec<QuoteLine>,
    pub promo: Option<(i64, i64)>,
}

pub fn discounts_for(
    conn: &Connection,
    client_id: i64,
    subtotal_minor: i64,
    promo_code: &str,
    today: NaiveDate,
) -> rusqlite::Result<Result<Priced, &'static str>> {
    let promo = if promo_code.trim().is_empty() {
        None
    } else {
        let Some(code) = discounts::normalise_code(promo_code) else {
            return Ok(Err("err-promo-unknown"));
        };
        let Some(promo) = promo_by_code(conn, &code)? else {
            return Ok(Err("err-promo-unknown"));
        };
        let by_client: i64 = conn.query_row(
            "SELECT COUNT(*) FROM promo_redemptions r JOIN orders o ON o.id = r.order_id
             WHERE r.promo_id = ?1 AND r.client_id = ?2 AND o.status <> 'cancelled'",
            params![promo.id, client_id],
            |r| r.get(0),
        )?;
        if let Some(refusal) = discounts::promo_refusal(&promo.rules, today, promo.uses, by_client)
        {
            return Ok(Err(refusal.key()));
        }
        Some(promo)
    };
    let (completed, any): (i64, i64) = conn.query_row(
        "SELECT COUNT(*) FILTER (WHERE status = 'completed'), COUNT(*) FROM orders WHERE client_id = ?1",
        [client_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let settings = settings(conn)?;
    let applied = discounts::discounts(&DiscountInputs {
        subtotal_minor,
        completed_orders: completed,
        has_any_order: any > 0,
        tiers: &settings.tiers,
        first_order_bp: settings.first_order_bp,
        promo: promo.as_ref().map(|p| &p.terms),
    });
    let promo_used = promo.and_then(|p| {
        applied
            .iter()
            .find(|d| d.kind == DiscountKind::Promo)
            .map(|d| (p.id, d.amount_minor))
    });
    Ok(Ok(Priced {
        lines: applied.iter().map(line).collect(),
        promo: promo_used,
    }))
}

/// A discount as a quote line in both languages (the quote is frozen on the order).
fn line(d: &Discount) -> QuoteLine {
    let percent = d
        .percent_bp
        .map(|bp| format!(" {}%", discounts::format_percent(bp)))
        .unwrap_or_default();
    let label = |lang| {
        let name = match (d.kind, lang) {
            (DiscountKind::Loyalty, Lang::En) => "Loyalty discount".to_string(),
            (DiscountKind::Loyalty, Lang::Ru) => "Скидка постоянного клиента".to_string(),
            (DiscountKind::FirstOrder, Lang::En) => "First order discount".to_string(),
            (DiscountKind::FirstOrder, Lang::Ru) => "Скидка на первый заказ".to_string(),
            (DiscountKind::Promo, Lang::En) => {
                format!("Promo code {}", d.code.as_deref().unwrap_or(""))
            }
            (DiscountKind::Promo, Lang::Ru) => {
                format!("Промокод {}", d.code.as_deref().unwrap_or(""))
            }
        };
        format!("{name}{percent}")
    };
    QuoteLine {
        kind: LineKind::Discount,
        label_en: label(Lang::En),
        label_ru: label(Lang::Ru),
        amount_minor: -d.amount_minor,
    }
}

/// Records that `order_id` used the promo, inside the order's transaction.
pub fn record_redemption(
    conn: &Connection,
    (promo_id, amount_minor): (i64, i64),
    client_id: i64,
    order_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO promo_redemptions (promo_id, client_id, order_id, amount_minor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![promo_id, client_id, order_id, amount_minor, now],
    )?;
    Ok(())
}
