//! A worker backing out of an accepted job (`/worker/jobs/{id}/cancel`): a reason, back to
//! matching without them, the pack kept, the client and quality control told when late, and
//! no way out once the kit is in hand.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::matching::{make_available, offered_to};
use crate::order_helpers::*;

/// The world's worker accepts the order (offered by a manager); returns the order id.
async fn accepted_job(app: &TestApp, w: &World) -> i64 {
    make_available(app, w.worker_id);
    let id = place_order(app, w).await;
    offer_to_worker(w, id).await;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    assert_eq!(status_of(app, id), "assigned");
    id
}

fn notified(app: &TestApp, user_id: i64, kind: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE user_id = {user_id} AND kind = '{kind}'"
    ))
}

#[tokio::test]
async fn a_worker_withdraws_with_a_reason_and_matching_gives_the_job_to_someone_else() {
    // Not late: only slots within the next hour count as at risk here.
    let app = spawn_app_with(|s| s.orders.withdraw_late_hours = 1).await;
    let w = world(&app).await;
    let id = accepted_job(&app, &w).await;
    let (_, second) = crate::matching::another_worker(&app).await;
    let (_, page) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert!(
        first_attr(&page, ".withdraw-link a", "href").is_some_and(|h| h.ends_with("/cancel")),
        "the job page leads to the withdrawal form"
    );

    let (status, form) = w
        .worker
        .get_html(&format!("/worker/jobs/{id}/cancel"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&form, "form label").contains("Why"));
    let no_reason = w
        .worker
        .post_form(&format!("/worker/jobs/{id}/cancel"), &[("reason", "  ")])
        .await;
    assert_eq!(location(&no_reason), format!("/worker/jobs/{id}/cancel"));
    assert_eq!(status_of(&app, id), "assigned", "no reason, no change");

    let res = w
        .worker
        .post_form(
            &format!("/worker/jobs/{id}/cancel"),
            &[("reason", "Sick today")],
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/worker");
    assert_eq!(status_of(&app, id), "new");
    let (reason, payload): (String, String) = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT reason, payload FROM order_events WHERE order_id = ?1 AND action = 'withdraw'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(reason, "Sick today");
    assert!(payload.contains(&format!("\"worker_id\":{}", w.worker_id)));
    assert!(
        notified(&app, w.client_id, "order_at_risk") == 0,
        "the slot is not at risk"
    );
    assert!(app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'job_withdrawn'") >= 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM qc_reviews"), 0);
    // The worker no longer sees the job.
    let (gone, _) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert_eq!(gone, StatusCode::NOT_FOUND);

    app.drain().await;
    assert_eq!(
        offered_to(&app, id),
        Some(second),
        "matching leaves the withdrawn worker out"
    );
    let again = offer_to_worker(&w, id).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        offered_to(&app, id),
        Some(second),
        "a manager cannot give it back either"
    );
}

#[tokio::test]
async fn a_late_withdrawal_tells_the_client_and_opens_a_quality_review() {
    let app = spawn_app_with(|s| s.orders.withdraw_late_hours = 14 * 24).await;
    let w = world(&app).await;
    let id = accepted_job(&app, &w).await;
    let (_, form) = w
        .worker
        .get_html(&format!("/worker/jobs/{id}/cancel"))
        .await;
    assert!(text(&form, ".flash.error").contains("client will be told"));

    w.worker
        .post_form(
            &format!("/worker/jobs/{id}/cancel"),
            &[("reason", "Car broke down")],
        )
        .await;

    assert_eq!(status_of(&app, id), "new");
    assert_eq!(notified(&app, w.client_id, "order_at_risk"), 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM qc_reviews WHERE order_id = {id} AND reason = 'withdrawn' AND worker_id = {}",
            w.worker_id
        )),
        1
    );
    let (_, queue) = w.manager.get_html("/manage/qc?reason=withdrawn").await;
    assert!(text(&queue, "main").contains("Late withdrawal"));
}

#[tokio::test]
async fn once_the_kit_is_handed_over_only_a_manager_can_move_the_job_and_the_pack_follows() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = accepted_job(&app, &w).await;
    app.drain().await;
    let packed = pack_of(&app, id).1;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/kit"), &[])
        .await;

    let res = w
        .worker
        .post_form(
            &format!("/worker/jobs/{id}/cancel"),
            &[("reason", "Changed my mind")],
        )
        .await;
    assert_eq!(location(&res), "/worker");
    assert_eq!(
        status_of(&app, id),
        "assigned",
        "refused after the handover"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM order_events WHERE action = 'withdraw'"),
        0
    );
    let (_, page) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert!(first_attr(&page, ".withdraw-link a", "href").is_none());

    let (_, second) = crate::matching::another_worker(&app).await;
    let res = w
        .manager
        .post_form(
            &format!("/manage/orders/{id}/assign"),
            &[("worker", &second.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let pack_after = pack_of(&app, id);
    assert_eq!(
        pack_after.0, second,
        "the pack follows the order to the new worker"
    );
    assert_eq!(pack_after.1, packed, "and keeps its state");
}

#[tokio::test]
async fn a_withdrawal_keeps_the_packed_kit_for_the_next_worker() {
    let app = spawn_app_with(|s| s.orders.withdraw_late_hours = 0).await;
    let w = world(&app).await;
    let id = accepted_job(&app, &w).await;
    app.drain().await;
    let (status_before, movements_before) = (
        pack_of(&app, id).1,
        app.count("SELECT COUNT(*) FROM stock_movements"),
    );
    let (second_client, second) = crate::matching::another_worker(&app).await;

    w.worker
        .post_form(
            &format!("/worker/jobs/{id}/cancel"),
            &[("reason", "Double booked")],
        )
        .await;
    app.drain().await;
    second_client
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;

    assert_eq!(status_of(&app, id), "assigned");
    assert_eq!(pack_of(&app, id), (second, status_before));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM stock_movements"),
        movements_before,
        "nothing returned or packed twice"
    );
}

fn pack_of(app: &TestApp, order_id: i64) -> (i64, String) {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT worker_id, status FROM packs WHERE order_id = ?1",
            [order_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// The timeline's lines on an order page, as text.
fn timeline(page: &scraper::Html) -> Vec<String> {
    let li = scraper::Selector::parse("ol.timeline li").unwrap();
    page.select(&li)
        .map(|l| l.text().collect::<String>())
        .collect()
}

#[tokio::test]
async fn the_client_reads_only_that_another_worker_is_being_found_and_staff_read_why() {
    let app = spawn_app_with(|s| s.orders.withdraw_late_hours = 1).await;
    let w = world(&app).await;
    let id = accepted_job(&app, &w).await;

    w.worker
        .post_form(
            &format!("/worker/jobs/{id}/cancel"),
            &[("reason", "My cat is sick, I have to take her to the vet")],
        )
        .await;

    let (status, page) = w.client.get_html(&format!("/client/orders/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let lines = timeline(&page);
    let withdrawal = lines
        .iter()
        .find(|l| l.contains("another worker is being found"))
        .unwrap_or_else(|| panic!("the client reads the withdrawal: {lines:#?}"));
    assert!(!withdrawal.contains("Test worker"), "{withdrawal}");
    assert!(
        !text(&page, "main").contains("My cat is sick"),
        "the worker's reason is not the client's to read: {lines:#?}"
    );

    let (_, staff) = w.manager.get_html(&format!("/manage/orders/{id}")).await;
    let lines = timeline(&staff);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Worker withdrew") && l.contains("My cat is sick")),
        "staff read who withdrew and why: {lines:#?}"
    );
}
