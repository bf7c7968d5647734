//! The main pages of each role on a 360 px phone in Russian: checked by axe-core, measured
//! (nothing wider than the screen, a header that leaves room for the page, worker buttons a
//! finger can hit) and saved as `target/screenshots/phone-ru-*.png` for a person to read.
#![cfg(feature = "browser")]

use fantoccini::Client;
use reqwest::StatusCode;

use crate::browser::*;
use crate::helpers::*;
use crate::order_helpers::{signature_data_url, tomorrow};

#[tokio::test]
async fn the_main_pages_of_each_role_read_on_a_phone_in_russian() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let (done, running) = demo_jobs(&app).await;
    app.write(|tx| tx.execute("UPDATE users SET language = 'ru'", []));

    let driver = start_chromedriver();
    let phone = browser(&driver, 360, 740).await;
    log_in(&phone, &app.base, "worker@example.com").await;
    let job = format!("/worker/jobs/{running}");
    for (path, name) in [("/worker", "worker-home"), (job.as_str(), "worker-job")] {
        read_on_phone(&phone, &app.base, path, name).await;
        assert_worker_actions_are_finger_sized(&phone, path).await;
    }
    // The report form, where the worker finishes the running job.
    phone
        .execute(
            "document.querySelector(\"form[action$='/report']\").scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    save_screenshot(&phone, "phone-ru-worker-report").await;
    read_on_phone(&phone, &app.base, "/worker/earnings", "worker-earnings").await;
    assert_worker_actions_are_finger_sized(&phone, "/worker/earnings").await;
    log_out(&phone).await;

    log_in(&phone, &app.base, "client@example.com").await;
    read_on_phone(&phone, &app.base, "/client/orders/new", "client-order-form").await;
    let order = format!("/client/orders/{done}");
    read_on_phone(&phone, &app.base, &order, "client-order").await;
    log_out(&phone).await;

    log_in(&phone, &app.base, "manager@example.com").await;
    read_on_phone(&phone, &app.base, "/manage/orders", "manager-orders").await;
    read_on_phone(&phone, &app.base, "/manage", "manager-dashboard").await;
    click(&phone, ".phone-menu summary").await;
    let open = phone
        .execute(
            "return document.querySelector('.phone-menu').open && \
             document.querySelector('.menu-panel a[href=\"/manage/qc\"]').offsetHeight >= 44;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        open,
        serde_json::Value::Bool(true),
        "the menu opens its sections"
    );
    save_screenshot(&phone, "phone-ru-manager-menu").await;
}

/// Two jobs for the demo worker through HTTP: one done and signed, one running.
async fn demo_jobs(app: &TestApp) -> (i64, i64) {
    let client = app.client();
    client.login("client@example.com", "whiskers-demo").await;
    let manager = app.client();
    manager.login("manager@example.com", "whiskers-demo").await;
    let worker = app.client();
    worker.login("worker@example.com", "whiskers-demo").await;
    let service = app
        .count("SELECT id FROM services WHERE code = 'deep-clean'")
        .to_string();
    let address = app.count("SELECT id FROM client_addresses").to_string();
    let worker_id = app
        .count("SELECT id FROM users WHERE email = 'worker@example.com'")
        .to_string();
    let date = tomorrow(app);
    let mut ids = Vec::new();
    for time in ["09:00", "14:00"] {
        let fields = [
            ("service", service.as_str()),
            ("address", address.as_str()),
            ("date", date.as_str()),
            ("time", time),
        ];
        let res = client.post_form("/client/orders", &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let id = app.count("SELECT MAX(id) FROM orders");
        let offer = format!("/manage/orders/{id}/offer");
        manager.post_form(&offer, &[("worker", &worker_id)]).await;
        worker
            .post_form(&format!("/worker/jobs/{id}/accept"), &[])
            .await;
        app.drain().await;
        for step in ["kit", "start"] {
            let path = format!("/worker/jobs/{id}/{step}");
            worker.post_form(&path, &[]).await;
        }
        ids.push(id);
    }
    let done = ids[0];
    let mut report = reqwest::multipart::Form::new().text("note", "Всё чисто");
    let items = app.state.pool.get().unwrap();
    let mut stmt = items
        .prepare("SELECT id FROM service_checklist_items WHERE service_id = ?1")
        .unwrap();
    let checked: Vec<i64> = stmt
        .query_map([&service], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for id in checked {
        report = report.text("checked", id.to_string());
    }
    let res = worker
        .post_multipart(&format!("/worker/jobs/{done}/report"), report)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let sign = [
        ("full_name", "Клара Иванова".to_string()),
        ("signature", signature_data_url()),
        ("rating", "5".to_string()),
        ("comment", "Спасибо".to_string()),
    ];
    let sign: Vec<(&str, &str)> = sign.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = client
        .post_form(&format!("/client/orders/{done}/sign"), &sign)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    (done, ids[1])
}

/// Opens a page (axe-core checks it), checks it fits the phone and saves what it shows.
async fn read_on_phone(phone: &Client, base: &str, path: &str, name: &str) {
    visit(phone, &format!("{base}{path}")).await;
    let measured = phone
        .execute(
            "return [document.documentElement.scrollWidth, \
                     document.querySelector('.site-header').offsetHeight];",
            vec![],
        )
        .await
        .unwrap();
    let (width, header) = (measured[0].as_i64().unwrap(), measured[1].as_i64().unwrap());
    assert!(width <= 360, "{path} is {width} px wide on a 360 px phone");
    assert!(header <= 100, "{path}: the header takes {header} px");
    save_screenshot(phone, &format!("phone-ru-{name}")).await;
}

/// Every button and button-like link on a worker page is at least 44 px tall.
async fn assert_worker_actions_are_finger_sized(phone: &Client, path: &str) {
    let small = phone
        .execute(
            "return [...document.querySelectorAll('main button, main [role=button], \
                 main summary, header button, header summary, header .bell')]
               .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
               .map(e => e.outerHTML.slice(0, 80));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(small, serde_json::json!([]), "{path}: small tap targets");
}

async fn log_out(phone: &Client) {
    click(phone, ".phone-menu summary").await;
    click(phone, ".menu-panel form[action='/logout'] button").await;
    wait_for(phone, "a[href='/login']").await;
}
