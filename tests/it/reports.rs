//! Dashboard and reports through HTTP on crafted rows: every KPI equals a hand computation,
//! live and from the rollups; CSV exports parse back and match the database; bets leave no
//! trace; only managers reach the dashboard and exports, and clients and workers see only
//! their own numbers.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};
use reqwest::StatusCode;
use rusqlite::{Connection, params};
use scraper::{Html, Selector};

use crate::helpers::*;

/// The period under test: Monday 23 and Tuesday 24 February 2026 (Moscow, UTC+3).
const PERIOD: &str = "period=custom&from=2026-02-23&to=2026-02-24";

/// A Moscow wall-clock time as the database stores instants (UTC).
fn at(local: &str) -> String {
    let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap() - Duration::hours(3);
    t.format("%Y-%m-%d %H:%M:%S+00:00").to_string()
}

fn plus(local: &str, minutes: i64) -> String {
    let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap()
        + Duration::minutes(minutes);
    at(&t.format("%Y-%m-%d %H:%M").to_string())
}

struct Crafted {
    other_client: i64,
    worker: i64,
    orders: Vec<i64>,
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
fn craft(app: &TestApp) -> Crafted {
    let client = app.create_user("client", "anna@example.com");
    let other_client = app.create_user("client", "boris@example.com");
    let worker = app.create_user("worker", "wera@example.com");
    let c = app.state.pool.get().unwrap();
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
        &c,
        client,
        Some(worker),
        "completed",
        "2026-02-23 10:00",
        10_000,
    );
    event(&c, o1, "2026-02-23 10:00", 30, Some("new"), "assigned");
    event(
        &c,
        o1,
        "2026-02-23 10:00",
        1500,
        Some("assigned"),
        "completed",
    );
    post(
        &c,
        "order_completed",
        "o1",
        "2026-02-24 11:00",
        &entries(&[(&cl, 10_000), (&wk, -8_000), (&rev, -2_000)]),
    );
    sign(&c, o1, "2026-02-24 11:00", 5);
    // 2: placed Monday 12:00, matched in 10 min, completed after 90.
    let o2 = order(
        &c,
        client,
        Some(worker),
        "completed",
        "2026-02-23 12:00",
        5_000,
    );
    event(&c, o2, "2026-02-23 12:00", 10, Some("new"), "assigned");
    event(
        &c,
        o2,
        "2026-02-23 12:00",
        90,
        Some("assigned"),
        "completed",
    );
    post(
        &c,
        "order_completed",
        "o2",
        "2026-02-23 13:30",
        &entries(&[(&cl, 5_000), (&wk, -4_000), (&rev, -1_000)]),
    );
    sign(&c, o2, "2026-02-23 13:30", 4);
    // 3: placed Tuesday 09:00, cancelled with a fee, reviewed by QC with a 2.
    let o3 = order(&c, client, None, "cancelled", "2026-02-24 09:00", 8_000);
    event(&c, o3, "2026-02-24 09:00", 30, Some("new"), "cancelled");
    post(
        &c,
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
        &c,
        other_client,
        Some(worker),
        "assigned",
        "2026-02-24 00:30",
        3_000,
    );
    event(&c, o4, "2026-02-24 00:30", 50, Some("new"), "assigned");
    // 5: Wednesday, after the period; 6: Sunday, the previous period.
    let o5 = order(
        &c,
        client,
        Some(worker),
        "completed",
        "2026-02-25 00:10",
        9_000,
    );
    event(&c, o5, "2026-02-25 00:10", 5, Some("new"), "assigned");
    event(
        &c,
        o5,
        "2026-02-25 00:10",
        60,
        Some("assigned"),
        "completed",
    );
    post(
        &c,
        "order_completed",
        "o5",
        "2026-02-25 01:10",
        &entries(&[(&cl, 9_000), (&wk, -7_200), (&rev, -1_800)]),
    );
    let o6 = order(
        &c,
        client,
        Some(worker),
        "completed",
        "2026-02-22 12:00",
        4_000,
    );
    event(&c, o6, "2026-02-22 12:00", 20, Some("new"), "assigned");
    event(
        &c,
        o6,
        "2026-02-22 12:00",
        200,
        Some("assigned"),
        "completed",
    );
    post(
        &c,
        "order_completed",
        "o6",
        "2026-02-22 15:20",
        &entries(&[(&cl, 4_000), (&wk, -3_200), (&rev, -800)]),
    );
    // Money moved in the period besides the orders.
    post(
        &c,
        "bonus",
        "b",
        "2026-02-23 18:00",
        &entries(&[(&wk, -200), (&rev, 200)]),
    );
    post(
        &c,
        "fine",
        "f",
        "2026-02-24 18:00",
        &entries(&[(&wk, 300), (&rev, -300)]),
    );
    post(
        &c,
        "refund",
        "r",
        "2026-02-24 19:00",
        &entries(&[(&cl, -1_000), (&wk, 800), (&rev, 200)]),
    );
    post(
        &c,
        "payment",
        "p",
        "2026-02-24 20:00",
        &entries(&[(&cl, -4_000), (&gw, 4_000)]),
    );
    post(
        &c,
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
    craft_hiring(app, &c);
    Crafted {
        other_client,
        worker,
        orders: vec![o1, o2, o3, o4, o5, o6],
    }
}

fn craft_hiring(app: &TestApp, c: &Connection) {
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
    for (email, applied, hired) in [
        ("kim@example.com", "2026-02-23 09:00", Some(true)),
        ("lev@example.com", "2026-02-24 09:00", None),
    ] {
        let user = app.create_user("candidate", email);
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

/// Every `data-kpi` on the page with its `data-value`.
fn kpis(html: &Html) -> BTreeMap<String, String> {
    let sel = Selector::parse("[data-kpi]").unwrap();
    html.select(&sel)
        .map(|e| {
            let v = e.value();
            (
                v.attr("data-kpi").unwrap().to_string(),
                v.attr("data-value").unwrap_or("").to_string(),
            )
        })
        .collect()
}

async fn manager(app: &TestApp) -> TestClient {
    app.login_as("manager").await.0
}

#[tokio::test]
async fn every_kpi_equals_its_hand_computation_live_and_from_the_rollups() {
    let app = spawn_app().await;
    craft(&app);
    let manager = manager(&app).await;
    let expected: BTreeMap<&str, &str> = [
        ("placed", "4"),
        ("completed", "2"),
        ("completion_rate", "5000"),
        ("cancellation_rate", "2500"),
        // Matched after 10, 30 and 50 minutes; completed after 90 and 1500 (lower median).
        ("median_match", "30"),
        ("median_complete", "90"),
        // 10,000 + 5,000 + 700 fee − 1,000 refund.
        ("revenue", "14700"),
        ("commission", "3500"),
        ("payments", "4000"),
        ("refunds", "1000"),
        ("payouts", "3000"),
        ("fines", "300"),
        ("bonuses", "200"),
        ("receivables", "6700"),
        ("overdue", "5700"),
        ("rating_avg", "450"),
        ("qc_avg", "200"),
        ("stock_alerts", "1"),
    ]
    .into_iter()
    .collect();
    // First computed live (the rows are new), then read back from the rollups the job built.
    for pass in ["live", "rollups"] {
        let (status, html) = manager.get_html(&format!("/manage?{PERIOD}")).await;
        assert_eq!(status, StatusCode::OK);
        let got = kpis(&html);
        for (kpi, value) in &expected {
            assert_eq!(
                got.get(*kpi).map(String::as_str),
                Some(*value),
                "{kpi} ({pass})"
            );
        }
        let by_status = |s: &str| text(&html, &format!("tr[data-status={s}] td.num"));
        assert_eq!(
            by_status("assigned"),
            "1 0",
            "this period, then the previous one ({pass})"
        );
        assert_eq!(by_status("completed"), "2 1");
        let funnel = text(&html, "#funnel-table tr[data-version='1']");
        assert!(
            funnel.contains("2") && funnel.replace(char::is_whitespace, "").ends_with("2111"),
            "{funnel}"
        );
        assert!(text(&html, ".delta").contains("was"));
        app.drain().await;
        assert_eq!(app.count("SELECT COUNT(*) FROM report_dirty_days"), 0);
    }
    // The previous period (Saturday and Sunday) holds order 6 alone.
    let (_, html) = manager
        .get_html("/manage?period=custom&from=2026-02-21&to=2026-02-22")
        .await;
    let got = kpis(&html);
    assert_eq!(got["placed"], "1");
    assert_eq!(got["revenue"], "4000");
    // 200 minutes to complete: beyond two hours a median is kept to the quarter hour.
    assert_eq!(got["median_complete"], "195");
    // Charts: titled, labelled, with their tables.
    let (_, html) = manager.get_html(&format!("/manage?{PERIOD}")).await;
    for id in ["orders-chart", "revenue-chart", "funnel-chart"] {
        assert!(
            first_attr(&html, &format!("#{id} svg"), "aria-labelledby").is_some(),
            "{id}"
        );
    }
    assert!(text(&html, "#orders-chart table").contains("23 Feb"));
    // `check`'s rollup invariant: equal to a recomputation, and a tampered day is named.
    let conn = app.state.pool.get().unwrap();
    let mismatches = whiskerworks::reports::rollup::mismatches;
    assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
    conn.execute(
        "UPDATE report_days SET value = value + 1 WHERE metric = 'orders' AND day = '2026-02-23'",
        [],
    )
    .unwrap();
    conn.execute("DELETE FROM report_days WHERE day = '2026-02-22'", [])
        .unwrap();
    assert_eq!(
        mismatches(&conn).unwrap(),
        [
            "report_days for 2026-02-22 differ from a recomputation from the raw rows",
            "report_days for 2026-02-23 differ from a recomputation from the raw rows"
        ]
    );
}

#[tokio::test]
async fn a_bad_period_says_why_and_shows_the_month() {
    let app = spawn_app().await;
    let manager = manager(&app).await;
    for (query, message) in [
        (
            "period=custom&from=2026-02-24&to=2026-02-01",
            "after the end date",
        ),
        ("period=custom&from=2026-02-30&to=2026-03-01", "YYYY-MM-DD"),
        ("period=custom&from=1990-01-01&to=2026-03-01", "ten years"),
        ("period=fortnight", "not one we know"),
    ] {
        let (status, html) = manager.get_html(&format!("/manage?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert!(text(&html, ".flash.error").contains(message), "{query}");
        assert_eq!(
            first_attr(&html, ".tabs a[aria-current=page]", "href").as_deref(),
            Some("/manage?period=month")
        );
        // An export with a bad period goes back to the dashboard, which says the same.
        let res = manager
            .get(&format!("/manage/reports/orders.csv?{query}"))
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), format!("/manage?{query}"));
    }
    assert_eq!(
        manager.get("/manage/reports/bets.csv").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn csv_rows(who: &TestClient, what: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let res = who
        .get(&format!("/manage/reports/{what}.csv?{PERIOD}"))
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{what}");
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = res.text().await.unwrap();
    assert!(body.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    (header, reader.records().map(Result::unwrap).collect())
}

#[tokio::test]
async fn exports_parse_back_and_match_the_database() {
    let app = spawn_app().await;
    let crafted = craft(&app);
    let manager = manager(&app).await;
    let conn = app.state.pool.get().unwrap();

    let (header, rows) = csv_rows(&manager, "orders").await;
    assert_eq!(
        header[..4],
        ["order_id", "placed_at", "scheduled_at", "status"]
    );
    let ids: Vec<i64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    let o = &crafted.orders;
    assert_eq!(
        ids,
        [o[0], o[1], o[3], o[2]],
        "the period's orders, oldest first"
    );
    for r in &rows {
        let (status, total, client): (String, i64, String) = conn
            .query_row(
                "SELECT o.status, o.total_minor, u.name FROM orders o JOIN users u ON u.id = o.client_id WHERE o.id = ?1",
                [&r[0]],
                |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (&r[3], r[9].parse::<i64>().unwrap(), &r[6]),
            (status.as_str(), total, client.as_str())
        );
    }
    // Times in the business zone: order 4 was placed at 00:30 Moscow.
    assert_eq!(&rows[2][1], "2026-02-24T00:30:00+03:00");
    assert_eq!(&rows[0][6], "Smith, \"Anna\"");

    let (header, rows) = csv_rows(&manager, "ledger").await;
    assert_eq!(
        header,
        [
            "entry_id",
            "transaction_id",
            "created_at",
            "kind",
            "idempotency_key",
            "reference",
            "account",
            "amount_minor",
            "memo"
        ]
    );
    let in_period = app.count(&format!(
        "SELECT COUNT(*) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE t.created_at >= '{}' AND t.created_at < '{}'",
        at("2026-02-23 00:00"),
        at("2026-02-25 00:00")
    ));
    assert_eq!(rows.len() as i64, in_period);
    let mut per_txn: BTreeMap<String, i64> = BTreeMap::new();
    for r in &rows {
        let amount: i64 = conn
            .query_row(
                "SELECT amount_minor FROM ledger_entries WHERE id = ?1",
                [&r[0]],
                |x| x.get(0),
            )
            .unwrap();
        assert_eq!(r[7].parse::<i64>().unwrap(), amount);
        *per_txn.entry(r[1].to_string()).or_default() += amount;
    }
    assert!(
        per_txn.values().all(|sum| *sum == 0),
        "every transaction balances"
    );
    // Orders 1 and 2, the fee, bonus, fine, refund, payment and payout.
    assert_eq!(per_txn.len(), 8);

    let (_, rows) = csv_rows(&manager, "invoices").await;
    assert_eq!(rows.len(), 2);
    assert_eq!((&rows[0][5], &rows[0][6]), ("past_due", "5700"));
    let (_, rows) = csv_rows(&manager, "payouts").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0][1].parse::<i64>().unwrap(), &rows[0][5]),
        (crafted.worker, "3000")
    );
    assert_eq!(&rows[0][12], "2026-02-24T21:00:00+03:00");
}

#[tokio::test]
async fn bets_leave_the_dashboard_and_exports_untouched() {
    let app = spawn_app().await;
    let crafted = craft(&app);
    let manager = manager(&app).await;
    let page = |html: Html| text(&html, "main");
    let before = page(manager.get_html(&format!("/manage?{PERIOD}")).await.1);
    let mut exports_before = Vec::new();
    for what in ["orders", "ledger", "invoices", "payouts"] {
        exports_before.push(
            manager
                .get(&format!("/manage/reports/{what}.csv?{PERIOD}"))
                .await
                .text()
                .await
                .unwrap(),
        );
    }
    let c = app.state.pool.get().unwrap();
    c.execute(
        "INSERT INTO bets_books (order_id, proposition, status, created_at) VALUES (?1, 'cancelled', 'open', ?2)",
        params![crafted.orders[3], at("2026-02-24 10:00")],
    )
    .unwrap();
    c.execute(
        "INSERT INTO bets_stakes (book_id, manager_id, side, amount_minor, placed_at) VALUES (?1, 1, 1, 777777, ?2)",
        params![c.last_insert_rowid(), at("2026-02-24 10:00")],
    )
    .unwrap();
    let after = page(manager.get_html(&format!("/manage?{PERIOD}")).await.1);
    assert_eq!(before, after);
    for (i, what) in ["orders", "ledger", "invoices", "payouts"]
        .iter()
        .enumerate()
    {
        let body = manager
            .get(&format!("/manage/reports/{what}.csv?{PERIOD}"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(body, exports_before[i], "{what}");
        assert!(
            !body.contains("777777") && !body.to_lowercase().contains("bet"),
            "{what}"
        );
    }
}

#[tokio::test]
async fn only_managers_see_the_dashboard_and_people_see_only_their_own_numbers() {
    let app = spawn_app().await;
    let crafted = craft(&app);
    for role in ["client", "worker", "candidate"] {
        let (who, _) = app.login_as(role).await;
        assert_eq!(
            who.get("/manage").await.status(),
            StatusCode::FORBIDDEN,
            "{role}"
        );
        for what in ["orders", "ledger", "invoices", "payouts"] {
            let res = who
                .get(&format!("/manage/reports/{what}.csv?{PERIOD}"))
                .await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{role} {what}");
        }
    }
    // Anna: orders 1, 2, 5, 6 completed, 3 cancelled; billed 10,000 + 5,000 + 700 + 9,000
    // + 4,000 − 1,000 in all; 6,700 in open invoices. The clock is in March: nothing this month.
    let anna = app.client();
    anna.login("anna@example.com", PASSWORD).await;
    let (status, html) = anna.get_html("/client").await;
    assert_eq!(status, StatusCode::OK);
    let got = kpis(&html);
    assert!(got.contains_key("completed_orders"), "{}", html.html());
    assert_eq!(got["completed_orders"], "4");
    assert_eq!(got["open_orders"], "0");
    assert_eq!(got["spend_total"], "27700");
    assert_eq!(got["spend_month"], "0");
    assert_eq!(got["open_invoices"], "6700");
    let boris = app.client();
    boris.login("boris@example.com", PASSWORD).await;
    let got = kpis(&boris.get_html("/client").await.1);
    assert_eq!(
        (
            got["open_orders"].as_str(),
            got["spend_total"].as_str(),
            got["open_invoices"].as_str()
        ),
        ("1", "0", "0")
    );
    // Move the clock into February: the worker's month then holds the period's earnings.
    app.clock.set(
        chrono::DateTime::parse_from_rfc3339("2026-02-26T12:00:00+03:00")
            .unwrap()
            .into(),
    );
    let wera = app.client();
    wera.login("wera@example.com", PASSWORD).await;
    let got = kpis(&wera.get_html("/worker").await.1);
    // 8,000 + 4,000 + 7,200 + 3,200 earned, + 200 bonus − 300 fine − 800 refund.
    assert_eq!(got["earned_month"], "21500");
    assert_eq!(got["upcoming_jobs"], "1");
    let _ = crafted.other_client;
    let (other_worker, _) = app.login_as("worker").await;
    let got = kpis(&other_worker.get_html("/worker").await.1);
    assert_eq!(
        (got["earned_month"].as_str(), got["upcoming_jobs"].as_str()),
        ("0", "0")
    );
}

#[tokio::test]
async fn generated_history_keeps_every_invariant_and_its_rollups_match() {
    let app = spawn_app().await;
    let now = app.clock_now();
    let tz = app.state.settings.time_zone;
    let plan = whiskerworks::reports::generate::Plan {
        days: 20,
        orders_per_day: 30,
        seed: 5,
        today: whiskerworks::reports::period::business_day(tz, now),
    };
    let mut conn = app.state.pool.get().unwrap();
    let made = whiskerworks::reports::generate::run(&mut conn, tz, plan, now, &mut |_| {}).unwrap();
    assert!(
        made.orders >= 20 * 27 && made.days_rolled_up >= 20,
        "{made:?}"
    );
    // Generating twice into the same database is refused.
    assert!(whiskerworks::reports::generate::run(&mut conn, tz, plan, now, &mut |_| {}).is_err());
    drop(conn);
    let problems = whiskerworks::ops::check::check(app.dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let manager = manager(&app).await;
    let got = kpis(&manager.get_html("/manage?period=month").await.1);
    assert_ne!(got["placed"], "0");
}
