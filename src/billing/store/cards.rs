//! Stored cards (`payment_cards`): the one current card per person and purpose. Only the
//! gateway's token and what may be shown (brand, last four digits, expiry) are kept.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::billing::model::Purpose;
use crate::billing::service::gateway::CardToken;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: i64,
    pub token: String,
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
}

/// The card `user_id` has on file for `purpose`, if any.
pub fn current(
    conn: &Connection,
    user_id: i64,
    purpose: Purpose,
) -> rusqlite::Result<Option<Card>> {
    conn.query_row_cached(
        "SELECT id, token, brand, last4, exp_month, exp_year FROM payment_cards
         WHERE user_id = ?1 AND purpose = ?2 AND removed_at IS NULL",
        params![user_id, purpose],
        |r| {
            Ok(Card {
                id: r.get("id")?,
                token: r.get("token")?,
                brand: r.get("brand")?,
                last4: r.get("last4")?,
                exp_month: r.get("exp_month")?,
                exp_year: r.get("exp_year")?,
            })
        },
    )
    .optional()
}

/// Retires the current card of `purpose` and stores the new one in its place.
pub fn replace(
    conn: &Connection,
    user_id: i64,
    purpose: Purpose,
    token: &CardToken,
    (exp_month, exp_year): (u32, i32),
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE payment_cards SET removed_at = ?3
         WHERE user_id = ?1 AND purpose = ?2 AND removed_at IS NULL",
        params![user_id, purpose, now],
    )?;
    conn.execute(
        "INSERT INTO payment_cards (user_id, purpose, token, brand, last4, exp_month, exp_year, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![user_id, purpose, token.token, token.brand, token.last4, exp_month, exp_year, now],
    )?;
    Ok(())
}

/// Forgets a closed account's cards: the gateway tokens are blanked and the cards removed.
/// The rows stay, because charges and payouts point at them; brand and last four digits are
/// what the statements showed and stay with them.
pub fn forget(tx: &Connection, user_id: i64, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    tx.execute(
        "UPDATE payment_cards SET token = '', removed_at = COALESCE(removed_at, ?2) WHERE user_id = ?1",
        params![user_id, now],
    )
}
