//! Pricing data: the settings in force (`billing_settings`), promo codes and their
//! redemptions, and the counts of a client's orders the discounts depend on (read through
//! the published `order_facts` view).

use crate::db::QueryRowCached;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::billing::model::discounts::{LoyaltyTier, PromoRules, PromoTerms, PromoValue};

/// The most promo codes the controls page lists.
const PROMOS_SHOWN: i64 = 500;

/// The pricing settings in force (the newest row); changes apply to orders placed after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricingSettings {
    pub commission_bp: i64,
    pub tiers: Vec<LoyaltyTier>,
    pub first_order_bp: i64,
}

pub fn settings(conn: &Connection) -> rusqlite::Result<PricingSettings> {
    conn.query_row_cached(
        "SELECT commission_bp, loyalty_tiers, first_order_bp FROM billing_settings
         ORDER BY id DESC LIMIT 1",
        [],
        |r| {
            let tiers: String = r.get("loyalty_tiers")?;
            Ok(PricingSettings {
                commission_bp: r.get("commission_bp")?,
                tiers: serde_json::from_str(&tiers).unwrap_or_default(),
                first_order_bp: r.get("first_order_bp")?,
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
    (SELECT COUNT(*) FROM promo_redemptions r JOIN order_facts o ON o.id = r.order_id
      WHERE r.promo_id = p.id AND o.status <> 'cancelled') AS uses";

fn promo_row(r: &rusqlite::Row) -> rusqlite::Result<Promo> {
    let kind: String = r.get("kind")?;
    let value: i64 = r.get("value")?;
    let date = |column: &str| -> rusqlite::Result<Option<NaiveDate>> {
        let s: Option<String> = r.get(column)?;
        Ok(s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
    };
    Ok(Promo {
        id: r.get("id")?,
        terms: PromoTerms {
            code: r.get("code")?,
            value: if kind == "percent" {
                PromoValue::PercentBp(value)
            } else {
                PromoValue::FixedMinor(value)
            },
            stacks: r.get("stacks")?,
        },
        rules: PromoRules {
            valid_from: date("valid_from")?,
            valid_until: date("valid_until")?,
            max_uses: r.get("max_uses")?,
            once_per_client: r.get("once_per_client")?,
            active: r.get("active")?,
        },
        created_at: r.get("created_at")?,
        uses: r.get("uses")?,
    })
}

pub fn promo_by_code(conn: &Connection, code: &str) -> rusqlite::Result<Option<Promo>> {
    conn.query_row_cached(
        &format!("SELECT {PROMO_COLUMNS} FROM promo_codes p WHERE p.code = ?1"),
        [code],
        promo_row,
    )
    .optional()
}

pub fn promos(conn: &Connection) -> rusqlite::Result<Vec<Promo>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PROMO_COLUMNS} FROM promo_codes p ORDER BY p.active DESC, p.id DESC LIMIT ?1"
    ))?;
    stmt.query_map([PROMOS_SHOWN], promo_row)?.collect()
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

/// Whether the promo is active, if it exists.
pub fn promo_active(conn: &Connection, id: i64) -> rusqlite::Result<Option<bool>> {
    conn.query_row_cached("SELECT active FROM promo_codes WHERE id = ?1", [id], |r| {
        r.get("active")
    })
    .optional()
}

/// How often `client_id` used the promo on orders that still stand.
pub fn uses_by_client(conn: &Connection, promo_id: i64, client_id: i64) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM promo_redemptions r JOIN order_facts o ON o.id = r.order_id
         WHERE r.promo_id = ?1 AND r.client_id = ?2 AND o.status <> 'cancelled'",
        params![promo_id, client_id],
        |r| r.get("n"),
    )
}

/// The client's completed orders and all their orders.
pub fn order_counts(conn: &Connection, client_id: i64) -> rusqlite::Result<(i64, i64)> {
    conn.query_row_cached(
        "SELECT COUNT(*) FILTER (WHERE status = 'completed') AS completed, COUNT(*) AS orders
         FROM order_facts WHERE client_id = ?1",
        [client_id],
        |r| Ok((r.get("completed")?, r.get("orders")?)),
    )
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
