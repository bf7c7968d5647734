//! Uploads can fill neither the disk nor the memory: the right and the order's state are
//! checked before a body is read, files stream to disk within limits and stay only with a
//! recorded report, and the form's CSRF token travels in the body, never the URL. Stored
//! photos keep no metadata, whichever tool made them.

use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::*;
use crate::order_helpers::*;

/// Every file under the data folder's `files/` (stored content and temporary uploads).
fn stored_files(app: &TestApp) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    walk(&app.dir.path().join("files"))
}

fn megabytes(n: usize) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.resize(n * 1024 * 1024, 0);
    bytes
}

#[tokio::test]
async fn a_worker_only_offered_the_job_cannot_store_files_with_a_report() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    offer_to_worker(&w, id).await;

    let files = (0..10)
        .map(|i| (format!("p{i}.png"), megabytes(1)))
        .collect::<Vec<_>>();
    let files = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let res = w
        .worker
        .post_multipart(&format!("/worker/jobs/{id}/report"), report_form(&w, files))
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id), "offered");
    assert_eq!(stored_files(&app), 0, "nothing written for a refused step");
}

#[tokio::test]
async fn a_refused_signature_stores_no_file() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    let sign = || async {
        w.client
            .post_form(
                &format!("/client/orders/{id}/sign"),
                &[
                    ("full_name", "Clara Ivanova"),
                    ("signature", &signature_data_url()),
                    ("rating", "4"),
                ],
            )
            .await
    };
    for _ in 0..3 {
        assert_eq!(sign().await.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(status_of(&app, id), "new");
    assert_eq!(stored_files(&app), 0);
}

#[tokio::test]
async fn an_oversized_report_is_refused_with_the_limit_and_leaves_nothing_behind() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;
    let path = format!("/worker/jobs/{id}/report");

    let one_too_big = report_form(&w, vec![("big.png", megabytes(11))]);
    let res = w.worker.post_multipart(&path, one_too_big).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("at most 10 MB"));

    let together_too_big = report_form(
        &w,
        (0..4)
            .map(|i| (["a.png", "b.png", "c.png", "d.png"][i], megabytes(9)))
            .collect(),
    );
    let res = w.worker.post_multipart(&path, together_too_big).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("together must be at most 30 MB")
    );

    assert_eq!(status_of(&app, id), "in_progress");
    assert_eq!(stored_files(&app), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_files"), 0);
}

#[tokio::test]
async fn the_report_form_sends_its_token_in_the_body_and_never_in_the_url() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;
    let path = format!("/worker/jobs/{id}/report");
    let (_, page) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    let action = first_attr(&page, "form[enctype='multipart/form-data']", "action").unwrap();
    assert_eq!(action, path, "no token in the form's URL");
    let token = first_attr(&page, "form[enctype] input[name=csrf_token]", "value").unwrap();

    let in_the_url = w
        .worker
        .http
        .post(format!("{}{path}?csrf_token={token}", app.base))
        .multipart(report_form(&w, vec![]))
        .send()
        .await
        .unwrap();
    assert_eq!(in_the_url.status(), StatusCode::FORBIDDEN);

    let as_the_page_sends_it = Form::new().text("csrf_token", token);
    let as_the_page_sends_it = w
        .checklist_ids
        .iter()
        .fold(as_the_page_sends_it, |f, c| {
            f.text("checked", c.to_string())
        })
        .text("note", "All done")
        .part("files", Part::bytes(PNG.to_vec()).file_name("a.png"));
    let res = w
        .worker
        .http
        .post(format!("{}{path}", app.base))
        .multipart(as_the_page_sends_it)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), format!("/worker/jobs/{id}"));
    assert_eq!(status_of(&app, id), "reported");
    assert_eq!(stored_files(&app), 1);
}

