//! The dashboard in Chromium on two months of generated history: charts drawn, a chart's
//! table opened, a custom period chosen; desktop and 360-px screenshots, and no sideways
//! scrolling on the phone.
#![cfg(feature = "browser")]

use fantoccini::Locator;

use crate::browser::*;
use crate::helpers::*;

#[tokio::test]
async fn a_manager_reads_the_dashboard_on_a_desktop_and_a_phone() {
    let app = spawn_app().await;
    {
        let mut conn = app.state.pool.get().unwrap();
        let now = app.clock_now();
        let tz = app.state.settings().time_zone;
        let plan = whiskerworks::ops::generate::Plan {
            workers: None,
            days: 75,
            orders_per_day: 40,
            seed: 3,
            today: whiskerworks::reports::model::period::business_day(tz, now),
        };
        whiskerworks::ops::generate::run(&mut conn, tz, plan, now, &mut |_| {}).unwrap();
    }
    app.create_user("manager", "boss@example.com");
    let driver = start_chromedriver();

    let desktop = browser(&driver, 1280, 2600).await;
    log_in_with(&desktop, &app.base, "boss@example.com", PASSWORD).await;
    visit(&desktop, &format!("{}/manage?period=year", app.base)).await;
    wait_for(&desktop, "#orders-chart svg rect.bar.completed").await;
    wait_for(&desktop, "#revenue-chart svg rect.bar.revenue").await;
    save_screenshot(&desktop, "manager-dashboard").await;
    click(&desktop, "#orders-chart details summary").await;
    wait_for(&desktop, "#orders-chart details[open] table").await;
    // Date pickers type in the browser's locale; set the ISO values they submit instead.
    desktop
        .execute(
            "document.querySelector('form.period-form input[name=from]').value = '2026-01-01';
             document.querySelector('form.period-form input[name=to]').value = '2026-01-31';",
            vec![],
        )
        .await
        .unwrap();
    click(&desktop, "form.period-form button[type=submit]").await;
    wait_for(&desktop, "form.period-form button:not(.secondary)").await;
    let url = desktop.current_url().await.unwrap();
    assert!(
        url.as_str().contains("from=2026-01-01&to=2026-01-31"),
        "{url}"
    );
    let rows = desktop
        .find_all(Locator::Css("#orders-chart tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 31, "a bar per day of January");
    save_screenshot(&desktop, "manager-dashboard-january").await;

    let phone = browser(&driver, 360, 740).await;
    log_in_with(&phone, &app.base, "boss@example.com", PASSWORD).await;
    visit(&phone, &format!("{}/manage?period=year", app.base)).await;
    wait_for(&phone, "#orders-chart svg").await;
    save_screenshot(&phone, "manager-dashboard-phone").await;
    let fits = phone
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        fits,
        serde_json::json!(true),
        "no sideways scrolling at 360 px"
    );
    phone
        .execute(
            "document.getElementById('revenue-chart').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    save_screenshot(&phone, "manager-dashboard-phone-money").await;
}
