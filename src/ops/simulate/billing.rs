//! The simulated back office's money moves: a welcome promo code some clients type in when
//! they order, and now and then a goodwill refund of a recently completed order.

use chrono::Duration;
use rand::Rng;

use super::World;
use crate::billing::model::discounts::{PromoRules, PromoTerms, PromoValue};
use crate::billing::service::{controls, refunds};
use crate::db::write_tx;

/// The code the simulated marketing hands out: 10 % off, once per client.
pub const PROMO: &str = "WELCOME10";

/// Opens the welcome promo on the first morning.
pub fn open_promo(w: &World) -> anyhow::Result<()> {
    let terms = PromoTerms {
        code: PROMO.to_string(),
        value: PromoValue::PercentBp(1_000),
        stacks: false,
    };
    let rules = PromoRules {
        valid_from: None,
        valid_until: None,
        max_uses: None,
        once_per_client: true,
        active: true,
    };
    let mut conn = w.state.pool.get()?;
    let now = w.clock.now_utc();
    write_tx(&mut conn, |tx| {
        controls::create_promo(tx, &terms, &rules, w.manager_id, now)
    })
    .map_err(|e| anyhow::anyhow!("simulated promo refused: {e:?}"))?;
    Ok(())
}

/// The code a client types when ordering: one order in eight tries it (a client who used it
/// already is refused by the price rules and does not order that day).
pub fn promo_for(w: &mut World) -> String {
    if w.rng.random_bool(0.125) {
        PROMO.to_string()
    } else {
        String::new()
    }
}

/// About every third day the manager refunds one order completed in the last three days,
/// as a goodwill gesture; returns how many were refunded.
pub fn goodwill_refunds(w: &mut World) -> anyhow::Result<u32> {
    if !w.rng.random_bool(0.3) {
        return Ok(0);
    }
    let since = w.clock.now_utc() - Duration::days(3);
    let recent: Vec<i64> = {
        let conn = w.state.pool.get()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM orders WHERE status = 'completed' AND updated_at >= ?1 ORDER BY id",
        )?;
        stmt.query_map([since], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    if recent.is_empty() {
        return Ok(0);
    }
    let order = recent[w.rng.random_range(0..recent.len())];
    let mut conn = w.state.pool.get()?;
    let now = w.clock.now_utc();
    let refunded = write_tx(&mut conn, |tx| {
        refunds::refund(
            tx,
            &w.state.settings(),
            (order, "Goodwill: the client was unhappy with the timing"),
            w.manager_id,
            now,
        )
    })
    .map_err(|e| anyhow::anyhow!("simulated refund refused: {e:?}"))?;
    Ok(u32::from(refunded.is_some()))
}
