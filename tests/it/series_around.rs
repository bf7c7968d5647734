//! Repeating bookings seen from around them: managers' pages and actions, a visit that can
//! no longer be placed, matching's preference for the series' last worker, and the weekly
//! invoice.

use chrono::Duration;
use reqwest::StatusCode;

use crate::billing_helpers::*;
use crate::helpers::*;
use crate::matching::make_available;
use crate::series::{app_with, at, dates, order_on, start};

#[tokio::test]
async fn managers_see_all_series_and_their_changes_are_audited_and_told_to_the_client() {
    let (app, w) = app_with(|_| {}).await;
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "3")).await;
    // Managers reach the series from the board and from each visit's order page.
    let (_, board) = w.manager.get_html("/manage/schedule").await;
    assert_eq!(
        first_attr(&board, "main a[href='/manage/series']", "href").as_deref(),
        Some("/manage/series")
    );
    let visit = order_on(&app, id, "2026-03-03");
    let (_, order) = w.manager.get_html(&format!("/manage/orders/{visit}")).await;
    assert_eq!(
        first_attr(&order, ".series-note a", "href"),
        Some(format!("/manage/series/{id}"))
    );
    let (_, list) = w.manager.get_html("/manage/series").await;
    assert_eq!(table_rows(&list, "tbody tr").len(), 1);
    let (_, ended) = w.manager.get_html("/manage/series?status=ended").await;
    assert!(table_rows(&ended, "tbody tr").is_empty());
    let res = w
        .manager
        .post_form(&format!("/manage/series/{id}/skip?on=2026-03-17"), &[])
        .await;
    assert_eq!(location(&res), format!("/manage/series/{id}"));
    let res = w
        .manager
        .post_form(&format!("/manage/series/{id}/end"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action IN ('series.skip', 'series.end')"),
        2
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {} AND kind = 'series_changed'",
            w.client_id
        )),
        2
    );
    let (_, ended) = w.manager.get_html("/manage/series?status=ended").await;
    assert_eq!(table_rows(&ended, "tbody tr").len(), 1);
}

#[tokio::test]
async fn a_visit_that_can_no_longer_be_placed_is_told_and_the_series_goes_on() {
    let (app, w) = app_with(|_| {}).await;
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "4")).await;
    // The service leaves the catalogue for a while.
    app.write(|tx| tx.execute("UPDATE services SET active = 0", []));
    app.clock.advance(Duration::days(7));
    app.drain().await;
    app.write(|tx| tx.execute("UPDATE services SET active = 1", []));
    app.clock.advance(Duration::days(7));
    app.drain().await;
    assert_eq!(dates(&app, id), ["2026-03-03", "2026-03-10", "2026-03-24"]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'series_visit_not_placed'"),
        2,
        "the client and the manager, once"
    );
    let (_, page) = w.client.get_html(&format!("/client/series/{id}")).await;
    assert!(text(&page, ".series-visits").contains("Could not be booked"));
}

#[tokio::test]
async fn matching_offers_the_next_visit_to_the_series_last_worker_over_a_favourite() {
    let (app, w) = app_with(|s| s.orders.series_days_ahead = 3).await;
    make_available(&app, w.worker_id);
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "3")).await;
    let first = order_on(&app, id, "2026-03-03");
    app.drain().await;
    let res = w
        .worker
        .post_form(&format!("/worker/jobs/{first}/accept"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Another worker, free and the client's favourite, joins before the next visit.
    let (_, favourite) = app.login_as("worker").await;
    make_available(&app, favourite);
    app.write(|tx| {
        tx.execute(
            "INSERT INTO client_worker_preferences (client_id, worker_id, kind) VALUES (?1, ?2, 'favourite')",
            [w.client_id, favourite],
        )
    });
    app.clock.set(at(2026, 3, 8, 6));
    app.drain().await;
    let second = order_on(&app, id, "2026-03-10");
    assert!(second > 0);
    assert_eq!(crate::matching::offered_to(&app, second), Some(w.worker_id));
    let facts: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT candidates_json FROM matching_decisions WHERE order_id = ?1",
            [second],
            |r| r.get(0),
        )
        .unwrap();
    assert!(facts.contains("\"last_worker\":true"), "{facts}");
}

#[tokio::test]
async fn series_visits_are_invoiced_weekly_like_any_order() {
    let (app, w, _gw) = billed(Default::default()).await;
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "2")).await;
    let first = order_on(&app, id, "2026-03-03");
    finish_order(&app, &w, first).await;
    pass_cutoff(&app, whiskerworks::billing::model::periods::RunKind::Weekly).await;
    app.drain().await;
    let (_, status, total) = invoice_of(&app, w.client_id);
    assert_eq!(status, "paid");
    assert_eq!(total, 450_000, "the first visit, at the service's price");
    assert_eq!(app.count("SELECT COUNT(*) FROM invoices"), 1);
}
