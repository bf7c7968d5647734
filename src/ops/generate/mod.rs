//! `generate`: years of synthetic history written straight into an empty database, to measure
//! the dashboard on big data. Clients, workers and services, then for every day of the span
//! its orders with their status events, completion postings in the ledger (split at the
//! commission), cancellation fees, signatures with ratings and QC reviews; finally the daily
//! rollups are built by the same job `serve` runs. A matching experiment runs over the last
//! 90 days (`matching`); `experiment_results` runs its results job. Billing runs (invoices,
//! payments, payouts) are not generated: one row per client-week, small beside the orders.
//! Deterministic for a given seed. For benchmarks and demos only: it refuses a database that
//! already has orders.

pub mod command;
mod matching;

use crate::db::{Conn, QueryRowCached, WriteAccess, write_tx};
use std::time::Instant;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};

use crate::calendar::day_start;

#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub days: i64,
    pub orders_per_day: i64,
    pub seed: u64,
    /// How many workers share the orders; `None` is one per four orders a day (at least 10).
    pub workers: Option<i64>,
    /// History ends at the start of this business day (today).
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Generated {
    pub orders: i64,
    pub ledger_transactions: i64,
    pub days_rolled_up: usize,
    pub insert_secs: f64,
    pub rollup_secs: f64,
    /// The matching experiment over the history's last days, and its units.
    pub experiment_id: i64,
    pub experiment_units: i64,
}

const COMMISSION_BP: i64 = 2000;
const SERVICES: [(&str, i64, i64); 4] = [
    ("gen-cleaning", 120, 350_000),
    ("gen-windows", 90, 240_000),
    ("gen-plumbing", 60, 420_000),
    ("gen-petsit", 180, 300_000),
];

struct People {
    clients: Vec<(i64, i64)>,
    workers: Vec<i64>,
    services: Vec<(i64, i64, i64)>,
}

fn people(conn: &Connection, plan: &Plan, now: DateTime<Utc>) -> rusqlite::Result<People> {
    let client_count = (plan.orders_per_day * 2).max(50);
    let worker_count = plan
        .workers
        .unwrap_or((plan.orders_per_day / 4).max(10))
        .max(1);
    let mut user = conn.prepare_cached(
        "INSERT INTO users (email, name, password_hash, role, created_at)
         VALUES (?1, ?2, '!generated', ?3, ?4)",
    )?;
    let mut address = conn.prepare_cached(
        "INSERT INTO client_addresses (client_id, label, address, is_default, created_at)
         VALUES (?1, 'Home', ?2, 1, ?3)",
    )?;
    let mut clients = Vec::new();
    for i in 0..client_count {
        user.execute(params![
            format!("client{i}@generated.invalid"),
            format!("Client {i}"),
            "client",
            now
        ])?;
        let id = conn.last_insert_rowid();
        address.execute(params![id, format!("{i} Generated Street"), now])?;
        clients.push((id, conn.last_insert_rowid()));
    }
    let mut workers = Vec::new();
    for i in 0..worker_count {
        user.execute(params![
            format!("worker{i}@generated.invalid"),
            format!("Worker {i}"),
            "worker",
            now
        ])?;
        workers.push(conn.last_insert_rowid());
    }
    let mut services = Vec::new();
    for (code, minutes, price) in SERVICES {
        conn.execute(
            "INSERT INTO services (code, name_en, name_ru, duration_minutes, base_price_minor, skill,
                                   created_at, updated_at)
             VALUES (?1, ?1, ?1, ?2, ?3, ?1, ?4, ?4)",
            params![code, minutes, price, now],
        )?;
        services.push((conn.last_insert_rowid(), minutes, price));
    }
    // Each worker can do two of the services and works every day from 07:00 to 23:00 (the
    // generated slots' span), so the dispatch board and the skill filter have real rows.
    let mut skill =
        conn.prepare_cached("INSERT INTO worker_skills (user_id, skill) VALUES (?1, ?2)")?;
    let mut hours = conn.prepare_cached(
        "INSERT INTO worker_hours (user_id, weekday, start_minute, end_minute)
         VALUES (?1, ?2, 420, 1380)",
    )?;
    for (i, worker) in workers.iter().enumerate() {
        for k in [i, i + 1] {
            skill.execute(params![worker, SERVICES[k % SERVICES.len()].0])?;
        }
        for weekday in 1..=7 {
            hours.execute(params![worker, weekday])?;
        }
    }
    Ok(People {
        clients,
        workers,
        services,
    })
}

/// The order's frozen quote: one base line at the service's price.
fn quote(code: &str, price: i64) -> String {
    serde_json::json!({
        "lines": [{"kind": "base", "label_en": code, "label_ru": code, "amount_minor": price}],
        "total_minor": price,
    })
    .to_string()
}

