//! The worker's phone as an app, in Chromium on a 360-px screen: the manifest and the service
//! worker, a report written with the network cut off (through the DevTools protocol) that is
//! sent exactly once when it comes back, and the same draft sent twice making one report.
#![cfg(feature = "browser")]

use fantoccini::{Client, Locator};

use crate::browser::*;
use crate::helpers::*;
use crate::order_helpers::*;

/// A grey gradient PNG (stored, uncompressed deflate): big enough that the phone must
/// make it smaller before sending.
fn big_png(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // no filter
        raw.extend((0..width).map(|x| ((x + y) % 256) as u8));
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", b"");
    png
}

/// A JPEG's (width, height), from its frame header.
fn jpeg_size(jpeg: &[u8]) -> (u16, u16) {
    let at = jpeg
        .windows(2)
        .position(|w| w[0] == 0xFF && (w[1] == 0xC0 || w[1] == 0xC2))
        .expect("a frame header");
    let h = u16::from_be_bytes([jpeg[at + 5], jpeg[at + 6]]);
    let w = u16::from_be_bytes([jpeg[at + 7], jpeg[at + 8]]);
    (w, h)
}

/// Waits until the service worker is active and controls the page.
async fn wait_for_service_worker(phone: &Client) {
    let controlled = phone
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.ready.then(() => {
               if (navigator.serviceWorker.controller) { done(true); return; }
               navigator.serviceWorker.addEventListener('controllerchange', () => done(true));
             });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(controlled, serde_json::json!(true));
}

/// A started job for a fresh worker, and that worker's phone on its page.
async fn phone_on_job(app: &TestApp, driver: &Driver) -> (World, i64, Client) {
    let w = world(app).await;
    let order = place_order(app, &w).await;
    start_job(app, &w, order).await;
    let phone = browser(driver, 360, 740).await;
    log_in_with(&phone, &app.base, &email_of(app, w.worker_id), PASSWORD).await;
    phone
        .goto(&format!("{}/worker/jobs/{order}", app.base))
        .await
        .unwrap();
    wait_for(&phone, "form[data-draft-ready]").await;
    (w, order, phone)
}

/// Ticks the checklist, writes the note and picks a photo; returns once the phone has kept
/// the (smaller) photo with the draft.
async fn write_report(phone: &Client, note: &str) {
    for checkbox in phone
        .find_all(Locator::Css("input[name=checked]"))
        .await
        .unwrap()
    {
        checkbox.click().await.unwrap();
    }
    fill(phone, "textarea[name=note]", note).await;
    let photo = screenshot_path("offline-photo-source");
    std::fs::write(&photo, big_png(2400, 900)).unwrap();
    phone
        .find(Locator::Css("input[type=file]"))
        .await
        .unwrap()
        .send_keys(photo.to_str().unwrap())
        .await
        .unwrap();
    wait_for(phone, "#draft-photos li button").await;
}

#[tokio::test]
async fn a_report_written_offline_on_a_phone_is_sent_once_when_the_network_returns() {
    let app = spawn_app().await;
    let driver = start_chromedriver();
    let (_w, order, phone) = phone_on_job(&app, &driver).await;

    // Installable: the page names the manifest, which says what Chrome needs.
    let manifest = phone
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const href = document.querySelector('link[rel=manifest]').href;
             fetch(href).then(r => r.json()).then(done);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(manifest["start_url"], "/worker");
    assert_eq!(manifest["display"], "standalone");
    assert!(manifest["icons"].as_array().unwrap().len() >= 3);
    wait_for_service_worker(&phone).await;
    save_screenshot(&phone, "pwa-job-page-phone").await;

    set_offline(&driver, &phone, true).await;
    let workers = service_workers_offline(&driver, &phone).await;
    let online = phone
        .execute("return navigator.onLine;", vec![])
        .await
        .unwrap();
    assert_eq!(online, serde_json::json!(false));
    write_report(&phone, "Basement done, no signal down here").await;
    click(&phone, "#report button[type=submit]").await;
    let waiting = phone
        .wait()
        .for_element(Locator::XPath(
            "//p[@id='draft-status' and contains(., 'No connection')]",
        ))
        .await
        .unwrap();
    assert!(waiting.is_displayed().await.unwrap());
    save_screenshot(&phone, "pwa-report-waiting-offline").await;
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 0);
    // A page that needs the network shows the offline page the service worker kept.
    phone.goto(&format!("{}/worker", app.base)).await.unwrap();
    wait_for(&phone, ".offline-page").await;
    save_screenshot(&phone, "pwa-offline-page").await;

    set_offline(&driver, &phone, false).await;
    service_workers_online(&driver, &phone, workers).await;
    // Back on the job: the queued draft is sent from there (or already was, from the first
    // page that loaded with the network back), and the page shows the report.
    phone
        .goto(&format!("{}/worker/jobs/{order}", app.base))
        .await
        .unwrap();
    wait_for(&phone, ".report .report-note").await;

    assert_eq!(status_of(&app, order), "reported");
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_files"), 1);
    let note: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT note FROM order_reports", [], |r| r.get(0))
        .unwrap();
    assert_eq!(note, "Basement done, no signal down here");
    let (sha, kind): (String, String) = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT sha256, content_type FROM order_files", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(kind, "image/jpeg", "made a JPEG on the phone");
    let stored = whiskerworks::orders::service::files::read(app.dir.path(), &sha).unwrap();
    assert_eq!(jpeg_size(&stored), (1600, 600), "longest side 1,600 px");
    save_screenshot(&phone, "pwa-report-sent-after-offline").await;
    // Nothing is left to send: a later page sends nothing more.
    phone.refresh().await.unwrap();
    wait_for(&phone, ".report").await;
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_files"), 1);
    phone.close().await.unwrap();
}

