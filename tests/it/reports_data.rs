//! Crafted rows for the dashboard and reports tests: orders with their events, ledger
//! postings, signatures, QC, invoices, a payout, stock and candidates, each chosen so the
//! expected numbers can be computed by hand (the comments show how).

use chrono::{Duration, NaiveDateTime};
use rusqlite::{Connection, params};

use crate::helpers::*;

/// The period under test: Monday 23 and Tuesday 24 February 2026 (Moscow, UTC+3).
pub const PERIOD: &str = "period=custom&from=2026-02-23&to=2026-02-24";

/// A Moscow wall-clock time as the database stores instants (UTC).
pub fn at(local: &str) -> String {
    let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap() - Duration::hours(3);
    t.format("%Y-%m-%d %H:%M:%S+00:00").to_string()
}

fn plus(local: &str, minutes: i64) -> String {
    let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap()
        + Duration::minutes(minutes);
    at(&t.format("%Y-%m-%d %H:%M").to_string())
}

pub struct Crafted {
    pub other_client: i64,
    pub worker: i64,
    pub orders: Vec<i64>,
}

fn order(
    c: &Connection,
    client: i64,
    worker: Option<i64>,
    status: &str,
    placed: &str,
    total: i64,
) -> i64 {
    let service: i64 = c
        .query_row("SELECT id FROM services LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let address: i64 = c
        .query_row(
            "SELECT id FROM client_addresses WHERE client_id = ?1",
            [client],
            |r| r.get(0),
        )
        .unwrap();
    c.execute(
        "INSERT INTO orders (client_id, service_id, worker_id, address_id, address_text, scheduled_at,
                             duration_minutes, ends_at, status, currency, quote_json, total_minor,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'Lenina 1, flat 2', ?5, 60, ?5, ?6, 'RUB', ?8, ?7, ?5, ?5)",
        params![client, service, worker, address, at(placed), status, total, quote(total)],
    )
    .unwrap();
    let id = c.last_insert_rowid();
    event(c, id, placed, 0, None, "new");
    id
}

fn quote(total: i64) -> String {
    format!(
        r#"{{"lines":[{{"kind":"base","label_en":"Cleaning","label_ru":"Уборка","amount_minor":{total}}}],"total_minor":{total}}}"#
    )
}

fn event(c: &Connection, order: i64, placed: &str, after_min: i64, from: Option<&str>, to: &str) {
    c.execute(
        "INSERT INTO order_events (order_id, at, actor_role, action, from_status, to_status)
         VALUES (?1, ?2, 'system', ?4, ?3, ?4)",
        params![order, plus(placed, after_min), from, to],
    )
    .unwrap();
}

fn post(c: &Connection, kind: &str, key: &str, local: &str, entries: &[(String, i64)]) {
    c.execute(
        "INSERT INTO ledger_transactions (kind, idempotency_key, reference, created_at)
         VALUES (?1, ?2, 'test', ?3)",
        params![kind, key, at(local)],
    )
    .unwrap();
    let t = c.last_insert_rowid();
    for (account, amount) in entries {
        c.execute(
            "INSERT INTO ledger_entries (transaction_id, account, amount_minor) VALUES (?1, ?2, ?3)",
            params![t, account, amount],
        )
        .unwrap();
    }
}

fn sign(c: &Connection, order: i64, local: &str, rating: i64) {
    c.execute(
        "INSERT INTO order_signatures (order_id, signed_name, signature_sha256, report_sha256, rating,
                                       signed_at, ip, user_agent)
         VALUES (?1, 'A', '', '', ?2, ?3, '', '')",
        params![order, rating, at(local)],
    )
    .unwrap();
}

