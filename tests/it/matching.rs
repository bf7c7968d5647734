//! Automatic matching through HTTP and the drain helper: offers, accept, decline and
//! expiry cascades, giving up, restarts, races and switching strategies.

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::matching::store::availability;

use crate::helpers::*;
use crate::order_helpers::*;

/// Makes a worker eligible for the test service every day, all day.
pub fn make_available(app: &TestApp, worker_id: i64) {
    app.write(|tx| {
        availability::set_on_duty(tx, worker_id, true)?;
        availability::set_skills(tx, worker_id, &["cleaning".to_string()])?;
        availability::set_hours(
            tx,
            worker_id,
            &(1..=7).map(|d| (d, 0, 1440)).collect::<Vec<_>>(),
        )
    });
}

/// A second eligible worker, logged in.
pub async fn another_worker(app: &TestApp) -> (TestClient, i64) {
    let (client, id) = app.login_as("worker").await;
    make_available(app, id);
    (client, id)
}

pub fn offered_to(app: &TestApp, order_id: i64) -> Option<i64> {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT worker_id FROM order_offers WHERE order_id = ?1 AND status = 'open'",
            [order_id],
            |r| r.get(0),
        )
        .ok()
}

#[tokio::test]
async fn a_new_order_is_offered_to_an_eligible_worker_who_accepts() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let (_, off_duty) = app.login_as("worker").await;
    let id = place_order(&app, &w).await;

    let report = app.drain().await;

    assert_eq!(report.matching.offered, 1);
    assert_eq!(
        offered_to(&app, id),
        Some(w.worker_id),
        "the off-duty worker {off_duty} is not chosen"
    );
    let (_, home) = w.worker.get_html("/worker").await;
    assert!(text(&home, ".offer").contains("Deep cleaning"));
    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    assert_eq!(status_of(&app, id), "assigned");
    assert!(app.count("SELECT COUNT(*) FROM matching_decisions") >= 1);
}

#[tokio::test]
async fn a_decline_passes_the_order_to_the_next_worker() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let (second, second_id) = another_worker(&app).await;
    let id = place_order(&app, &w).await;
    app.drain().await;
    let first = offered_to(&app, id).unwrap();
    let first_client = if first == w.worker_id {
        &w.worker
    } else {
        &second
    };

    first_client
        .post_form(&format!("/worker/jobs/{id}/decline"), &[])
        .await;
    app.drain().await;

    let next = offered_to(&app, id).unwrap();
    assert_ne!(next, first, "declined workers are not asked again");
    assert!([w.worker_id, second_id].contains(&next));
}

#[tokio::test]
async fn an_expired_offer_moves_on_and_a_late_accept_is_refused() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let (second, _) = another_worker(&app).await;
    let id = place_order(&app, &w).await;
    app.drain().await;
    let first = offered_to(&app, id).unwrap();
    let first_client = if first == w.worker_id {
        &w.worker
    } else {
        &second
    };

    app.clock.advance(Duration::minutes(31));
    let report = app.drain().await;

    assert_eq!(report.matching.expired, 1);
    assert_ne!(offered_to(&app, id).unwrap(), first);
    let late = first_client
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    assert_eq!(
        late.status(),
        StatusCode::NOT_FOUND,
        "the order is no longer theirs to see"
    );
    assert_eq!(status_of(&app, id), "offered");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {first} AND kind = 'offer_expired'"
        )),
        1
    );
}

#[tokio::test]
async fn an_accept_after_the_deadline_but_before_the_sweep_is_refused_with_a_reason() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = place_order(&app, &w).await;
    app.drain().await;

    app.clock.advance(Duration::minutes(31));
    let res = w
        .worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;

    let (_, page) = w.worker.get_html(&location(&res)).await;
    assert!(text(&page, ".flash.error").contains("expired"));
    assert_eq!(status_of(&app, id), "offered");
}

#[tokio::test]
async fn after_the_last_attempt_the_order_is_unassigned_and_managers_are_told() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = place_order(&app, &w).await;
    app.drain().await;
    assert_eq!(offered_to(&app, id), Some(w.worker_id));

    // The only eligible worker lets it expire: nobody is left.
    app.clock.advance(Duration::minutes(31));
    let report = app.drain().await;

    assert_eq!(report.matching.unassigned, 1);
    assert_eq!(status_of(&app, id), "unassigned");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'order_unassigned'"),
        1
    );
    let (_, page) = w.manager.get_html(&format!("/manage/orders/{id}")).await;
    assert!(
        text(&page, "main").contains("already declined or let it expire"),
        "the manager sees why"
    );

    // A re-run starts a fresh round once someone becomes available.
    let (_, third) = another_worker(&app).await;
    w.manager
        .post_form(&format!("/manage/orders/{id}/rerun"), &[])
        .await;
    assert_eq!(offered_to(&app, id), Some(third));
}

