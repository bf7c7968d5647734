//! The installable app and reports written without signal, over HTTP: the manifest, the
//! service worker and its offline page; a draft sent twice makes one report and gets the
//! first answer again; the time finished on the phone is checked and kept beside the
//! arrival; stored photos lose their location.

use chrono::Duration;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::*;
use crate::order_helpers::*;

const DRAFT: &str = "0b7e4a52-3c1d-4f6e-9a8b-2d5c6e7f8a90";

/// A JPEG whose Exif says where it was taken.
fn jpeg_with_gps() -> Vec<u8> {
    let mut tiff = b"II\x2A\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x8825u16.to_le_bytes());
    tiff.extend_from_slice(&4u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&26u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"GPS 55.7558 N 37.6173 E");
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    jpeg.extend_from_slice(&exif);
    jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0]);
    jpeg.extend_from_slice(b"pixels\xFF\xD9");
    jpeg
}

fn has(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// The report as the phone's queue sends it: draft id and finishing time first.
fn draft_form(w: &World, draft: &str, finished: &str, photo: Vec<u8>) -> Form {
    let form = Form::new()
        .text("draft_id", draft.to_string())
        .text("finished_at", finished.to_string());
    let mut form = form.text("note", "Done in the basement");
    for id in &w.checklist_ids {
        form = form.text("checked", id.to_string());
    }
    let name = if photo.starts_with(b"\x89PNG") {
        "basement.png"
    } else {
        "basement.jpg"
    };
    form.part("files", Part::bytes(photo).file_name(name))
}

async fn send_json(w: &World, order: i64, form: Form) -> reqwest::Response {
    let token = w.worker.csrf_token().await;
    w.worker
        .http
        .post(format!("{}/worker/jobs/{order}/report", w.worker.base))
        .header("X-CSRF-Token", token)
        .header("Accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_manifest_and_the_service_worker_are_served_with_their_types_and_headers() {
    let app = spawn_app().await;
    let visitor = app.client();

    let res = visitor.get("/manifest.webmanifest").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/manifest+json");
    let manifest: serde_json::Value = res.json().await.unwrap();
    assert_eq!(manifest["start_url"], "/worker");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["short_name"], "Whiskerworks");
    let icons = manifest["icons"].as_array().unwrap();
    let sizes: Vec<&str> = icons.iter().map(|i| i["sizes"].as_str().unwrap()).collect();
    assert!(sizes.contains(&"192x192") && sizes.contains(&"512x512"));
    assert!(icons.iter().any(|i| i["purpose"] == "maskable"));
    for icon in icons {
        let res = visitor.get(icon["src"].as_str().unwrap()).await;
        assert_eq!(res.headers()["content-type"], "image/png");
        let png = res.bytes().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }

    let res = visitor.get("/sw.js").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(res.headers()["service-worker-allowed"], "/");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let sw = res.text().await.unwrap();
    assert!(sw.contains("/assets/") && sw.contains("app.css") && !sw.contains("__SHELL__"));

    let (status, page) = visitor.get_html("/offline").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, "h1").contains("No connection"));
    let (_, home) = visitor.get_html("/login").await;
    assert_eq!(
        first_attr(&home, "link[rel=manifest]", "href").as_deref(),
        Some("/manifest.webmanifest")
    );
    assert!(first_attr(&home, "link[rel=apple-touch-icon]", "href").is_some());
}

#[tokio::test]
async fn the_same_draft_sent_twice_makes_one_report_and_the_second_answer_is_the_first() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    start_job(&app, &w, order).await;
    let finished = app.clock_now().to_rfc3339();

    let first = send_json(&w, order, draft_form(&w, DRAFT, &finished, jpeg_with_gps())).await;
    let first_status = first.status();
    let first_body: serde_json::Value = first.json().await.unwrap();
    app.clock.advance(Duration::minutes(3));
    let second = send_json(&w, order, draft_form(&w, DRAFT, &finished, jpeg_with_gps())).await;

    assert_eq!(first_status, StatusCode::OK);
    assert_eq!(first_body["ok"], true);
    assert_eq!(second.status(), first_status);
    assert_eq!(
        second.json::<serde_json::Value>().await.unwrap(),
        first_body
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_files"), 1);
    let reports = app.count("SELECT COUNT(*) FROM order_events WHERE action = 'report'");
    assert_eq!(reports, 1);
    // The page's own form (no JSON asked): the same redirect with the same message.
    let again = w
        .worker
        .post_multipart(
            &format!("/worker/jobs/{order}/report"),
            draft_form(&w, DRAFT, &finished, jpeg_with_gps()),
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&again), format!("/worker/jobs/{order}"));
    assert!(
        again.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("flash-report-sent")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 1);
}