/// The rows the hand computations below are made from.
pub fn craft(app: &TestApp) -> Crafted {
    let client = app.create_user("client", "anna@example.com");
    let other_client = app.create_user("client", "boris@example.com");
    let worker = app.create_user("worker", "wera@example.com");
    // Candidates are users first (the app makes them), then rows like the others.
    let candidates =
        ["kim@example.com", "lev@example.com"].map(|e| app.create_user("candidate", e));
    app.write(|c| {
    // A comma and quotes in a name, for the CSV's quoting.
    c.execute(
        "UPDATE users SET name = 'Smith, \"Anna\"' WHERE id = ?1",
        [client],
    )
    .unwrap();
    c.execute(
        "INSERT INTO services (code, name_en, name_ru, duration_minutes, base_price_minor, skill, created_at, updated_at)
         VALUES ('clean', 'Cleaning', 'Уборка', 60, 10000, 'cleaning', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')",
        [],
    )
    .unwrap();
    for id in [client, other_client] {
        c.execute(
            "INSERT INTO client_addresses (client_id, label, address, is_default, created_at)
             VALUES (?1, 'Home', 'Lenina 1', 1, '2026-01-01 00:00:00+00:00')",
            [id],
        )
        .unwrap();
    }
    let (cl, wk) = (format!("client:{client}"), format!("worker:{worker}"));
    let entries = |parts: &[(&String, i64)]| {
        parts
            .iter()
            .map(|(a, v)| (a.to_string(), *v))
            .collect::<Vec<_>>()
    };
    let rev = "revenue".to_string();
    let gw = "gateway".to_string();

    // 1: placed Monday 10:00, matched in 30 min, completed 1500 min after placing.
    let o1 = order(
        c,
        client,
        Some(worker),
        "completed",
        "2026-02-23 10:00",
        10_000,
    );
    event(c, o1, "2026-02-23 10:00", 30, Some("new"), "assigned");
    event(
        c,
        o1,
        "2026-02-23 10:00",
        1500,
        Some("assigned"),
        "completed",
    );
    post(
        c,
        "order_completed",
        "o1",
        "2026-02-24 11:00",
        &entries(&[(&cl, 10_000), (&wk, -8_000), (&rev, -2_000)]),
    );
    sign(c, o1, "2026-02-24 11:00", 5);
    // 2: placed Monday 12:00, matched in 10 min, completed after 90.
    let o2 = order(
        c,
        client,
        Some(worker),
        "completed",
        "2026-02-23 12:00",
        5_000,
    );
    event(c, o2, "2026-02-23 12:00", 10, Some("new"), "assigned");
    event(
        c,
        o2,
        "2026-02-23 12:00",
        90,
        Some("assigned"),
        "completed",
    );
    post(
        c,
        "order_completed",
        "o2",
        "2026-02-23 13:30",
        &entries(&[(&cl, 5_000), (&wk, -4_000), (&rev, -1_000)]),
    );
    sign(c, o2, "2026-02-23 13:30", 4);
    // 3: placed Tuesday 09:00, cancelled with a fee, reviewed by QC with a 2.
    let o3 = order(c, client, None, "cancelled", "2026-02-24 09:00", 8_000);
    event(c, o3, "2026-02-24 09:00", 30, Some("new"), "cancelled");
    post(
        c,
        "cancellation_fee",
        "o3",
        "2026-02-24 09:30",
        &entries(&[(&cl, 700), (&rev, -700)]),
    );
    c.execute(
        "INSERT INTO qc_reviews (order_id, reason, status, due_at, score, reviewed_at, created_at)
         VALUES (?1, 'cancelled', 'done', ?2, 2, ?2, ?2)",
        params![o3, at("2026-02-24 15:00")],
    )
    .unwrap();
    // 4: placed Tuesday 00:30 Moscow (still Monday in UTC), matched in 50 min.
    let o4 = order(
        c,
        other_client,
        Some(worker),
        "assigned",
        "2026-02-24 00:30",
        3_000,
    );
    event(c, o4, "2026-02-24 00:30", 50, Some("new"), "assigned");
    // 5: Wednesday, after the period; 6: Sunday, the previous period.
    let o5 = order(
        c,
        client,
        Some(worker),
        "completed",
        "2026-02-25 00:10",
        9_000,
    );
    event(c, o5, "2026-02-25 00:10", 5, Some("new"), "assigned");
    event(
        c,
        o5,
        "2026-02-25 00:10",
        60,
        Some("assigned"),
        "completed",
    );
    post(
        c,
        "order_completed",
        "o5",
        "2026-02-25 01:10",
        &entries(&[(&cl, 9_000), (&wk, -7_200), (&rev, -1_800)]),
    );
    let o6 = order(
        c,
        client,
        Some(worker),
        "completed",
        "2026-02-22 12:00",
        4_000,
    );
    event(c, o6, "2026-02-22 12:00", 20, Some("new"), "assigned");
    event(
        c,
        o6,
        "2026-02-22 12:00",
        200,
        Some("assigned"),
        "completed",
    );
    post(
        c,
        "order_completed",
        "o6",
        "2026-02-22 15:20",
        &entries(&[(&cl, 4_000), (&wk, -3_200), (&rev, -800)]),
    );
    // Money moved in the period besides the orders.
    post(
        c,
        "bonus",
        "b",
        "2026-02-23 18:00",
        &entries(&[(&wk, -200), (&rev, 200)]),
    );
    post(
        c,
        "fine",
        "f",
        "2026-02-24 18:00",
        &entries(&[(&wk, 300), (&rev, -300)]),
    );
    post(
        c,
        "refund",
        "r",
        "2026-02-24 19:00",
        &entries(&[(&cl, -1_000), (&wk, 800), (&rev, 200)]),
    );
    post(
        c,
        "payment",
        "p",
        "2026-02-24 20:00",
        &entries(&[(&cl, -4_000), (&gw, 4_000)]),
    );
    post(
        c,
        "payout",
        "po",
        "2026-02-24 21:00",
        &entries(&[(&wk, 3_000), (&gw, -3_000)]),
    );
    // Unpaid invoices (now), a payout, low stock, and two candidates under policy version 1.
    for (period, status, total) in [("2026-W08", "past_due", 5_700), ("2026-W09", "due", 1_000)] {
        c.execute(
            "INSERT INTO invoices (client_id, period, number, status, total_minor, currency, issued_at)
             VALUES (?1, ?2, ?2, ?3, ?4, 'RUB', ?5)",
            params![client, period, status, total, at("2026-02-24 03:00")],
        )
        .unwrap();
    }
    c.execute(
        "INSERT INTO payouts (worker_id, period, status, amount_minor, earnings_minor, fines_minor, bonuses_minor,
                              other_minor, carried_in_minor, currency, created_at, paid_at)
         VALUES (?1, '2026-01', 'paid', 3000, 3200, 0, 0, -200, 0, 'RUB', ?2, ?2)",
        params![worker, at("2026-02-24 21:00")],
    )
    .unwrap();
    c.execute(
        "INSERT INTO consumables (sku, name, unit, reorder_level, created_at)
         VALUES ('GLV', 'Gloves', 'pairs', 5, '2026-01-01 00:00:00+00:00')",
        [],
    )
    .unwrap();
    craft_hiring(c, candidates);
    Ok(Crafted {
        other_client,
        worker,
        orders: vec![o1, o2, o3, o4, o5, o6],
    })
    })
}