#[tokio::test]
async fn the_cascade_gives_up_after_the_configured_attempts() {
    let app = spawn_app().await;
    let w = world(&app).await;
    for _ in 0..6 {
        another_worker(&app).await;
    }
    let id = place_order(&app, &w).await;
    for _ in 0..5 {
        app.drain().await;
        assert!(offered_to(&app, id).is_some());
        app.clock.advance(Duration::minutes(31));
    }
    app.drain().await;

    assert_eq!(status_of(&app, id), "unassigned", "five offers, then stop");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_offers WHERE order_id = {id}"
        )),
        5
    );
}

#[tokio::test]
async fn an_open_offer_survives_a_restart_and_still_expires() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let (_, second) = another_worker(&app).await;
    let id = place_order(&app, &w).await;
    app.drain().await;
    let first = offered_to(&app, id).unwrap();

    // A new process on the same data folder: nothing is kept in memory.
    let restarted = restart(&app).await;
    restarted
        .clock
        .set(app.clock.now_utc() + Duration::minutes(31));
    whiskerworks::jobs::drain(&restarted.runner).unwrap();

    let next = offered_to(&app, id).unwrap();
    assert_ne!(next, first);
    assert!([w.worker_id, second].contains(&next));
}

#[tokio::test]
async fn two_accepts_at_once_give_one_assignment() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = place_order(&app, &w).await;
    app.drain().await;
    let path = format!("/worker/jobs/{id}/accept");

    let (a, b) = tokio::join!(
        w.worker.post_form(&path, &[]),
        w.worker.post_form(&path, &[])
    );

    assert_eq!(
        (a.status(), b.status()),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER)
    );
    assert_eq!(status_of(&app, id), "assigned");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND action = 'accept_offer'"
        )),
        1
    );
}

#[tokio::test]
async fn two_offers_racing_for_one_workers_slot_end_with_one_job() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let first = place_order(&app, &w).await;
    let second = place_order(&app, &w).await; // the same slot
    let worker = w.worker_id.to_string();
    for id in [first, second] {
        w.manager
            .post_form(
                &format!("/manage/orders/{id}/offer"),
                &[("worker", &worker)],
            )
            .await;
    }

    let (path_a, path_b) = (
        format!("/worker/jobs/{first}/accept"),
        format!("/worker/jobs/{second}/accept"),
    );
    let (a, b) = tokio::join!(
        w.worker.post_form(&path_a, &[]),
        w.worker.post_form(&path_b, &[])
    );

    assert_eq!(
        (a.status(), b.status()),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER)
    );
    let statuses = [status_of(&app, first), status_of(&app, second)];
    assert_eq!(
        statuses.iter().filter(|s| *s == "assigned").count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| *s == "offered").count(),
        1,
        "the other order is not lost"
    );
    assert!(
        whiskerworks::ops::check::check(app.dir.path())
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn an_order_nobody_takes_tells_its_client_what_next_and_joins_the_managers_unplaced_queue() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = place_order(&app, &w).await;
    app.drain().await;
    app.clock.advance(Duration::minutes(31));
    app.drain().await;
    assert_eq!(status_of(&app, id), "unassigned");

    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'order_not_placed' AND user_id = {}",
            w.client_id
        )),
        1,
        "the client is told"
    );
    let (_, page) = w.client.get_html(&format!("/client/orders/{id}")).await;
    let box_text = text(&page, ".not-placed");
    assert!(box_text.contains("manager will call you"), "{box_text}");
    assert!(first_attr(&page, ".not-placed a[href*='/cancel']", "href").is_some());

    let (_, dashboard) = w.manager.get_html("/manage").await;
    let queue = text(&dashboard, "#unplaced");
    assert!(queue.contains(&format!("#{id}")), "{queue}");
    assert!(queue.contains("matching found nobody"), "{queue}");
    let (_, all) = w.manager.get_html("/manage/unplaced").await;
    assert!(text(&all, "#unplaced").contains(&format!("#{id}")));
}
