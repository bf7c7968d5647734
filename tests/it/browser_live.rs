//! Live updates in Chromium: the client's order page changes its status by itself when the
//! worker accepts, on a phone and on a desktop.
#![cfg(feature = "browser")]

use crate::browser::*;
use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::flash;

#[tokio::test]
async fn the_order_page_shows_the_new_status_without_a_reload() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let email = email_of(&app, w.client_id);
    let driver = start_chromedriver();

    for (width, height, shot) in [
        (360, 740, "live-order-phone"),
        (1280, 900, "live-order-desktop"),
    ] {
        let id = place_order(&app, &w).await;
        let offered = offer_to_worker(&w, id).await;
        assert_eq!(flash(&offered), "success:flash-offer-sent");
        let browser = browser(&driver, width, height).await;
        log_in_with(&browser, &app.base, &email, PASSWORD).await;
        visit(&browser, &format!("{}/client/orders/{id}", app.base)).await;
        wait_for(&browser, "#order-live .status-badge.offered").await;
        // Mark the page: a reload would lose this.
        browser
            .execute("window.notReloaded = true;", vec![])
            .await
            .unwrap();

        w.worker
            .post_form(&format!("/worker/jobs/{id}/accept"), &[])
            .await;

        wait_for(&browser, "#order-live .status-badge.assigned").await;
        let same_page = browser
            .execute("return window.notReloaded === true;", vec![])
            .await
            .unwrap();
        assert_eq!(same_page, serde_json::json!(true), "updated in place");
        save_screenshot(&browser, shot).await;
        browser.close().await.unwrap();
        // Free the worker's day for the next run.
        w.client
            .post_form(
                &format!("/client/orders/{id}/cancel"),
                &[("reason", "Plans changed")],
            )
            .await;
    }
}
