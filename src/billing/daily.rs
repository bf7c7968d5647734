//! The daily run (23:55 business time): every account's balance snapshot, built from the
//! previous day's snapshot plus the day's entries, and an earnings summary to each worker
//! who earned, was fined or got a bonus that day. One transaction: it happens once.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::periods::Period;
use crate::db::write_tx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::state::AppState;

/// Snapshots `day` and sends the day's earnings summaries; returns how many accounts.
pub fn run_day(
    state: &AppState,
    run_id: i64,
    day: &Period,
    cutoff: DateTime<Utc>,
) -> Result<usize, AppError> {
    let tz = state.settings.time_zone;
    let prev = day.prev();
    let since = prev.cutoff(tz);
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    let now = state.clock.now();
    write_tx(&mut conn, |tx| -> Result<usize, AppError> {
        let has_prev: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM balance_snapshots WHERE day = ?1)",
            [prev.label()],
            |r| r.get(0),
        )?;
        // From yesterday's snapshot when there is one (work proportional to a day), else
        // from the whole history (the first run).
        let accounts = if has_prev {
            tx.execute(
                "INSERT OR IGNORE INTO balance_snapshots (day, account, balance_minor)
                 SELECT ?1, account, SUM(amount) FROM (
                     SELECT account, balance_minor AS amount FROM balance_snapshots WHERE day = ?2
                     UNION ALL
                     SELECT e.account, e.amount_minor FROM ledger_transactions t
                     JOIN ledger_entries e ON e.transaction_id = t.id
                     WHERE t.created_at > ?3 AND t.created_at <= ?4)
                 GROUP BY account",
                params![day.label(), prev.label(), since, cutoff],
            )?
        } else {
            tx.execute(
                "INSERT OR IGNORE INTO balance_snapshots (day, account, balance_minor)
                 SELECT ?1, e.account, SUM(e.amount_minor) FROM ledger_transactions t
                 JOIN ledger_entries e ON e.transaction_id = t.id
                 WHERE t.created_at <= ?2 GROUP BY e.account",
                params![day.label(), cutoff],
            )?
        };
        let mut stmt = tx.prepare(
            "SELECT it.worker_id,
                    SUM(CASE WHEN it.kind = 'order_completed' THEN it.amount_minor ELSE 0 END),
                    -SUM(CASE WHEN it.kind = 'fine' THEN it.amount_minor ELSE 0 END),
                    SUM(CASE WHEN it.kind = 'bonus' THEN it.amount_minor ELSE 0 END),
                    COALESCE((SELECT -s.balance_minor FROM balance_snapshots s
                              WHERE s.day = ?3 AND s.account = 'worker:' || it.worker_id), 0)
             FROM payout_items it WHERE it.created_at > ?1 AND it.created_at <= ?2
             GROUP BY it.worker_id",
        )?;
        let rows: Vec<(i64, i64, i64, i64, i64)> = stmt
            .query_map(params![since, cutoff, day.label()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        let currency = &state.settings.currency;
        let workers = rows.len();
        for (worker_id, earned, fines, bonuses, owed) in rows {
            let money = |m| Arg::Money(m, currency.clone());
            notify(
                tx,
                &state.settings,
                now,
                worker_id,
                &Message::new(Kind::DailyEarnings)
                    .arg("day", day.label())
                    .arg("earned", money(earned))
                    .arg("fines", money(fines))
                    .arg("bonuses", money(bonuses))
                    .arg("owed", money(owed))
                    .link("/worker/earnings"),
            )?;
        }
        // Finished in the same transaction, so a rerun neither snapshots nor mails twice.
        super::runs::finish(tx, run_id, accounts as i64, 0, workers as i64, 0, now)?;
        Ok(accounts)
    })
}