/// The real binary on the test's data folder, so its memory can be read from /proc.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
async fn four_parallel_oversized_uploads_keep_the_servers_memory_flat() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;
    let email = email_of(&app, w.worker_id);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
            .args([
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--data-dir",
            ])
            .arg(app.dir.path())
            .env("WHISKERWORKS_JOBS", "false")
            .env("WHISKERWORKS_UPLOAD_MAX_REQUEST_MB", "1000")
            .env("WHISKERWORKS_UPLOAD_MAX_IN_FLIGHT_MB", "10000")
            .env("WHISKERWORKS_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let worker = TestClient {
        http: app.client().http,
        base: format!("http://127.0.0.1:{port}"),
    };
    // A bounded wait for the outside process to listen.
    for _ in 0..100 {
        if worker
            .http
            .get(format!("{}/healthz", worker.base))
            .send()
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        worker.login(&email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let path = format!("/worker/jobs/{id}/report");
    let token = worker.csrf_token().await;
    let before = resident_kb(server.0.id());

    // Each body is 100 MB; the request limit is raised for this server so that only the
    // streaming limits (10 MB a file) can stop it.
    let huge: &'static [u8] = Box::leak(vec![0u8; 100 * 1024 * 1024].into_boxed_slice());
    let post = || async {
        let file = Part::bytes(huge).file_name("huge.png");
        let form = report_form(&w, vec![]).part("files", file);
        worker
            .http
            .post(format!("{}{path}", worker.base))
            .header("X-CSRF-Token", &token)
            .multipart(form)
            .send()
            .await
    };
    let answers = futures_util::future::join_all((0..4).map(|_| post())).await;

    let grown_mb = resident_kb(server.0.id()).saturating_sub(before) / 1024;
    eprintln!("server memory grew by {grown_mb} MB under four parallel 100 MB uploads");
    // The server answers as soon as a file crosses its limit; a client still sending may see
    // the connection close instead of reading that answer.
    for res in answers.into_iter().flatten() {
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(grown_mb < 50, "the server grew by {grown_mb} MB");
    assert_eq!(stored_files(&app), 0);
    drop(server);
}

#[tokio::test]
async fn a_refused_file_keeps_the_typed_report_and_says_why_beside_the_files() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;

    let form = report_form(&w, vec![("photo.png", b"not a picture at all".to_vec())]);
    let res = w
        .worker
        .post_multipart(&format!("/worker/jobs/{id}/report"), form)
        .await;

    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = scraper::Html::parse_document(&res.text().await.unwrap());
    assert_eq!(
        text(&page, "#report textarea[name=note]"),
        "All done, kitchen sparkling"
    );
    let ticked = page
        .select(&scraper::Selector::parse("#report input[name=checked][checked]").unwrap())
        .count();
    assert_eq!(ticked, w.checklist_ids.len());
    assert!(text(&page, "#files-error").contains("Only JPEG, PNG, WebP or PDF"));
    assert_eq!(
        first_attr(&page, "#report input[name=files]", "aria-describedby").as_deref(),
        Some("files-error")
    );
    assert_eq!(status_of(&app, id), "in_progress");
}

/// Photos that say where they were taken, as a phone and ImageMagick write them
/// (`fixtures/photos/make.py` made them).
const PHOTOS: [(&str, &[u8]); 3] = [
    ("phone.jpg", include_bytes!("fixtures/photos/phone.jpg")),
    (
        "imagemagick.png",
        include_bytes!("fixtures/photos/imagemagick.png"),
    ),
    (
        "imagemagick.webp",
        include_bytes!("fixtures/photos/imagemagick.webp"),
    ),
];

/// The tags an Exif reader finds in an image, by context ("GPS", "Tiff"...): none when it
/// finds no Exif at all.
fn exif_tags(bytes: &[u8]) -> Vec<(String, exif::Tag)> {
    match exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)) {
        Ok(found) => found
            .fields()
            .map(|f| (format!("{:?}", f.tag.context()), f.tag))
            .collect(),
        Err(exif::Error::NotFound(_)) => vec![],
        Err(e) => panic!("an Exif the reader cannot read: {e}"),
    }
}

