//! The worker's history (`/worker/history`): every job in every status, the ones they
//! withdrew from too, filtered, on the phone-first card list.

use reqwest::StatusCode;

use crate::billing_helpers::complete_order;
use crate::helpers::*;
use crate::matching::make_available;
use crate::order_helpers::*;
use crate::quality::disputed_order;

fn cards(html: &scraper::Html) -> Vec<String> {
    let sel = scraper::Selector::parse(".order-cards .order-card").unwrap();
    html.select(&sel).map(|c| c.text().collect()).collect()
}

async fn accepted(app: &TestApp, w: &World, days: i64, time: &str) -> i64 {
    let id = place_order_on(app, w, days, time).await;
    offer_to_worker(w, id).await;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    id
}

#[tokio::test]
async fn the_history_keeps_every_job_and_filters_by_what_became_of_it() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let completed = complete_order(&app, &w, "08:00").await;
    let disputed = disputed_order(&app, &w, "12:00").await;
    let cancelled = accepted(&app, &w, 1, "16:00").await;
    w.manager
        .post_form(
            &format!("/manage/orders/{cancelled}/cancel"),
            &[("reason", "Client moved")],
        )
        .await;
    let withdrawn = accepted(&app, &w, 2, "10:00").await;
    w.worker
        .post_form(
            &format!("/worker/jobs/{withdrawn}/cancel"),
            &[("reason", "Exam that day")],
        )
        .await;
    let upcoming = accepted(&app, &w, 2, "14:00").await;
    assert_eq!(status_of(&app, cancelled), "cancelled");
    assert_eq!(status_of(&app, withdrawn), "new");

    let (status, all) = w.worker.get_html("/worker/history").await;
    assert_eq!(status, StatusCode::OK);
    let all = cards(&all);
    assert_eq!(all.len(), 5, "{all:?}");
    for id in [completed, disputed, cancelled, withdrawn, upcoming] {
        assert!(
            all.iter().any(|c| c.contains(&format!("#{id}"))),
            "#{id} listed"
        );
    }

    for (filter, id) in [
        ("completed", completed),
        ("disputed", disputed),
        ("cancelled", cancelled),
        ("withdrawn", withdrawn),
        ("upcoming", upcoming),
    ] {
        let (_, page) = w
            .worker
            .get_html(&format!("/worker/history?status={filter}"))
            .await;
        let lines = cards(&page);
        assert_eq!(lines.len(), 1, "{filter}: {lines:?}");
        assert!(lines[0].contains(&format!("#{id}")), "{filter}");
    }
    let (_, page) = w.worker.get_html("/worker/history?status=withdrawn").await;
    assert!(text(&page, ".order-card").contains("You withdrew"));
    assert!(
        first_attr(&page, "a.order-card", "href").is_none(),
        "a job given up is not linked"
    );
    let (other, _) = app.login_as("worker").await;
    let (_, empty) = other.get_html("/worker/history").await;
    assert!(cards(&empty).is_empty(), "nobody else's jobs");
}
