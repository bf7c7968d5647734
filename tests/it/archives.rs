//! The end-of-day balances and the consumption archive on a simulated history, checked
//! against the ledger's snapshots and the stock movements they are read from.

use reqwest::StatusCode;

use crate::helpers::*;

const JANUARY: &str = "period=custom&from=2026-01-01&to=2026-01-31";

async fn history() -> (TestApp, TestClient) {
    let app = spawn_app().await;
    let settings = (*app.state.settings()).clone();
    tokio::task::spawn_blocking(move || whiskerworks::ops::simulate::run(settings, 9, 3))
        .await
        .unwrap()
        .unwrap();
    let (manager, _) = app.login_as("manager").await;
    (app, manager)
}

#[tokio::test]
async fn each_days_balances_show_with_a_chart_and_match_the_snapshots() {
    let (app, manager) = history().await;
    let (status, page) = manager
        .get_html(&format!("/manage/balances?{JANUARY}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let days =
        app.count("SELECT COUNT(DISTINCT day) FROM balance_snapshots WHERE day LIKE '2026-01-%'");
    assert!(days >= 5, "{days} snapshots");
    let rows = table_rows(&page, "table.phone-cards tbody tr");
    assert_eq!(rows.len() as i64, days);
    assert!(
        first_attr(&page, "#owed-chart svg", "role").is_some(),
        "a chart"
    );

    // The newest day first; each figure is the snapshot's, signs turned to read as amounts.
    let last = |sql: &str| {
        app.count(&format!(
            "SELECT {sql} FROM balance_snapshots WHERE day = (SELECT MAX(day) FROM balance_snapshots WHERE day LIKE '2026-01-%')"
        ))
    };
    let money = |minor: i64| {
        whiskerworks::i18n::Tr::new(whiskerworks::i18n::Lang::En, chrono_tz::UTC)
            .money(minor, "RUB")
    };
    let owed = last("-SUM(CASE WHEN account LIKE 'worker:%' THEN balance_minor ELSE 0 END)");
    let owe = last(
        "SUM(CASE WHEN account LIKE 'client:%' AND balance_minor > 0 THEN balance_minor ELSE 0 END)",
    );
    assert!(owed > 0, "workers are owed their month's earnings");
    assert_eq!(rows[0][1], money(owe));
    assert_eq!(rows[0][3], money(owed));

    let csv = manager
        .get(&format!("/manage/balances.csv?{JANUARY}"))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let body = csv.text().await.unwrap();
    assert!(body.starts_with(
        "day,clients_owe,clients_credit,owed_to_workers,company_income,held_at_gateway\r\n"
    ));
    assert_eq!(body.lines().count() as i64, days + 1);
    assert!(body.contains(&whiskerworks::money::plain(owed)));

    let (_, bad) = manager
        .get_html("/manage/balances?period=custom&from=2026-02-01&to=2026-01-01")
        .await;
    assert!(text(&bad, ".flash.error").contains("after the end date"));
}

#[tokio::test]
async fn consumption_is_what_the_jobs_took_less_what_came_back_by_item_service_and_worker() {
    let (app, manager) = history().await;
    let (status, page) = manager
        .get_html(&format!("/manage/consumption?{JANUARY}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows = table_rows(&page, "table.phone-cards tbody tr");
    assert!(!rows.is_empty());
    let used: i64 = app.count(
        "SELECT -SUM(quantity) FROM stock_movements WHERE order_id IS NOT NULL AND kind IN ('pack', 'extra', 'return')",
    );
    let shown: i64 = rows
        .iter()
        .map(|r| {
            r[1].split_whitespace()
                .next()
                .unwrap()
                .parse::<i64>()
                .unwrap()
        })
        .sum();
    assert_eq!(shown, used, "every item used, less returns");

    for by in ["service", "worker"] {
        let (_, page) = manager
            .get_html(&format!("/manage/consumption?{JANUARY}&by={by}"))
            .await;
        let rows = table_rows(&page, "table.phone-cards tbody tr");
        let shown: i64 = rows
            .iter()
            .map(|r| {
                r[2].split_whitespace()
                    .next()
                    .unwrap()
                    .parse::<i64>()
                    .unwrap()
            })
            .sum();
        assert_eq!(shown, used, "{by}");
    }
    let csv = manager
        .get(&format!("/manage/consumption.csv?{JANUARY}&by=service"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("service,consumable,unit,used,jobs\r\n"),
        "{csv}"
    );
    assert_eq!(
        manager.get("/manage/consumption?by=colour").await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn consumption_is_charted_per_unit_never_adding_pieces_to_bottles() {
    let (_app, manager) = history().await;
    for by in ["consumable", "service", "worker"] {
        let (_, page) = manager
            .get_html(&format!("/manage/consumption?{JANUARY}&by={by}"))
            .await;
        let rows = table_rows(&page, "table.phone-cards tbody tr");
        let units: std::collections::BTreeSet<String> = rows
            .iter()
            .map(|r| {
                r[r.len() - 2]
                    .split_whitespace()
                    .last()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert!(units.len() >= 2, "the history used items of several units");
        let titles: Vec<String> = page
            .select(&scraper::Selector::parse("figure.chart svg > title").unwrap())
            .map(|t| t.text().collect())
            .collect();
        assert_eq!(
            titles.len(),
            units.len(),
            "{by}: one chart per unit: {titles:?}"
        );
        for unit in &units {
            assert!(
                titles
                    .iter()
                    .any(|t| t.ends_with(&format!("(unit: {unit})"))),
                "{by}: {unit} has its chart: {titles:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_consumption_csv_by_item_names_each_column_once() {
    let (_app, manager) = history().await;

    let csv = manager
        .get(&format!("/manage/consumption.csv?{JANUARY}&by=consumable"))
        .await
        .text()
        .await
        .unwrap();

    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["consumable", "unit", "used", "jobs"]);
    for row in reader.records() {
        assert_eq!(row.unwrap().len(), 4, "each row under its own columns");
    }
}

#[tokio::test]
async fn a_balance_chart_of_zeros_draws_one_zero_line_not_five() {
    let app = spawn_app().await;
    app.write(|tx| {
        for day in ["2026-01-05", "2026-01-06"] {
            tx.execute(
                "INSERT INTO balance_snapshots (day, account, balance_minor) VALUES (?1, 'revenue', 0)",
                [day],
            )?;
        }
        Ok(())
    });
    let (manager, _) = app.login_as("manager").await;

    let (status, page) = manager
        .get_html(&format!("/manage/balances?{JANUARY}"))
        .await;

    assert_eq!(status, StatusCode::OK);
    let y_ticks: Vec<String> = page
        .select(&scraper::Selector::parse("#owe-chart text.tick[text-anchor=end]").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(y_ticks, vec!["0"], "one zero line on the axis");
    let grid = scraper::Selector::parse("#owe-chart line.grid").unwrap();
    assert_eq!(page.select(&grid).count(), 1);
}