fn service_code(people: &People, service: i64) -> &'static str {
    let i = people
        .services
        .iter()
        .position(|s| s.0 == service)
        .unwrap_or(0);
    SERVICES[i].0
}

/// Writes one business day's orders and everything that follows from them.
fn day(
    conn: &Connection,
    rng: &mut StdRng,
    people: &People,
    (start, now): (DateTime<Utc>, DateTime<Utc>),
    count: i64,
    experiment: &matching::Experiment,
    totals: &mut Generated,
) -> rusqlite::Result<()> {
    let mut order = conn.prepare_cached(
        "INSERT INTO orders (client_id, service_id, worker_id, address_id, address_text, scheduled_at,
                             duration_minutes, ends_at, status, currency, quote_json, total_minor,
                             cancellation_fee_minor, commission_bp, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'generated', ?5, ?6, ?7, ?8, 'RUB', ?14, ?9, ?10, ?11, ?12, ?13)",
    )?;
    // The machine's own action names, so every generated history reads like a real one.
    use crate::orders::model::EventAction as A;
    let mut event = conn.prepare_cached(
        "INSERT INTO order_events (order_id, at, actor_role, action, from_status, to_status)
         VALUES (?1, ?2, 'system', ?3, ?4, ?5)",
    )?;
    let mut txn = conn.prepare_cached(
        "INSERT INTO ledger_transactions (kind, idempotency_key, reference, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut entry = conn.prepare_cached(
        "INSERT INTO ledger_entries (transaction_id, account, amount_minor) VALUES (?1, ?2, ?3)",
    )?;
    let mut invoice_item = conn.prepare_cached(
        "INSERT INTO invoice_items (transaction_id, client_id, amount_minor, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut payout_item = conn.prepare_cached(
        "INSERT INTO payout_items (transaction_id, worker_id, kind, amount_minor, created_at)
         VALUES (?1, ?2, 'order_completed', ?3, ?4)",
    )?;
    let mut signature = conn.prepare_cached(
        "INSERT INTO order_signatures (order_id, signed_name, signature_sha256, report_sha256,
                                       rating, signed_at, ip, user_agent)
         VALUES (?1, 'generated', '', '', ?2, ?3, '', '')",
    )?;
    let mut review = conn.prepare_cached(
        "INSERT INTO qc_reviews (order_id, reason, status, worker_id, due_at, score, reviewed_at, created_at)
         VALUES (?1, ?2, 'done', ?3, ?4, ?5, ?4, ?6)",
    )?;
    let workers = people.workers.len() as i64;
    for k in 0..count {
        let created = start + Duration::seconds(rng.random_range(0..86_400));
        let (client, address) = people.clients[rng.random_range(0..people.clients.len())];
        // Each worker takes every `workers`-th order of the day, in its own four-hour slot two
        // days later, so no worker's jobs overlap.
        let worker = people.workers[(k % workers) as usize];
        let (service, minutes, price) = people.services[rng.random_range(0..people.services.len())];
        let slot =
            Duration::hours(7 + 4 * (k / workers)) + Duration::minutes(rng.random_range(0..30));
        let scheduled = start + Duration::days(2) + slot;
        let ends = scheduled + Duration::minutes(minutes);
        // Matched within minutes mostly, sometimes hours.
        let match_min = if rng.random_bool(0.9) {
            rng.random_range(1..60)
        } else {
            rng.random_range(60..600)
        };
        let matched = created + Duration::minutes(match_min);
        let done = ends + Duration::minutes(rng.random_range(5..240));
        let roll = rng.random_range(0..100);
        // Orders whose work lies ahead are still waiting for a worker.
        let (status, worker_id, fee) = if done > now {
            ("new", None, None)
        } else if roll < 88 {
            ("completed", Some(worker), None)
        } else if roll < 97 {
            (
                "cancelled",
                None,
                rng.random_bool(0.3).then_some(price / 10),
            )
        } else {
            ("unassigned", None, None)
        };
        order.execute(params![
            client,
            service,
            worker_id,
            address,
            scheduled,
            minutes,
            ends,
            status,
            price,
            fee,
            COMMISSION_BP,
            created,
            now,
            quote(service_code(people, service), price)
        ])?;
        let id = conn.last_insert_rowid();
        totals.orders += 1;
        event.execute(params![id, created, A::Create, None::<String>, "new"])?;
        // Orders still waiting for a worker have had no decision yet, so no arm either.
        let arm = if status != "new" && created >= experiment.started_at && matched <= now {
            totals.experiment_units += 1;
            Some(experiment.decide(conn, id, matched, worker_id)?)
        } else {
            None
        };
        match status {
            "completed" => {
                event.execute(params![id, matched, A::Assign, "new", "assigned"])?;
                event.execute(params![id, done, A::Sign, "assigned", "completed"])?;
                txn.execute(params![
                    "order_completed",
                    format!("order-completed-{id}"),
                    format!("order:{id}"),
                    done
                ])?;
                let t = conn.last_insert_rowid();
                let commission = (price * COMMISSION_BP + 5_000) / 10_000;
                entry.execute(params![t, format!("client:{client}"), price])?;
                entry.execute(params![
                    t,
                    format!("worker:{worker}"),
                    -(price - commission)
                ])?;
                entry.execute(params![t, "revenue", -commission])?;
                invoice_item.execute(params![t, client, price, done])?;
                payout_item.execute(params![t, worker, price - commission, done])?;
                totals.ledger_transactions += 1;
                signature.execute(params![
                    id,
                    matching::ratings(arm)[rng.random_range(0..6)],
                    done
                ])?;
                if rng.random_bool(0.1) {
                    let score = rng.random_range(2..=5);
                    review.execute(params![
                        id,
                        "sample",
                        worker,
                        done + Duration::days(1),
                        score,
                        done
                    ])?;
                }
            }
            "cancelled" => {
                event.execute(params![id, matched, A::Cancel, "new", "cancelled"])?;
                if let Some(fee) = fee {
                    txn.execute(params![
                        "cancellation_fee",
                        format!("order-cancellation-fee-{id}"),
                        format!("order:{id}"),
                        matched
                    ])?;
                    let t = conn.last_insert_rowid();
                    entry.execute(params![t, format!("client:{client}"), fee])?;
                    entry.execute(params![t, "revenue", -fee])?;
                    invoice_item.execute(params![t, client, fee, matched])?;
                    totals.ledger_transactions += 1;
                }
                review.execute(params![
                    id,
                    "cancelled",
                    None::<i64>,
                    matched + Duration::days(1),
                    rng.random_range(1..=5),
                    matched
                ])?;
            }
            "unassigned" => {
                event.execute(params![id, matched, A::MarkUnassigned, "new", "unassigned"])?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes the history and builds its rollups through the database's writer; `progress`
/// hears about every 30 days. The caller picks the connection's durability: `generate` runs
/// it without journal or syncs (a crash means generating again).
pub fn run<W: WriteAccess + ?Sized>(
    conn: &mut W,
    tz: Tz,
    plan: Plan,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(&str),
) -> anyhow::Result<Generated> {
    // The secondary indexes are built once at the end instead of row by row.
    let indexes = write_tx(conn, |tx| -> anyhow::Result<Vec<(String, String)>> {
        let existing: i64 = tx.query_row_cached("SELECT COUNT(*) FROM orders", [], |r| r.get(0))?;
        anyhow::ensure!(
            existing == 0,
            "the database already has {existing} orders; generate into an empty data directory"
        );
        let indexes: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND tbl_name IN ('orders', 'order_events', 'ledger_transactions', 'ledger_entries',
                                  'invoice_items', 'payout_items', 'order_signatures', 'qc_reviews')",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX {name}"))?;
        }
        Ok(indexes)
    })?;
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let mut totals = Generated::default();
    let started = Instant::now();
    let people = write_tx(conn, |tx| people(tx, &plan, now))?;
    let first = plan.today - Duration::days(plan.days);
    let experiment = write_tx(conn, |tx| {
        let started = first + Duration::days((plan.days - matching::DAYS).max(0));
        matching::create(tx, day_start(tz, started), plan.orders_per_day, now)
    })?;
    totals.experiment_id = experiment.id;
    // Thirty days to a write: few commits, and progress to report between them.
    let mut i = 0;
    while i < plan.days {
        let month = i..(i + 30).min(plan.days);
        i = month.end;
        write_tx(conn, |tx| -> rusqlite::Result<()> {
            for i in month {
                let date = first + Duration::days(i);
                // ±10 % around the daily volume.
                let spread = plan.orders_per_day / 10;
                let count = plan.orders_per_day + rng.random_range(-spread..=spread);
                day(
                    tx,
                    &mut rng,
                    &people,
                    (day_start(tz, date), now),
                    count,
                    &experiment,
                    &mut totals,
                )?;
            }
            Ok(())
        })?;
        let date = first + Duration::days(i - 1);
        progress(&format!("{date}: {} orders so far", totals.orders));
    }
    progress("building indexes");
    write_tx(conn, |tx| -> rusqlite::Result<()> {
        for (_, sql) in &indexes {
            tx.execute_batch(sql)?;
        }
        matching::worker_totals(tx)?;
        tx.execute_batch("ANALYZE")
    })?;
    totals.insert_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    totals.days_rolled_up = crate::reports::store::rollup::refresh(conn, tz)?;
    totals.rollup_secs = started.elapsed().as_secs_f64();
    Ok(totals)
}

/// Runs the experiments' results job once on the generated experiment; returns its seconds.
pub fn experiment_results(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    experiment_id: i64,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    crate::experiments::service::results::refresh(conn, settings, now, experiment_id)?;
    Ok(started.elapsed().as_secs_f64())
}
