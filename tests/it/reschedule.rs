//! Moving an order to another time through HTTP: before assignment, keeping or losing the
//! worker, inside the cancellation window (the client's fee, the manager's none), refusals,
//! the history line, who is told, and the week a moved visit is invoiced.

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::billing::model::periods::{RunKind, period_containing};

use crate::billing_helpers::{finish_order, pass_cutoff};
use crate::helpers::*;
use crate::matching::{another_worker, make_available, offered_to};
use crate::order_helpers::*;

/// The local date `days` ahead, as the form's value.
fn day(app: &TestApp, days: i64) -> String {
    let local = app
        .clock_now()
        .with_timezone(&app.state.settings().time_zone)
        + Duration::days(days);
    local.date_naive().to_string()
}

fn scheduled_at(app: &TestApp, id: i64) -> String {
    let conn = app.state.pool.get().unwrap();
    conn.query_row("SELECT scheduled_at FROM orders WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

fn worker_of(app: &TestApp, id: i64) -> Option<i64> {
    let conn = app.state.pool.get().unwrap();
    conn.query_row("SELECT worker_id FROM orders WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

fn kinds_for(app: &TestApp, user_id: i64) -> Vec<String> {
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn
        .prepare("SELECT kind FROM notifications WHERE user_id = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([user_id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn moves(app: &TestApp, id: i64) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND action = 'reschedule'"
    ))
}

async fn move_order(
    who: &TestClient,
    area: &str,
    id: i64,
    date: &str,
    time: &str,
) -> reqwest::Response {
    who.post_form(
        &format!("/{area}/orders/{id}/reschedule"),
        &[("date", date), ("time", time)],
    )
    .await
}

/// An order `days` ahead at 10:00, offered to and accepted by the world's worker.
async fn assigned_order(app: &TestApp, w: &World, days: i64) -> i64 {
    let id = place_order_on(app, w, days, "10:00").await;
    offer_to_worker(w, id).await;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    assert_eq!(status_of(app, id), "assigned");
    id
}

#[tokio::test]
async fn before_assignment_an_order_moves_freely_and_is_offered_again_for_the_new_time() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = place_order_on(&app, &w, 2, "10:00").await;
    app.drain().await;
    assert_eq!(offered_to(&app, id), Some(w.worker_id));
    let before = scheduled_at(&app, id);

    let (status, page) = w.client.get_html(&format!("/client/orders/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(first_attr(&page, "a.move-link", "href").is_some());
    let res = move_order(&w.client, "client", id, &day(&app, 2), "15:00").await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_ne!(scheduled_at(&app, id), before);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_offers WHERE order_id = {id} AND status = 'withdrawn'"
        )),
        1,
        "the offer for the old time is withdrawn"
    );
    assert_eq!(offered_to(&app, id), Some(w.worker_id), "offered again");
    assert_eq!(status_of(&app, id), "offered");
    assert_eq!(moves(&app, id), 1);
    assert!(kinds_for(&app, w.client_id).contains(&"order_moved".to_string()));
    // Like the order's confirmation, the move's says when the new slot's reminder comes.
    let told: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT body FROM notifications WHERE user_id = ?1 AND kind = 'order_moved'",
            [w.client_id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(told.contains("We will remind you on"), "{told}");
}

#[tokio::test]
async fn an_assigned_worker_free_at_the_new_time_keeps_the_job_and_is_told() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = assigned_order(&app, &w, 3).await;

    let res = move_order(&w.client, "client", id, &day(&app, 3), "15:00").await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id), "assigned");
    assert_eq!(worker_of(&app, id), Some(w.worker_id));
    assert!(kinds_for(&app, w.worker_id).contains(&"job_moved".to_string()));
    assert!(kinds_for(&app, w.client_id).contains(&"order_moved".to_string()));
    let payload: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT payload FROM order_events WHERE order_id = ?1 AND action = 'reschedule'",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(payload["worker_kept"], true);
    assert_eq!(payload["fee_minor"], 0);
    assert!(payload["from"].is_string() && payload["to"].is_string());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'cancellation_fee'"),
        0
    );
}

#[tokio::test]
async fn a_worker_busy_at_the_new_time_loses_the_job_which_is_matched_to_another() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = assigned_order(&app, &w, 3).await;
    let busy = assigned_order(&app, &w, 4).await;
    let (_, second) = another_worker(&app).await;
    let managers_told_before =
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'order_moved_unplaced'");

    let res = move_order(&w.manager, "manage", id, &day(&app, 4), "11:00").await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(worker_of(&app, id), None);
    assert_eq!(
        offered_to(&app, id),
        Some(second),
        "matched again to another worker"
    );
    assert_eq!(
        worker_of(&app, busy),
        Some(w.worker_id),
        "the other job is untouched"
    );
    assert!(kinds_for(&app, w.worker_id).contains(&"job_moved_away".to_string()));
    assert!(kinds_for(&app, second).contains(&"offer_new".to_string()));
    assert!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'order_moved_unplaced'")
            > managers_told_before
    );
}

