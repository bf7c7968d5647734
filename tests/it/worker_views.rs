//! What a worker sees of a job: everything the client asked for, at the top of the page.

use crate::helpers::*;
use crate::order_helpers::*;

#[tokio::test]
async fn the_job_page_shows_the_ordered_options_the_notes_and_the_checklist_up_front() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    offer_to_worker(&w, id).await;

    let (_, page) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    let brief = text(&page, ".job-brief");
    for expected in ["Oven", "Ring twice", "Floors", "Kitchen", "1 Test St"] {
        assert!(brief.contains(expected), "{expected} missing from: {brief}");
    }
}

#[tokio::test]
async fn the_jobs_tile_counts_the_jobs_the_list_shows() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;
    w.worker
        .post_multipart(
            &format!("/worker/jobs/{id}/report"),
            report_form(&w, vec![]),
        )
        .await;
    assert_eq!(status_of(&app, id), "reported");

    let (_, home) = w.worker.get_html("/worker").await;
    let listed = home
        .select(&scraper::Selector::parse("a.order-card").unwrap())
        .count();
    assert_eq!(listed, 1);
    assert_eq!(
        first_attr(&home, "[data-kpi=upcoming_jobs]", "data-value").as_deref(),
        Some("1")
    );
}

#[tokio::test]
async fn a_job_starts_only_from_half_an_hour_before_its_time_and_reports_soon_after_ask_first() {
    let app = spawn_app_with(|s| {
        s.orders.start_window_minutes = 30;
        // The clock moves to the next day with the worker signed in.
        s.security.session_idle_minutes = 7 * 24 * 60;
    })
    .await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await; // tomorrow 10:00 Moscow: 07:00 UTC
    offer_to_worker(&w, id).await;
    let step = |what: &'static str| {
        let worker = &w.worker;
        async move {
            worker
                .post_form(&format!("/worker/jobs/{id}/{what}"), &[])
                .await
        }
    };
    step("accept").await;
    app.drain().await;
    step("kit").await;

    let early = step("start").await;
    let (_, page) = w.worker.get_html(&location(&early)).await;
    assert!(text(&page, ".flash.error").contains("too early"));
    assert_eq!(status_of(&app, id), "assigned");

    let slot = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 3, 7, 0, 0).unwrap();
    app.clock.set(slot - chrono::Duration::minutes(30));
    step("start").await;
    assert_eq!(status_of(&app, id), "in_progress");
    let (_, page) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    let until = first_attr(&page, "form[data-quick-until]", "data-quick-until").unwrap();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(&until).unwrap(),
        slot - chrono::Duration::minutes(15)
    );
}
