//! What the managers' pages kept while they were made fast on big histories: the orders
//! search finds a substring anywhere in the address through its trigram index (and shorter
//! searches still work), the QC queue pages like the orders table, insights look only at
//! their window, and the invoice export streams page by page with the same rows.

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::quality::model::ReviewReason;
use whiskerworks::quality::store::reviews;

use crate::helpers::*;
use crate::order_helpers::*;

fn ids_in(html: &scraper::Html) -> Vec<String> {
    let s = scraper::Selector::parse("tbody tr td:first-child a").unwrap();
    html.select(&s)
        .map(|a| a.text().collect::<String>().trim().to_string())
        .collect()
}

#[tokio::test]
async fn the_orders_search_finds_a_substring_in_the_middle_of_an_address() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let placed = place_order(&app, &w).await; // "1 Test St"
    let moved = place_order(&app, &w).await;
    let other = place_order(&app, &w).await;
    // A changed address is searched by its new text (the index follows the row).
    app.write(|tx| {
        tx.execute(
            "UPDATE orders SET address_text = '7 Whiskerfield Road, Catford' WHERE id = ?1",
            [moved],
        )
    });

    for (q, expected) in [
        ("kerfi", vec![moved]),
        ("CATFORD", vec![moved]),
        ("est S", vec![other, placed]),
        ("Test St", vec![other, placed]),
        ("nowhere", vec![]),
        // One and two characters: no trigram to look up, the plain scan answers.
        ("St", vec![other, placed]),
        ("W", vec![moved]),
        ("%", vec![]),
    ] {
        let url = format!("/manage/orders?sort=created_desc&q={}", urlencoding(q));
        let (status, html) = w.manager.get_html(&url).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        let expected: Vec<String> = expected.iter().map(|id| id.to_string()).collect();
        assert_eq!(ids_in(&html), expected, "search {q:?}");
    }
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)]).unwrap()[2..].to_string()
}

#[tokio::test]
async fn the_qc_queue_has_a_second_page() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let first = place_order(&app, &w).await;
    // 30 cancelled orders in the queue, due one hour after another.
    app.write(|conn| {
        let now = app.clock_now();
        for i in 0..30 {
            conn.execute(
                "INSERT INTO orders (client_id, service_id, address_id, address_text, scheduled_at,
                     duration_minutes, ends_at, status, currency, quote_json, total_minor,
                     created_at, updated_at)
                 SELECT client_id, service_id, address_id, address_text, scheduled_at,
                     duration_minutes, ends_at, 'cancelled', currency, quote_json, total_minor,
                     created_at, updated_at FROM orders WHERE id = ?1",
                [first],
            )
            .unwrap();
            let order = conn.last_insert_rowid();
            reviews::open(
                conn,
                order,
                ReviewReason::Cancelled,
                None,
                now + Duration::hours(i + 1),
                now,
            )
            .unwrap();
        }
        Ok::<_, rusqlite::Error>(())
    });
    let due_order: Vec<i64> = {
        let conn = app.state.pool.get().unwrap();
        let mut stmt = conn
            .prepare("SELECT id FROM qc_reviews ORDER BY due_at, id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };

    let (status, page_one) = w.manager.get_html("/manage/qc").await;
    assert_eq!(status, StatusCode::OK);
    let links = |html: &scraper::Html| -> Vec<String> {
        let s = scraper::Selector::parse("tbody tr td:first-child a").unwrap();
        html.select(&s)
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect()
    };
    let expected =
        |ids: &[i64]| -> Vec<String> { ids.iter().map(|id| format!("/manage/qc/{id}")).collect() };
    assert_eq!(
        links(&page_one),
        expected(&due_order[..25]),
        "the 25 most urgent"
    );
    let next = first_attr(&page_one, "nav.pagination a[rel=next]", "href").expect("a next link");
    assert!(
        next.contains("status=open") && next.contains("page=2"),
        "{next}"
    );

    let (status, page_two) = w.manager.get_html(&next).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(links(&page_two), expected(&due_order[25..]), "the other 5");
    assert!(first_attr(&page_two, "nav.pagination a[rel=next]", "href").is_none());
    assert!(first_attr(&page_two, "nav.pagination a[rel=prev]", "href").is_some());
}

#[tokio::test]
async fn insights_count_only_the_orders_of_their_window() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut orders = Vec::new();
    for _ in 0..5 {
        orders.push(place_order(&app, &w).await);
    }
    for id in &orders[..2] {
        let res = w
            .manager
            .post_form(
                &format!("/manage/orders/{id}/cancel"),
                &[("reason", "Client moved")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let link = format!("/manage/orders?service={}&status=cancelled", w.service_id);

    let (status, html) = w.manager.get_html("/manage/insights").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        first_attr(&html, &format!("a[href='{link}']"), "href").is_some(),
        "2 of 5 cancelled is named"
    );

    // Three of them placed before the window: 2 of 2 left inside is under the minimum of 5
    // orders, so the service is no longer named.
    let window = app.state.settings().quality.insights.window_days;
    let before = app.clock_now() - Duration::days(window + 1);
    app.write(|tx| {
        for id in &orders[2..] {
            tx.execute(
                "UPDATE orders SET created_at = ?2 WHERE id = ?1",
                rusqlite::params![id, before],
            )?;
        }
        Ok(())
    });
    let (_, html) = w.manager.get_html("/manage/insights").await;
    assert!(
        first_attr(&html, &format!("a[href='{link}']"), "href").is_none(),
        "only the window's orders count"
    );
}

#[tokio::test]
async fn the_invoice_export_streams_every_invoice_newest_first_across_pages() {
    let app = spawn_app().await;
    let w = world(&app).await;
    {
        // More invoices than one page of the export (2,000), in one transaction (quickly,
        // so the manager's kept-alive connection is still open).
        app.write(|tx| {
            for week in 0..2_500 {
                tx.execute(
                    "INSERT INTO invoices (client_id, period, number, status, total_minor,
                                           currency, issued_at)
                     VALUES (?1, ?2, ?3, 'nothing_due', 0, 'RUB', '2026-01-05 18:00:00+00:00')",
                    rusqlite::params![w.client_id, format!("P{week:04}"), format!("INV-{week:04}")],
                )?;
            }
            Ok(())
        });
    }

    let res = w.manager.get("/manage/billing/invoices.csv").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "number",
            "client_id",
            "client",
            "period",
            "status",
            "total",
            "currency",
            "issued_at",
            "paid_at"
        ]
    );
    let numbers: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    let expected: Vec<String> = (0..2_500).rev().map(|w| format!("INV-{w:04}")).collect();
    assert_eq!(numbers, expected, "every invoice once, the newest first");
}