fn craft_hiring(c: &Connection, candidates: [i64; 2]) {
    c.execute(
        "INSERT INTO screening_policies (version, status, rule, created_at) VALUES (1, 'active', 'top_percent', ?1)",
        [at("2026-01-01 00:00")],
    )
    .unwrap();
    let policy = c.last_insert_rowid();
    c.execute(
        "INSERT INTO screening_tests (title, time_limit_minutes, created_at, updated_at) VALUES ('T', 30, ?1, ?1)",
        [at("2026-01-01 00:00")],
    )
    .unwrap();
    let test = c.last_insert_rowid();
    for (user, applied, hired) in [
        (candidates[0], "2026-02-23 09:00", Some(true)),
        (candidates[1], "2026-02-24 09:00", None),
    ] {
        c.execute(
            "INSERT INTO candidates (user_id, phone, applied_at) VALUES (?1, '+7 900 000 00 00', ?2)",
            params![user, at(applied)],
        )
        .unwrap();
        let candidate = c.last_insert_rowid();
        if let Some(hired) = hired {
            c.execute(
                "INSERT INTO test_assignments (candidate_id, test_id, question_ids, status, invited_at, score_bp)
                 VALUES (?1, ?2, '[]', 'graded', ?3, 9000)",
                params![candidate, test, at(applied)],
            )
            .unwrap();
            c.execute(
                "INSERT INTO hiring_decisions (candidate_id, policy_id, score_bp, rank, cohort_size, hired, decided_at)
                 VALUES (?1, ?2, 9000, 1, 1, ?3, ?4)",
                params![candidate, policy, hired, at(applied)],
            )
            .unwrap();
        }
    }
}