#[tokio::test]
async fn inside_the_window_the_client_sees_the_fee_and_is_charged_only_after_confirming() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    // Tomorrow 10:00 is less than 24 hours away.
    let id = assigned_order(&app, &w, 1).await;
    let total: i64 = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT total_minor FROM orders WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    let fee = (total * 10 + 50) / 100;
    let fees = "SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'cancellation_fee'";

    let (status, page) = w
        .client
        .get_html(&format!("/client/orders/{id}/reschedule"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.html().contains("confirm_fee"), "the fee is asked for");
    let unconfirmed = move_order(&w.client, "client", id, &day(&app, 1), "16:00").await;
    assert_eq!(unconfirmed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count(fees), 0);
    assert_eq!(moves(&app, id), 0);

    let res = w
        .client
        .post_form(
            &format!("/client/orders/{id}/reschedule"),
            &[
                ("date", &day(&app, 1)),
                ("time", "16:00"),
                ("confirm_fee", "1"),
            ],
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(moves(&app, id), 1);
    assert_eq!(app.count(fees), 1);
    let charged = app.count(&format!(
        "SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE t.kind = 'cancellation_fee' AND e.account = 'client:{}'",
        w.client_id
    ));
    assert_eq!(charged, fee);
    assert_eq!(
        app.count("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries"),
        0,
        "the ledger balances"
    );
}

#[tokio::test]
async fn a_managers_move_inside_the_window_costs_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = assigned_order(&app, &w, 1).await;

    let res = move_order(&w.manager, "manage", id, &day(&app, 1), "16:00").await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(moves(&app, id), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'cancellation_fee'"),
        0
    );
}

#[tokio::test]
async fn bad_times_and_moves_not_allowed_change_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = place_order_on(&app, &w, 2, "10:00").await;
    let before = scheduled_at(&app, id);
    let date = day(&app, 2);

    for (d, t) in [
        ("tomorrow", "10:00"),
        (date.as_str(), "10:07"),
        (date.as_str(), "06:00"),
    ] {
        let res = move_order(&w.client, "client", id, d, t).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{d} {t}");
    }
    let same = move_order(&w.client, "client", id, &date, "10:00").await;
    assert_eq!(same.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(same.text().await.unwrap().contains("current time"));
    let (other, _) = app.login_as("client").await;
    let res = move_order(&other, "client", id, &date, "15:00").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = move_order(&w.worker, "client", id, &date, "15:00").await;
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_eq!(scheduled_at(&app, id), before);
    assert_eq!(moves(&app, id), 0);

    let started = place_order_on(&app, &w, 1, "15:00").await;
    start_job(&app, &w, started).await;
    let before = scheduled_at(&app, started);
    let res = move_order(&w.client, "client", started, &date, "15:00").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = w
        .client
        .get_html(&format!("/client/orders/{started}"))
        .await;
    assert!(page.html().contains("can no longer be moved"));
    assert!(first_attr(&page, "a.move-link", "href").is_none());
    assert_eq!(scheduled_at(&app, started), before);
    assert_eq!(status_of(&app, started), "in_progress");
}

#[tokio::test]
async fn the_history_says_from_when_to_when_in_both_languages() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order_on(&app, &w, 2, "10:00").await;
    move_order(&w.manager, "manage", id, &day(&app, 2), "15:00").await;

    let (_, page) = w.client.get_html(&format!("/client/orders/{id}")).await;
    let timeline = text(&page, ".timeline");
    assert!(timeline.contains("Moved from"), "{timeline}");
    assert!(
        timeline.contains("10:00") && timeline.contains("15:00"),
        "{timeline}"
    );
    let (_, staff) = w.manager.get_html(&format!("/manage/orders/{id}")).await;
    assert!(text(&staff, ".timeline").contains("Moved from"));

    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE id = ?1",
            [w.client_id],
        )
    });
    let (_, page) = w.client.get_html(&format!("/client/orders/{id}")).await;
    let timeline = text(&page, ".timeline");
    assert!(timeline.contains("Перенесён с"), "{timeline}");
    assert!(timeline.contains("15:00"), "{timeline}");
}

#[tokio::test]
async fn a_moved_visit_is_invoiced_in_the_week_it_happens() {
    let app = spawn_app_with(|s| s.security.session_idle_minutes = 60 * 24 * 60).await;
    let w = world(&app).await;
    let tz = app.state.settings().time_zone;
    let id = place_order_on(&app, &w, 1, "10:00").await;
    let res = move_order(&w.manager, "manage", id, &day(&app, 8), "10:00").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let visit_week = period_containing(RunKind::Weekly, tz, app.clock_now() + Duration::days(8));

    let first = pass_cutoff(&app, RunKind::Weekly).await;
    assert_ne!(first.label(), visit_week.label());
    assert_eq!(
        app.count(&format!(
            "SELECT COALESCE(SUM(total_minor), 0) FROM invoices WHERE client_id = {}",
            w.client_id
        )),
        0,
        "nothing to invoice the week it was booked for"
    );
    // The week's run happens on Sunday evening; the visit is on Tuesday morning.
    app.clock
        .set(app.clock_now() + Duration::hours(36) + Duration::minutes(30));
    finish_order(&app, &w, id).await;
    let second = pass_cutoff(&app, RunKind::Weekly).await;

    assert_eq!(second.label(), visit_week.label());
    let conn = app.state.pool.get().unwrap();
    let (period, total): (String, i64) = conn
        .query_row(
            "SELECT period, total_minor FROM invoices WHERE client_id = ?1 AND total_minor > 0",
            [w.client_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let price: i64 = conn
        .query_row("SELECT total_minor FROM orders WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(period, visit_week.label());
    assert_eq!(total, price, "a move keeps the price");
}
