//! The daily run (23:55 business time): every account's balance snapshot, built from the
//! previous day's snapshot plus the day's entries, and an earnings summary to each worker
//! who earned, was fined or got a bonus that day. One transaction: it happens once.

use chrono::{DateTime, Utc};

use super::Deps;
use crate::billing::model::periods::Period;
use crate::billing::store::snapshots;
use crate::db::write_tx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};

/// Snapshots `day` and sends the day's earnings summaries; returns how many accounts.
pub fn run_day(
    deps: &Deps,
    run_id: i64,
    day: &Period,
    cutoff: DateTime<Utc>,
) -> Result<usize, AppError> {
    let tz = deps.settings().time_zone;
    let prev = day.prev();
    let since = prev.cutoff(tz);
    let mut conn = deps.connection()?;
    let now = deps.now();
    write_tx(&mut conn, |tx| -> Result<usize, AppError> {
        // From yesterday's snapshot when there is one (work proportional to a day), else
        // from the whole history (the first run).
        let accounts = if snapshots::exists(tx, &prev.label())? {
            snapshots::from_previous(tx, &day.label(), &prev.label(), since, cutoff)?
        } else {
            snapshots::from_history(tx, &day.label(), cutoff)?
        };
        let rows = snapshots::worker_days(tx, since, cutoff, &day.label())?;
        let currency = &deps.settings().currency;
        let workers = rows.len();
        for w in rows {
            let money = |m| Arg::Money(m, currency.clone());
            notify(
                tx,
                &deps.settings(),
                now,
                w.worker_id,
                &Message::new(Kind::DailyEarnings)
                    .arg("day", Arg::Day(day.first_day()))
                    .arg("earned", money(w.earned))
                    .arg("fines", money(w.fines))
                    .arg("bonuses", money(w.bonuses))
                    .arg("owed", money(w.owed))
                    // The statement of that day's month, where the day's lines are.
                    .link(statement_link(&day.label())),
            )?;
        }
        // Finished in the same transaction, so a rerun neither snapshots nor mails twice.
        super::runs::finish(tx, run_id, (accounts as i64, 0, workers as i64, 0), now)?;
        Ok(accounts)
    })
}

/// `/worker/earnings?month=YYYY-MM#entries` for a day labelled `YYYY-MM-DD`.
fn statement_link(day: &str) -> String {
    match day.get(..7) {
        Some(month) => format!("/worker/earnings?month={month}#entries"),
        None => "/worker/earnings#entries".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_daily_summary_links_to_the_statement_of_its_month() {
        assert_eq!(
            super::statement_link("2026-03-04"),
            "/worker/earnings?month=2026-03#entries"
        );
    }
}
