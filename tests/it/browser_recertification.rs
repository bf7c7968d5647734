//! A worker takes a re-certification test on a 360-px phone: told by the manager's
//! assignment, they find it on their profile, answer it and see the result there.
#![cfg(feature = "browser")]

use fantoccini::Locator;

use crate::browser::*;
use crate::helpers::*;
use crate::recertification::answer_fields;

#[tokio::test]
async fn a_worker_takes_a_re_certification_test_on_a_phone() {
    let app = spawn_app().await;
    // The browser counts down to the deadline on its own clock: keep the app's clock real.
    app.clock.set(chrono::Utc::now());
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    app.drain().await;
    let worker_id = app.count("SELECT id FROM users WHERE email = 'worker@example.com'");
    let service = app.count("SELECT id FROM services WHERE code = 'window-wash'");
    let test = app.count(&format!(
        "SELECT id FROM screening_tests WHERE service_id = {service}"
    ));
    let manager = app.client();
    manager.login("manager@example.com", "whiskers-demo").await;
    manager
        .post_form(
            &format!("/manage/workers/{worker_id}/recertify"),
            &[
                ("service", &service.to_string()),
                ("test", &test.to_string()),
            ],
        )
        .await;
    let assignment = app.count("SELECT MAX(id) FROM test_assignments WHERE worker_id IS NOT NULL");

    let driver = start_chromedriver();
    let phone = browser(&driver, 360, 740).await;
    log_in(&phone, &app.base, "worker@example.com").await;
    wait_for(&phone, ".phone-menu summary").await;
    click(&phone, ".phone-menu summary").await;
    click(&phone, ".menu-links a[href='/worker/profile']").await;
    let open = wait_for(&phone, "a.tap").await;
    assert_accessible(&phone).await;
    let height = phone
        .execute(
            "return document.querySelector('a.tap').getBoundingClientRect().height;",
            vec![],
        )
        .await
        .unwrap();
    assert!(height.as_f64().unwrap() >= 44.0, "tap target {height}");
    save_screenshot(&phone, "worker-recertification-profile").await;
    open.click().await.unwrap();
    phone
        .wait()
        .for_element(Locator::Css("form[action$='/start'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&phone, "fieldset.question").await;
    assert_accessible(&phone).await;
    for (name, value) in answer_fields(&app, assignment, true) {
        let choice = format!("input[name='{name}'][value='{value}']");
        let found = phone.find(Locator::Css(&choice)).await;
        match found {
            Ok(input) => input.click().await.unwrap(),
            Err(_) => fill(&phone, &format!("input[name='{name}']"), &value).await,
        }
    }
    let overflow = phone
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(overflow, serde_json::json!(true), "no sideways scrolling");
    save_screenshot(&phone, "worker-recertification-test").await;
    phone
        .execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
    click(&phone, "form[action$='/submit'] button[type=submit]").await;
    wait_for(&phone, ".flash.success").await;

    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM worker_certifications
             WHERE worker_id = {worker_id} AND service_id = {service} AND status = 'certified'
               AND score_bp = 10000"
        )),
        1
    );
    let profile = phone
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(profile.contains("100 %"), "{profile}");
    save_screenshot(&phone, "worker-recertification-passed").await;
    phone.close().await.unwrap();

    // The manager reads it on the workers' pages (axe-core checks them on the way).
    let desk = browser(&driver, 1280, 900).await;
    log_in(&desk, &app.base, "manager@example.com").await;
    wait_for(&desk, ".nav-links").await;
    click(&desk, ".nav-links a[href='/manage/workers']").await;
    wait_for(&desk, "table.phone-cards").await;
    visit(&desk, &format!("{}/manage/workers/{worker_id}", app.base)).await;
    let page = wait_for(&desk, "main").await.text().await.unwrap();
    assert!(page.contains("100 %"), "{page}");
    save_screenshot(&desk, "manager-worker-certifications").await;
    desk.close().await.unwrap();
}
