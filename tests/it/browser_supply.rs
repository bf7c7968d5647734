//! Supply in Chromium: the manager receives stock on the stock page, the worker collects the
//! packed kit and confirms it on a 360-px phone.
#![cfg(feature = "browser")]

use crate::browser::*;
use crate::helpers::*;
use crate::order_helpers::status_of;

#[tokio::test]
async fn a_manager_receives_stock_and_a_worker_confirms_the_kit_on_a_phone() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let driver = start_chromedriver();
    let detergent = app.count("SELECT id FROM consumables WHERE sku = 'DET-001'");
    let before = app.count(&format!(
        "SELECT on_hand FROM consumables WHERE id = {detergent}"
    ));

    // Manager (desktop): a delivery of 24 bottles arrives.
    let manager = browser(&driver, 1280, 900).await;
    log_in(&manager, &app.base, "manager@example.com").await;
    wait_for(&manager, ".nav-links").await;
    visit(&manager, &format!("{}/manage/stock", app.base)).await;
    let receive = format!("form[action='/manage/stock/{detergent}/receive']");
    fill(&manager, &format!("{receive} input[name=quantity]"), "24").await;
    fill(
        &manager,
        &format!("{receive} input[name=note]"),
        "Delivery note 1187",
    )
    .await;
    click(&manager, &format!("{receive} button")).await;
    wait_for(&manager, ".flash.success").await;
    assert_eq!(
        app.count(&format!(
            "SELECT on_hand FROM consumables WHERE id = {detergent}"
        )),
        before + 24
    );
    save_screenshot(&manager, "manager-stock").await;

    // An order for the demo worker, assigned and packed by the job.
    let (client, _) = app.login_as("client").await;
    crate::order_helpers::add_card(&client, "/client/profile/card", "4242 4242 4242 4242").await;
    let service = app
        .count("SELECT id FROM services WHERE code = 'deep-clean'")
        .to_string();
    let date = crate::order_helpers::tomorrow(&app);
    let res = client
        .post_form(
            "/client/orders",
            &[
                ("service", &service),
                ("address", "new"),
                ("new_address", "5 Kit Lane"),
                ("date", &date),
                ("time", "11:00"),
            ],
        )
        .await;
    let order_id: i64 = location(&res).rsplit('/').next().unwrap().parse().unwrap();
    let worker_id = app.count("SELECT id FROM users WHERE email = 'worker@example.com'");
    visit(&manager, &format!("{}/manage/orders/{order_id}", app.base)).await;
    manager
        .find(fantoccini::Locator::Css("select[name=worker]"))
        .await
        .unwrap()
        .select_by_value(&worker_id.to_string())
        .await
        .unwrap();
    click(&manager, "button[formaction$='/assign']").await;
    wait_for(&manager, ".flash.success").await;
    app.drain().await;
    visit(
        &manager,
        &format!("{}/manage/services/{service}#materials", app.base),
    )
    .await;
    wait_for(&manager, "#materials li").await;
    save_screenshot(&manager, "manager-service-materials").await;
    visit(&manager, &format!("{}/manage/packs", app.base)).await;
    wait_for(&manager, ".cookie").await;
    save_screenshot(&manager, "manager-kits").await;

    // Worker (phone): sees where to collect the kit, its contents and cookie, confirms.
    let worker = browser(&driver, 360, 740).await;
    log_in(&worker, &app.base, "worker@example.com").await;
    wait_for(&worker, ".nav-links").await;
    visit(&worker, &format!("{}/worker/jobs/{order_id}", app.base)).await;
    wait_for(&worker, ".kit .cookie").await;
    save_screenshot(&worker, "worker-kit-ready").await;
    click(
        &worker,
        &format!("form[action='/worker/jobs/{order_id}/kit'] button"),
    )
    .await;
    wait_for(
        &worker,
        &format!("form[action='/worker/jobs/{order_id}/start']"),
    )
    .await;
    save_screenshot(&worker, "worker-kit-received").await;

    assert_eq!(status_of(&app, order_id), "assigned");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM packs WHERE order_id = {order_id} AND status = 'issued'"
        )),
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM kit_handovers WHERE order_id = {order_id}"
        )),
        3,
        "detergent, cloths, cookie"
    );
}
