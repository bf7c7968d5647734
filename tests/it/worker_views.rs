//! What a worker sees of a job: everything the client asked for, at the top of the page.

use crate::helpers::*;
use crate::order_helpers::*;

#[tokio::test]
async fn the_job_page_shows_the_ordered_options_the_notes_and_the_checklist_up_front() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    w.manager
        .post_form(
            &format!("/manage/orders/{id}/offer"),
            &[("worker", &w.worker_id.to_string())],
        )
        .await;

    let (_, page) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    let brief = text(&page, ".job-brief");
    for expected in ["Oven", "Ring twice", "Floors", "Kitchen", "1 Test St"] {
        assert!(brief.contains(expected), "{expected} missing from: {brief}");
    }
}
