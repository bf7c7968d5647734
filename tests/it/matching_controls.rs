//! Matching's controls: switching strategies (audited), the admin-only pages, and the
//! worker's availability page.

use reqwest::StatusCode;
use whiskerworks::matching::store::availability;

use crate::helpers::*;
use crate::matching::{another_worker, make_available, offered_to};
use crate::order_helpers::*;

#[tokio::test]
async fn switching_the_strategy_changes_the_next_decision_and_is_audited() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let (_, other) = another_worker(&app).await;
    let (admin, _) = app.login_as("admin").await;
    // The other worker has the day's load, so the score strategy must prefer ours.
    app.write(|tx| tx.execute("INSERT INTO client_worker_preferences (client_id, worker_id, kind) VALUES (?1, ?2, 'favourite')", [w.client_id, other]));
    let id = place_order(&app, &w).await;
    app.drain().await;
    assert_eq!(
        offered_to(&app, id),
        Some(other),
        "random: the client's favourite first"
    );
    let strategy: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT strategy FROM matching_decisions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(strategy, "random");

    let res = admin
        .post_form(
            "/admin/matching/settings",
            &[
                ("strategy", "score"),
                ("enabled", "1"),
                ("max_attempts", "5"),
                ("daily_limit", "4"),
                ("travel_buffer_minutes", "30"),
                ("weight_rating", "10"),
                ("weight_qc", "0"),
                ("weight_load", "5"),
                ("weight_favourite", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'matching.settings'"),
        1
    );

    let second = place_order(&app, &w).await;
    // Our worker is rated 5, the favourite unrated: with favourites weighing nothing, score picks ours.
    app.write(|conn| {
        conn.execute_batch(&format!(
            "UPDATE orders SET worker_id = {} WHERE id = {id};
             INSERT INTO worker_ratings (worker_id, rating_sum, rating_count) VALUES ({}, 10, 2);",
            w.worker_id, w.worker_id
        ))?;
        conn.execute(
            "UPDATE order_offers SET status = 'withdrawn' WHERE order_id = ?1",
            [id],
        )
    });
    app.drain().await;
    assert_eq!(offered_to(&app, second), Some(w.worker_id));
    let latest: (String, String) = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT strategy, strategy_version FROM matching_decisions ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(latest, ("score".to_string(), "1/settings-2".to_string()));
}

#[tokio::test]
async fn matching_settings_and_decisions_are_for_admins_only() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    let (admin, _) = app.login_as("admin").await;

    assert_eq!(
        manager.get("/admin/matching").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(admin.get("/admin/matching").await.status(), StatusCode::OK);
    let bad = admin
        .post_form(
            "/admin/matching/settings",
            &[("strategy", "psychic"), ("max_attempts", "5")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count("SELECT version FROM matching_settings"),
        1,
        "nothing changed"
    );
}

#[tokio::test]
async fn a_worker_manages_their_availability_from_the_phone() {
    let app = spawn_app().await;
    let (worker, id) = app.login_as("worker").await;

    worker
        .post_form("/worker/availability/duty", &[("on", "1")])
        .await;
    worker
        .post_form(
            "/worker/availability/hours",
            &[("day1", "on"), ("start1", "09:00"), ("end1", "17:00")],
        )
        .await;
    worker
        .post_form("/worker/availability/days-off", &[("day", "2026-03-10")])
        .await;
    let bad = worker
        .post_form(
            "/worker/availability/hours",
            &[("day2", "on"), ("start2", "18:00"), ("end2", "09:00")],
        )
        .await;

    let a = availability::availability(&app.state.pool.get().unwrap(), id).unwrap();
    assert!(a.on_duty);
    assert_eq!(
        a.hours,
        vec![(1, 540, 1020)],
        "the bad form changed nothing"
    );
    assert_eq!(a.days_off.len(), 1);
    assert!(location(&bad).starts_with("/worker/availability"));
}