fn gps_tags(bytes: &[u8]) -> Vec<String> {
    exif_tags(bytes)
        .into_iter()
        .filter(|(context, _)| context == "Gps")
        .map(|(_, tag)| tag.to_string())
        .collect()
}

/// The chunk types of a PNG (big-endian sizes, a CRC after each) or of a WebP (RIFF:
/// little-endian sizes, odd ones padded).
fn chunk_kinds(bytes: &[u8]) -> Vec<String> {
    let webp = bytes.starts_with(b"RIFF");
    let mut kinds = vec![];
    let mut at = if webp { 12 } else { 8 };
    while at + 8 <= bytes.len() {
        let (kind, size) = if webp { (at, at + 4) } else { (at + 4, at) };
        kinds.push(String::from_utf8_lossy(&bytes[kind..kind + 4]).into_owned());
        let size: [u8; 4] = bytes[size..size + 4].try_into().unwrap();
        at += if webp {
            let size = u32::from_le_bytes(size) as usize;
            8 + size + size % 2
        } else {
            12 + u32::from_be_bytes(size) as usize
        };
    }
    kinds
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The stored file of that name, read back as the client sees it.
async fn stored(app: &TestApp, w: &World, order: i64, name: &str) -> Vec<u8> {
    let file_id: i64 = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT id FROM order_files WHERE order_id = ?1 AND file_name = ?2",
            rusqlite::params![order, name],
            |r| r.get(0),
        )
        .unwrap();
    let res = w
        .client
        .get(&format!("/orders/{order}/files/{file_id}"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn photos_from_a_phone_and_from_imagemagick_are_stored_without_location_or_metadata() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;
    for (name, bytes) in PHOTOS {
        assert!(!gps_tags(bytes).is_empty(), "{name} is sent with GPS");
    }

    let files = PHOTOS.iter().map(|(n, b)| (*n, b.to_vec())).collect();
    let res = w
        .worker
        .post_multipart(&format!("/worker/jobs/{id}/report"), report_form(&w, files))
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Every leak of every photo is listed, so one run shows all that is wrong.
    let mut leaks = vec![];
    for (name, _) in PHOTOS {
        let kept = stored(&app, &w, id, name).await;
        let gps = gps_tags(&kept);
        if !gps.is_empty() {
            leaks.push(format!("{name}: GPS in its Exif: {gps:?}"));
        }
        if contains(&kept, b"GPS") {
            leaks.push(format!("{name}: \"GPS\" in its bytes"));
        }
        if !name.ends_with(".jpg") {
            let kinds = chunk_kinds(&kept);
            for metadata in [
                "tEXt", "zTXt", "iTXt", "eXIf", "tIME", "EXIF", "XMP ", "XMP\0",
            ] {
                if kinds.iter().any(|k| k == metadata) {
                    leaks.push(format!("{name}: a {metadata:?} chunk"));
                }
            }
        }
    }
    assert_eq!(leaks, Vec::<String>::new());
    let jpeg = stored(&app, &w, id, "phone.jpg").await;
    assert_eq!(
        exif_tags(&jpeg),
        vec![("Tiff".to_string(), exif::Tag::Orientation)],
        "the turn alone is kept"
    );
    let png = stored(&app, &w, id, "imagemagick.png").await;
    assert_eq!(
        chunk_kinds(&png),
        ["IHDR", "cHRM", "PLTE", "bKGD", "IDAT", "IEND"]
    );
    let webp = stored(&app, &w, id, "imagemagick.webp").await;
    assert_eq!(chunk_kinds(&webp), ["VP8X", "VP8 "]);
    assert_eq!(webp[20] & 0x0C, 0, "VP8X announces neither Exif nor XMP");
    assert_eq!(
        u32::from_le_bytes(webp[4..8].try_into().unwrap()) as usize,
        webp.len() - 8
    );
}
