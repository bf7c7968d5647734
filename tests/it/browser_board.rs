//! The dispatch board in Chromium: a manager drags a waiting order onto a free worker at
//! 1,280 px, offers another through the job's own form, and the board reads in English and
//! Russian on a desktop and on a 360-px phone, axe-clean throughout.
#![cfg(feature = "browser")]

use chrono::Duration;
use fantoccini::{Client, Locator};
use whiskerworks::matching::store::availability::{set_hours, set_on_duty, set_skills};

use crate::browser::*;
use crate::helpers::*;
use crate::matching::offered_to;
use crate::order_helpers::status_of;

/// A worker named `name` who cleans, every day from 08:00 to 20:00, on duty.
fn cat(app: &TestApp, email: &str, name: &str) -> i64 {
    let id = app.create_user("worker", email);
    app.write(|tx| {
        tx.execute("UPDATE users SET name = ?1 WHERE id = ?2", (name, id))?;
        set_hours(tx, id, &(1..=7).map(|d| (d, 480, 1200)).collect::<Vec<_>>())?;
        set_skills(tx, id, &["cleaning".into()])?;
        set_on_duty(tx, id, true)
    });
    id
}

/// The demo client orders the demo's first service for `date` at `time`; the order's id.
async fn order(app: &TestApp, client: &TestClient, date: &str, time: &str, street: &str) -> i64 {
    let service = app
        .count("SELECT id FROM services WHERE active = 1 ORDER BY id LIMIT 1")
        .to_string();
    let res = client
        .post_form(
            "/client/orders",
            &[
                ("service", &service),
                ("address", "new"),
                ("new_address", street),
                ("date", date),
                ("time", time),
                ("notes", ""),
            ],
        )
        .await;
    location(&res).rsplit('/').next().unwrap().parse().unwrap()
}

/// Drags `from` onto `to` with the browser's drag events (WebDriver's pointer actions start
/// no HTML5 drag in Chromium, so the events are dispatched as a real drag would fire them).
async fn drag(c: &Client, from: &str, to: &str) {
    c.execute(
        r#"const [from, to] = [document.querySelector(arguments[0]), document.querySelector(arguments[1])];
        const dt = new DataTransfer();
        const fire = (el, type) => el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        fire(from, 'dragstart'); fire(to, 'dragenter'); fire(to, 'dragover'); fire(to, 'drop'); fire(from, 'dragend');"#,
        vec![from.into(), to.into()],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_manager_drags_a_waiting_order_onto_a_free_worker_and_offers_another_by_the_form() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let barsik = app.count("SELECT id FROM users WHERE email = 'worker@example.com'");
    let vaska = cat(&app, "vaska@example.com", "Vaska the Cat");
    let tom = cat(&app, "tom@example.com", "Tom the Cat");
    let client = app.client();
    client.login("client@example.com", "whiskers-demo").await;
    let tz = app.state.settings().time_zone;
    let day = (app.clock_now().with_timezone(&tz) + Duration::days(1))
        .date_naive()
        .to_string();
    let dragged = order(&app, &client, &day, "09:00", "1 Nevsky Prospekt").await;
    let formed = order(&app, &client, &day, "13:00", "5 Liteyny Prospekt").await;
    let waiting = order(&app, &client, &day, "16:00", "9 Sadovaya Street").await;
    // A busier day: Tom holds two offers that overlap, Barsik a job already assigned.
    let manager_http = app.client();
    manager_http
        .login("manager@example.com", "whiskers-demo")
        .await;
    for (time, worker, how) in [
        ("10:00", tom, "offer"),
        ("11:00", tom, "offer"),
        ("14:00", barsik, "assign"),
    ] {
        let id = order(&app, &client, &day, time, "12 Fontanka Embankment").await;
        manager_http
            .post_form(
                &format!("/manage/schedule/orders/{id}/{how}"),
                &[("worker", &worker.to_string())],
            )
            .await;
    }
    let driver = start_chromedriver();
    let board = format!("{}/manage/schedule?view=day&date={day}", app.base);

    // Desktop: drop the 09:00 order on Vaska's row, assigning it.
    let m = browser(&driver, 1280, 900).await;
    log_in(&m, &app.base, "manager@example.com").await;
    wait_for(&m, ".nav-links").await;
    visit(&m, &board).await;
    to_board(&m).await;
    save_screenshot(&m, "board-day-en-1280").await;
    click(&m, "input[name=drop_how][value=assign]").await;
    drag(
        &m,
        &format!(".board-open li[data-order='{dragged}']"),
        &format!(".board-row[data-worker='{vaska}'] .board-cell"),
    )
    .await;
    wait_for(&m, ".flash.success").await;
    assert_eq!(status_of(&app, dragged), "assigned");
    assert_eq!(
        app.count(&format!(
            "SELECT worker_id FROM orders WHERE id = {dragged}"
        )),
        vaska
    );
    wait_for(
        &m,
        &format!(".board-row[data-worker='{vaska}'] article[data-order='{dragged}']"),
    )
    .await;
    assert_accessible(&m).await;

    // The same without the script: the waiting order's own form offers it to Vaska.
    let item = format!(".board-open li[data-order='{formed}']");
    click(&m, &format!("{item} summary")).await;
    m.find(Locator::Css(&format!("{item} select[name=worker]")))
        .await
        .unwrap()
        .select_by_value(&vaska.to_string())
        .await
        .unwrap();
    click(&m, &format!("{item} button:not([formaction])")).await;
    wait_for(&m, ".flash.success").await;
    assert_eq!(status_of(&app, formed), "offered");
    assert_eq!(offered_to(&app, formed), Some(vaska));
    assert_eq!(status_of(&app, waiting), "new");
    to_board(&m).await;
    save_screenshot(&m, "board-day-en-1280-after").await;
    visit(&m, &format!("{}/manage/schedule?date={day}", app.base)).await;
    to_board(&m).await;
    save_screenshot(&m, "board-week-en-1280").await;

    // English on a phone, then Russian on both.
    phone_board(&driver, &app, &board, "en").await;
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE email = 'manager@example.com'",
            [],
        )
    });
    visit(&m, &board).await;
    wait_for(&m, "html[lang=ru]").await;
    to_board(&m).await;
    save_screenshot(&m, "board-day-ru-1280").await;
    visit(&m, &format!("{}/manage/schedule?date={day}", app.base)).await;
    to_board(&m).await;
    save_screenshot(&m, "board-week-ru-1280").await;
    phone_board(&driver, &app, &board, "ru").await;
    m.close().await.unwrap();
}

/// Scrolls the period's links to the top, so a screenshot shows the board, not the menus.
async fn to_board(c: &Client) {
    c.execute(
        "document.querySelector('.board-period').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
}

/// The board on a 360-px phone: one list per worker, nothing wider than the screen.
async fn phone_board(driver: &Driver, app: &TestApp, board: &str, lang: &str) {
    let phone = browser(driver, 360, 740).await;
    log_in(&phone, &app.base, "manager@example.com").await;
    wait_for(&phone, "body").await;
    visit(&phone, board).await;
    wait_for(&phone, &format!("html[lang={lang}]")).await;
    let width = phone
        .execute("return document.documentElement.scrollWidth;", vec![])
        .await
        .unwrap();
    assert!(
        width.as_i64().unwrap() <= 360,
        "no sideways scrolling: {width}"
    );
    to_board(&phone).await;
    save_screenshot(&phone, &format!("board-day-{lang}-360")).await;
    phone.close().await.unwrap();
}