#[tokio::test]
async fn another_draft_after_the_report_is_refused_and_a_malformed_draft_id_is_a_bad_request() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    start_job(&app, &w, order).await;
    let now = app.clock_now().to_rfc3339();
    send_json(&w, order, draft_form(&w, DRAFT, &now, PNG.to_vec())).await;

    let other = "1b7e4a52-3c1d-4f6e-9a8b-2d5c6e7f8a90";
    let res = send_json(&w, order, draft_form(&w, other, &now, PNG.to_vec())).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["ok"], false);

    let res = send_json(&w, order, draft_form(&w, "not-a-uuid", &now, PNG.to_vec())).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 1);
}

#[tokio::test]
async fn a_finishing_time_in_the_future_or_before_the_start_is_refused_and_nothing_changes() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    start_job(&app, &w, order).await;
    let started = app.clock_now();
    app.clock.advance(Duration::hours(2));

    for (finished, message) in [
        (
            (app.clock_now() + Duration::minutes(30)).to_rfc3339(),
            "ahead",
        ),
        (
            (started - Duration::hours(1)).to_rfc3339(),
            "before the job started",
        ),
        ("half past ten".to_string(), "could not be read"),
    ] {
        let res = w
            .worker
            .post_multipart(
                &format!("/worker/jobs/{order}/report"),
                draft_form(&w, DRAFT, &finished, PNG.to_vec()),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{finished}");
        let page = scraper::Html::parse_document(&res.text().await.unwrap());
        assert!(
            text(&page, "#finished_at-error").contains(message),
            "{finished}"
        );
        assert_eq!(status_of(&app, order), "in_progress");
        assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM order_files"), 0);
    }
}

#[tokio::test]
async fn managers_see_when_the_report_was_finished_and_when_it_arrived() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    start_job(&app, &w, order).await;
    app.clock.advance(Duration::minutes(90));
    let finished = app.clock_now();
    // The basement: it arrives 47 minutes later.
    app.clock.advance(Duration::minutes(47));

    let res = send_json(
        &w,
        order,
        draft_form(&w, DRAFT, &finished.to_rfc3339(), PNG.to_vec()),
    )
    .await;

    assert_eq!(res.status(), StatusCode::OK);
    let stored: (String, String) = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT finished_at, submitted_at FROM order_reports WHERE order_id = ?1",
            [order],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(stored.0 < stored.1);
    let (_, page) = w.manager.get_html(&format!("/manage/orders/{order}")).await;
    let times = text(&page, ".report-times");
    assert!(times.contains("Finished on the phone"), "{times}");
    assert!(
        times.contains("Arrived") && times.contains("47 minutes later"),
        "{times}"
    );
    let (_, client_page) = w.client.get_html(&format!("/client/orders/{order}")).await;
    assert!(text(&client_page, ".report-times").is_empty());
}

#[tokio::test]
async fn a_photos_location_is_removed_before_it_is_stored() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    start_job(&app, &w, order).await;
    assert!(has(&jpeg_with_gps(), b"GPS 55.7558"));

    let res = w
        .worker
        .post_multipart(
            &format!("/worker/jobs/{order}/report"),
            report_form(&w, vec![("street.jpg", jpeg_with_gps())]),
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let file_id = app.count("SELECT id FROM order_files");
    let stored = w
        .client
        .get(&format!("/orders/{order}/files/{file_id}"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(stored.starts_with(&[0xFF, 0xD8]));
    assert!(!has(&stored, b"GPS 55.7558"));
    assert!(stored.ends_with(b"pixels\xFF\xD9"));
    let size = app.count("SELECT size_bytes FROM order_files");
    assert_eq!(size as usize, stored.len());
}
