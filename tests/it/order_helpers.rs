//! Shared set-up for order tests: a service in the catalogue, people, and an order placed
//! through HTTP.

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::catalogue::model::ServiceInput;
use whiskerworks::catalogue::store as catalogue;

use crate::helpers::*;

/// A real 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

pub struct World {
    pub service_id: i64,
    pub option_id: i64,
    pub checklist_ids: Vec<i64>,
    pub client: TestClient,
    pub client_id: i64,
    pub worker: TestClient,
    pub worker_id: i64,
    pub manager: TestClient,
}

pub async fn world(app: &TestApp) -> World {
    let (service_id, option_id, checklist_ids) = app.write(|conn| {
        let input = ServiceInput {
            code: "deep-clean".into(),
            name_en: "Deep cleaning".into(),
            name_ru: "Генеральная уборка".into(),
            description_en: String::new(),
            description_ru: String::new(),
            duration_minutes: 180,
            base_price_minor: 450_000,
            skill: "cleaning".into(),
        };
        let id = catalogue::insert_service(conn, &input, app.clock_now())?.unwrap();
        let option = catalogue::insert_option(conn, id, "Oven", "Духовка", 80_000)?;
        let items = vec![
            catalogue::insert_checklist_item(conn, id, "Floors", "Полы")?,
            catalogue::insert_checklist_item(conn, id, "Kitchen", "Кухня")?,
        ];
        Ok::<_, rusqlite::Error>((id, option, items))
    });
    let (client, client_id) = app.login_as("client").await;
    add_card(&client, "/client/profile/card", "4242 4242 4242 4242").await;
    let (worker, worker_id) = app.login_as("worker").await;
    // Managers offer by hand only to a worker who holds the service's skill.
    give_skills(app, worker_id, &["cleaning"]);
    let (manager, _) = app.login_as("manager").await;
    World {
        service_id,
        option_id,
        checklist_ids,
        client,
        client_id,
        worker,
        worker_id,
        manager,
    }
}

/// Sets the skills a worker holds (the world's service needs `cleaning`).
pub fn give_skills(app: &TestApp, worker_id: i64, skills: &[&str]) {
    let skills: Vec<String> = skills.iter().map(|s| s.to_string()).collect();
    app.write(|tx| whiskerworks::matching::store::availability::set_skills(tx, worker_id, &skills));
}

/// Adds a card through the profile form (clients need one to order).
pub async fn add_card(client: &TestClient, path: &str, number: &str) {
    let res = client
        .post_form(
            path,
            &[
                ("card_number", number),
                ("exp_month", "12"),
                ("exp_year", "2030"),
                ("cvc", "123"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "card not saved");
}

/// Tomorrow in the business time zone, as the date field's value.
pub fn tomorrow(app: &TestApp) -> String {
    let local = app
        .clock_now()
        .with_timezone(&app.state.settings().time_zone)
        + Duration::days(1);
    local.date_naive().to_string()
}

/// Places an order for tomorrow 10:00 (with the option) and returns its id.
pub async fn place_order(app: &TestApp, w: &World) -> i64 {
    place_order_at(app, w, "10:00").await
}

/// Places an order for tomorrow at `time` (with the option) and returns its id.
pub async fn place_order_at(app: &TestApp, w: &World, time: &str) -> i64 {
    place_order_on(app, w, 1, time).await
}

/// Places an order `days` ahead (business time zone) at `time` and returns its id.
pub async fn place_order_on(app: &TestApp, w: &World, days: i64, time: &str) -> i64 {
    let service = w.service_id.to_string();
    let option = w.option_id.to_string();
    let local = app
        .clock_now()
        .with_timezone(&app.state.settings().time_zone)
        + Duration::days(days);
    let date = local.date_naive().to_string();
    let res = w
        .client
        .post_form(
            "/client/orders",
            &[
                ("service", &service),
                ("option", &option),
                ("address", "new"),
                ("new_address", "1 Test St"),
                ("date", &date),
                ("time", time),
                ("notes", "Ring twice"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let to = location(&res);
    to.rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("order not placed: sent to {to}"))
}

pub fn status_of(app: &TestApp, order_id: i64) -> String {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT status FROM orders WHERE id = ?1", [order_id], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Drives the order to `in_progress` through HTTP: offer, accept, kit, start.
pub async fn start_job(app: &TestApp, w: &World, order_id: i64) {
    let worker = w.worker_id.to_string();
    w.manager
        .post_form(
            &format!("/manage/orders/{order_id}/offer"),
            &[("worker", &worker)],
        )
        .await;
    w.worker
        .post_form(&format!("/worker/jobs/{order_id}/accept"), &[])
        .await;
    // The packing job packs the kit (the in-process bakery bakes the cookie).
    app.drain().await;
    w.worker
        .post_form(&format!("/worker/jobs/{order_id}/kit"), &[])
        .await;
    w.worker
        .post_form(&format!("/worker/jobs/{order_id}/start"), &[])
        .await;
    assert_eq!(status_of(app, order_id), "in_progress");
}

/// The report form as a worker's phone sends it.
pub fn report_form(w: &World, files: Vec<(&str, Vec<u8>)>) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new().text("note", "All done, kitchen sparkling");
    for id in &w.checklist_ids {
        form = form.text("checked", id.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    }
    form
}

pub fn signature_data_url() -> String {
    use base64::Engine;
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(PNG)
    )
}

/// The manager offers the order to the world's worker.
pub async fn offer_to_worker(w: &World, order_id: i64) -> reqwest::Response {
    w.manager
        .post_form(
            &format!("/manage/orders/{order_id}/offer"),
            &[("worker", &w.worker_id.to_string())],
        )
        .await
}

/// A user's email (for logging in as them in a browser).
pub fn email_of(app: &TestApp, user_id: i64) -> String {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT email FROM users WHERE id = ?1", [user_id], |r| {
            r.get(0)
        })
        .unwrap()
}
