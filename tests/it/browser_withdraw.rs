//! A worker backs out of an accepted job on a 360-px phone: the job page's link, the form
//! with its reason, and the home page afterwards.
#![cfg(feature = "browser")]

use crate::browser::*;
use crate::helpers::*;
use crate::matching::make_available;
use crate::order_helpers::*;

#[tokio::test]
async fn a_worker_withdraws_from_an_accepted_job_on_a_phone() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let id = place_order(&app, &w).await;
    offer_to_worker(&w, id).await;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    let driver = start_chromedriver();

    let phone = browser(&driver, 360, 740).await;
    log_in_with(&phone, &app.base, &email_of(&app, w.worker_id), PASSWORD).await;
    visit(&phone, &format!("{}/worker/jobs/{id}", app.base)).await;
    click(&phone, ".withdraw-link a").await;
    wait_for(&phone, "textarea[name=reason]").await;
    assert_accessible(&phone).await;
    fill(
        &phone,
        "textarea[name=reason]",
        "My cat is ill, I cannot come",
    )
    .await;
    save_screenshot(&phone, "worker-withdraw-form").await;
    click(
        &phone,
        &format!("form[action='/worker/jobs/{id}/cancel'] button"),
    )
    .await;
    wait_for(&phone, ".flash.success").await;
    save_screenshot(&phone, "worker-withdrawn").await;
    // The job stays in the worker's history, marked as given up; the board has nothing
    // for them (they withdrew from the only open order).
    visit(
        &phone,
        &format!("{}/worker/history?status=withdrawn", app.base),
    )
    .await;
    wait_for(&phone, ".order-card .badge.withdrawn").await;
    save_screenshot(&phone, "worker-history-withdrawn").await;
    visit(&phone, &format!("{}/worker/board", app.base)).await;
    save_screenshot(&phone, "worker-board-empty").await;

    assert_eq!(status_of(&app, id), "new");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND action = 'withdraw'
               AND reason = 'My cat is ill, I cannot come'"
        )),
        1
    );
}
