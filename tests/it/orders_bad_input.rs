//! Bad input on orders: refused with a clear message, nothing changes.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

async fn place(w: &World, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let res = w.client.post_form("/client/orders", fields).await;
    let status = res.status();
    (status, res.text().await.unwrap())
}

#[tokio::test]
async fn past_out_of_hours_and_unknown_requests_are_refused_with_messages() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let service = w.service_id.to_string();
    let date = tomorrow(&app);
    let base = |date: &str, time: &str| {
        vec![
            ("service", service.clone()),
            ("address", "new".into()),
            ("new_address", "1 Test St".into()),
            ("date", date.to_string()),
            ("time", time.to_string()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let w = &w;
        async move {
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            place(w, &refs).await
        }
    };

    let (status, body) = send(base("2026-03-01", "10:00")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("at least 120 minutes from now"), "past slot");

    let (status, body) = send(base(&date, "22:00")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("within working hours, 08:00–21:00"),
        "out of hours, saying the hours"
    );

    let mut unknown = base(&date, "10:00");
    unknown[0].1 = "99999".into();
    let (status, body) = send(unknown).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("not available"), "unknown service");

    let mut foreign_option = base(&date, "10:00");
    foreign_option.push(("option", "424242".into()));
    let (status, _) = send(foreign_option).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(app.count("SELECT COUNT(*) FROM orders"), 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM client_addresses"),
        0,
        "the typed address is not kept either"
    );
}

#[tokio::test]
async fn a_tampered_price_is_ignored_the_server_prices_the_order() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let service = w.service_id.to_string();
    let date = tomorrow(&app);

    let (status, _) = place(
        &w,
        &[
            ("service", &service),
            ("address", "new"),
            ("new_address", "1 Test St"),
            ("date", &date),
            ("time", "10:00"),
            ("total_minor", "1"),
            ("price", "0.01"),
        ],
    )
    .await;

    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT total_minor FROM orders"), 450_000);
}

/// (file name, bytes) of each attached file.
type Files = Vec<(&'static str, Vec<u8>)>;

#[tokio::test]
async fn uploads_that_lie_are_too_big_too_many_or_escape_are_refused() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;
    let path = format!("/worker/jobs/{id}/report");
    let mut oversize = PNG.to_vec();
    oversize.resize(10 * 1024 * 1024 + 1, 0);
    let cases: Vec<(&str, Files, &str)> = vec![
        (
            "bytes not what the name says",
            vec![("photo.jpg", PNG.to_vec())],
            "does not match",
        ),
        (
            "not an accepted type",
            vec![("virus.png", b"MZ\x90\x00 plainly not a picture".to_vec())],
            "JPEG, PNG, WebP or PDF",
        ),
        ("oversize", vec![("big.png", oversize)], "10 MB"),
        (
            "eleven files",
            (0..11).map(|_| ("a.png", PNG.to_vec())).collect(),
            "at most 10",
        ),
        (
            "path traversal",
            vec![("../../etc/passwd.png", PNG.to_vec())],
            "folders",
        ),
    ];
    for (what, files, message) in cases {
        let res = w.worker.post_multipart(&path, report_form(&w, files)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        assert!(
            res.text().await.unwrap().contains(message),
            "{what}: says {message}"
        );
    }
    assert_eq!(status_of(&app, id), "in_progress");
    assert_eq!(app.count("SELECT COUNT(*) FROM order_files"), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 0);
    assert!(!app.dir.path().join("etc").exists());
}

#[tokio::test]
async fn a_double_submitted_step_happens_once() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;

    let again = w
        .worker
        .post_form(&format!("/worker/jobs/{id}/start"), &[])
        .await;

    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let (_, page) = w.worker.get_html(&location(&again)).await;
    assert!(
        text(&page, ".flash.error").contains("not possible"),
        "the refusal is explained"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND action = 'start'"
        )),
        1
    );
}

#[tokio::test]
async fn a_manager_must_give_a_reason_to_cancel_and_a_busy_worker_cannot_be_double_booked() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let first = place_order(&app, &w).await;
    let second = place_order(&app, &w).await; // same slot
    let worker = w.worker_id.to_string();

    w.manager
        .post_form(
            &format!("/manage/orders/{first}/cancel"),
            &[("reason", "  ")],
        )
        .await;
    assert_eq!(status_of(&app, first), "new");

    w.manager
        .post_form(
            &format!("/manage/orders/{first}/assign"),
            &[("worker", &worker)],
        )
        .await;
    let res = w
        .manager
        .post_form(
            &format!("/manage/orders/{second}/assign"),
            &[("worker", &worker)],
        )
        .await;
    let (_, page) = w.manager.get_html(&location(&res)).await;
    assert!(
        text(&page, ".flash.error").contains("another job"),
        "{}",
        text(&page, ".flash")
    );
    assert_eq!(status_of(&app, second), "new");
}
