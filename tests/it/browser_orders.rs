//! The whole order flow in Chromium: the client orders and signs on a desktop, the manager
//! offers, the worker works through the job on a 360-px phone.
#![cfg(feature = "browser")]

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};

use crate::browser::*;
use crate::helpers::*;
use crate::order_helpers::{PNG, status_of};

#[tokio::test]
async fn an_order_is_placed_worked_and_signed_in_chromium() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let service_id = app.count("SELECT id FROM services WHERE code = 'deep-clean'");
    let driver = start_chromedriver();

    // Client (desktop): place an order for tomorrow 10:00 at the default address.
    let client = browser(&driver, 1280, 900).await;
    log_in(&client, &app.base, "client@example.com").await;
    wait_for(&client, ".nav-links").await;
    visit(
        &client,
        &format!("{}/client/orders/new?service={service_id}", app.base),
    )
    .await;
    click(&client, "input[name=option]").await;
    wait_for(&client, "#quote tfoot").await;
    click(&client, "form.order-form button[type=submit]").await;
    wait_for(&client, ".flash.success").await;
    let order_id = app.count("SELECT MAX(id) FROM orders");
    save_screenshot(&client, "client-order-page").await;

    // Manager (desktop): offer it to the demo worker.
    let manager = browser(&driver, 1280, 900).await;
    log_in(&manager, &app.base, "manager@example.com").await;
    wait_for(&manager, ".nav-links").await;
    visit(&manager, &format!("{}/manage/orders/{order_id}", app.base)).await;
    click(&manager, "form[action$='/offer'] button[type=submit]").await;
    wait_for(&manager, ".timeline li:nth-child(2)").await;
    assert_eq!(status_of(&app, order_id), "offered");
    save_screenshot(&manager, "manager-order-page").await;
    visit(&manager, &format!("{}/manage/orders", app.base)).await;
    manager
        .wait()
        .for_element(Locator::Css("table.dense"))
        .await
        .unwrap();
    save_screenshot(&manager, "manager-orders-table").await;

    // Worker (phone): accept, confirm the kit, start, report with a photo.
    let worker = browser(&driver, 360, 740).await;
    log_in(&worker, &app.base, "worker@example.com").await;
    wait_for(&worker, ".offer").await;
    click(
        &worker,
        &format!("form[action='/worker/jobs/{order_id}/accept'] button"),
    )
    .await;
    wait_for(&worker, ".kit").await;
    // The brief at the top says what the client ordered (the option chosen above).
    wait_for(&worker, ".job-brief .job-options li").await;
    save_screenshot(&worker, "worker-job-brief-phone").await;
    // The packing job packs the kit; the page then shows where to collect it.
    app.drain().await;
    worker.refresh().await.unwrap();
    wait_for(&worker, ".kit .cookie").await;
    click(
        &worker,
        &format!("form[action='/worker/jobs/{order_id}/kit'] button"),
    )
    .await;
    let start = format!("form[action='/worker/jobs/{order_id}/start'] button");
    wait_for(&worker, &start).await;
    click(&worker, &start).await;
    wait_for(&worker, "textarea[name=note]").await;
    for checkbox in worker
        .find_all(Locator::Css("input[name=checked]"))
        .await
        .unwrap()
    {
        checkbox.click().await.unwrap();
    }
    worker
        .find(Locator::Css("textarea[name=note]"))
        .await
        .unwrap()
        .send_keys("Everything sparkles")
        .await
        .unwrap();
    // A file that is not a picture is refused: what was typed stays, the reason is beside
    // the file input, and no token shows in the address bar.
    let not_a_photo = screenshot_path("not-a-photo").with_extension("png");
    std::fs::write(&not_a_photo, b"plain text, not a picture").unwrap();
    worker
        .find(Locator::Css("input[type=file]"))
        .await
        .unwrap()
        .send_keys(not_a_photo.to_str().unwrap())
        .await
        .unwrap();
    click(
        &worker,
        "form[enctype='multipart/form-data'] button[type=submit]",
    )
    .await;
    wait_for(&worker, "#files-error").await;
    let kept = worker
        .execute(
            "return [document.querySelector('#report textarea').value,
                     document.querySelectorAll('#report input[name=checked]:checked').length,
                     location.search];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, serde_json::json!(["Everything sparkles", 3, ""]));
    // The page opens at the problem.
    let in_view = worker
        .execute(
            "const r = document.getElementById('files-error').getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(in_view, serde_json::json!(true));
    save_screenshot(&worker, "worker-report-refused-file").await;
    let desk = browser(&driver, 1280, 900).await;
    log_in(&desk, &app.base, "worker@example.com").await;
    visit(&desk, &format!("{}/worker/jobs/{order_id}", app.base)).await;
    fill(
        &desk,
        "#report textarea[name=note]",
        "From the office computer",
    )
    .await;
    desk.find(Locator::Css("input[type=file]"))
        .await
        .unwrap()
        .send_keys(not_a_photo.to_str().unwrap())
        .await
        .unwrap();
    click(&desk, "#report button[type=submit]").await;
    wait_for(&desk, "#files-error").await;
    save_screenshot(&desk, "worker-report-refused-file-desktop").await;
    desk.close().await.unwrap();
    let photo = screenshot_path("upload-photo");
    std::fs::write(&photo, PNG).unwrap();
    worker
        .find(Locator::Css("input[type=file]"))
        .await
        .unwrap()
        .send_keys(photo.to_str().unwrap())
        .await
        .unwrap();
    save_screenshot(&worker, "worker-job-page").await;
    click(
        &worker,
        "form[enctype='multipart/form-data'] button[type=submit]",
    )
    .await;
    wait_for(&worker, ".report").await;
    assert_eq!(status_of(&app, order_id), "reported");

    // Client: the open orders tab lists the order waiting for a signature.
    visit(&client, &format!("{}/client", app.base)).await;
    wait_for(&client, ".order-card").await;
    save_screenshot(&client, "client-orders-open").await;
    let phone = browser(&driver, 360, 740).await;
    log_in(&phone, &app.base, "client@example.com").await;
    visit(&phone, &format!("{}/client?tab=to_sign", app.base)).await;
    wait_for(&phone, ".order-card").await;
    save_screenshot(&phone, "client-orders-to-sign-phone").await;
    phone.close().await.unwrap();

    // Client: review, draw a signature, rate and sign.
    visit(
        &client,
        &format!("{}/client/orders/{order_id}/sign", app.base),
    )
    .await;
    let canvas = wait_for(&client, "#signature-pad").await;
    client
        .find(Locator::Css("input[name=full_name]"))
        .await
        .unwrap()
        .send_keys("Clara Ivanova")
        .await
        .unwrap();
    let stroke = MouseActions::new("pen".into())
        .then(PointerAction::MoveToElement {
            element: canvas,
            duration: None,
            x: -120.0,
            y: 10.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(150)),
            x: 80.0,
            y: -30.0,
        })
        .then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(150)),
            x: 90.0,
            y: 40.0,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    client.perform_actions(stroke).await.unwrap();
    save_screenshot(&client, "client-signing-page").await;
    click(&client, "#sign-form button[type=submit]").await;
    wait_for(&client, ".signature-image").await;
    assert_eq!(status_of(&app, order_id), "completed");
    save_screenshot(&client, "client-order-completed").await;

    for c in [client, manager, worker] {
        c.close().await.unwrap();
    }
}