#[tokio::test]
async fn the_same_draft_sent_twice_from_a_phone_makes_one_report() {
    let app = spawn_app().await;
    let driver = start_chromedriver();
    let (_w, order, phone) = phone_on_job(&app, &driver).await;
    write_report(&phone, "Sent twice, kept once").await;

    // The draft as the phone keeps it, sent twice at once and once more after: as when the
    // first answer is lost with the signal and the queue sends it again.
    let answers = phone
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const form = document.querySelector('#report');
             const open = indexedDB.open('whiskerworks', 1);
             open.onsuccess = () => {
               const get = open.result.transaction('drafts').objectStore('drafts')
                 .get(new URL(form.action).pathname);
               get.onsuccess = () => {
                 const d = get.result;
                 const sendOnce = () => {
                   const body = new FormData();
                   body.append('csrf_token', form.querySelector('[name=csrf_token]').value);
                   body.append('draft_id', d.draftId);
                   body.append('finished_at', '');
                   d.checked.forEach(id => body.append('checked', id));
                   body.append('note', d.note);
                   d.photos.forEach(p => body.append('files', p.blob, p.name));
                   return fetch(form.action, { method: 'POST', body,
                     headers: { 'Accept': 'application/json' } })
                     .then(r => r.json().then(j => [r.status, j]));
                 };
                 Promise.all([sendOnce(), sendOnce()])
                   .then(two => sendOnce().then(third => done(two.concat([third]))));
               };
             };",
            vec![],
        )
        .await
        .unwrap();

    let answers = answers.as_array().unwrap();
    assert_eq!(answers.len(), 3);
    for answer in answers {
        assert_eq!(answer[0], 200, "{answer}");
        assert_eq!(answer[1], answers[0][1], "every answer is the first one");
    }
    assert_eq!(answers[0][1]["location"], format!("/worker/jobs/{order}"));
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reports"), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_files"), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM order_events WHERE action = 'report'"),
        1
    );
    phone.refresh().await.unwrap();
    wait_for(&phone, ".report .report-note").await;
    save_screenshot(&phone, "pwa-report-sent-once").await;
    phone.close().await.unwrap();
}

#[tokio::test]
async fn the_phone_app_pages_read_in_both_languages_on_a_phone_and_a_desktop() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let reported = place_order_at(&app, &w, "10:00").await;
    start_job(&app, &w, reported).await;
    let finished = app.clock_now().to_rfc3339();
    app.clock.advance(chrono::Duration::minutes(35));
    let form = report_form(&w, vec![("kitchen.png", PNG.to_vec())])
        .text("finished_at", finished)
        .text("draft_id", "5d2c9a1e-7b3f-4e8a-9c6d-1f2e3a4b5c6d");
    let res = w
        .worker
        .post_multipart(&format!("/worker/jobs/{reported}/report"), form)
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let working = place_order_at(&app, &w, "15:00").await;
    start_job(&app, &w, working).await;
    let driver = start_chromedriver();
    let (worker, manager, client) = (
        email_of(&app, w.worker_id),
        email_of(
            &app,
            app.count("SELECT MAX(id) FROM users WHERE role = 'manager'"),
        ),
        email_of(&app, w.client_id),
    );

    for lang in ["en", "ru"] {
        app.write(|tx| tx.execute("UPDATE users SET language = ?1", [lang]));
        for (width, height, device) in [(360, 740, "phone"), (1280, 900, "desktop")] {
            let shot = |page: &str| format!("pwa-{page}-{device}-{lang}");
            let b = browser(&driver, width, height).await;
            log_in_with(&b, &app.base, &worker, PASSWORD).await;
            b.goto(&format!("{}/account", app.base)).await.unwrap();
            wait_for(&b, "#calendar-feed a").await;
            b.execute(
                "document.getElementById('calendar-feed').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await
            .unwrap();
            save_screenshot(&b, &shot("account")).await;
            click(&b, "#calendar-feed a").await;
            wait_for(&b, "#calendar-state").await;
            click(&b, "form[action='/account/calendar/renew'] button").await;
            // Renewing asks first once a link exists.
            if b.get_alert_text().await.is_ok() {
                b.accept_alert().await.unwrap();
            }
            wait_for(&b, "#calendar-url").await;
            save_screenshot(&b, &shot("calendar-link")).await;
            b.goto(&format!("{}/worker/jobs/{working}", app.base))
                .await
                .unwrap();
            wait_for(&b, "form[data-draft-ready]").await;
            b.execute(
                "document.getElementById('report').scrollIntoView();",
                vec![],
            )
            .await
            .unwrap();
            save_screenshot(&b, &shot("report-form")).await;
            b.close().await.unwrap();

            let b = browser(&driver, width, height).await;
            log_in_with(&b, &app.base, &manager, PASSWORD).await;
            b.goto(&format!("{}/manage/orders/{reported}", app.base))
                .await
                .unwrap();
            let times = wait_for(&b, ".report-times").await;
            assert!(times.text().await.unwrap().contains("35"));
            b.execute(
                "document.querySelector('.report-times').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await
            .unwrap();
            save_screenshot(&b, &shot("report-times")).await;
            b.close().await.unwrap();

            let b = browser(&driver, width, height).await;
            log_in_with(&b, &app.base, &client, PASSWORD).await;
            let order = place_order_at(&app, &w, "18:00").await;
            b.goto(&format!("{}/client/orders/{order}", app.base))
                .await
                .unwrap();
            wait_for(&b, "a.appointment").await;
            save_screenshot(&b, &shot("client-appointment")).await;
            b.close().await.unwrap();
            w.client
                .post_form(
                    &format!("/client/orders/{order}/cancel"),
                    &[("reason", "Plans changed")],
                )
                .await;
        }
    }
}
