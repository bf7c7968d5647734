//! Calendar feeds over HTTP: a worker's private feed holds their jobs only and parses as
//! iCalendar; revoking answers 404, renewing retires the old link; managers' feed holds
//! every job; a client downloads their appointment.

use std::io::BufReader;

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

/// Makes (or renews) the calendar link on the account page; its path on the server.
async fn make_link(who: &TestClient) -> String {
    let res = who.post_form("/account/calendar/renew", &[]).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    let url = first_attr(&html, "#calendar-url", "value").expect("the new link is shown");
    let path = url.split_once("://").unwrap().1;
    format!("/{}", path.split_once('/').unwrap().1)
}

/// Each event of an iCalendar body as (name → raw value) pairs.
fn parse(body: &str) -> Vec<Vec<(String, String)>> {
    let mut calendars = ical::IcalParser::new(BufReader::new(body.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn value<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

async fn feed(app: &TestApp, path: &str) -> reqwest::Response {
    // A calendar app has no session: a fresh client.
    app.client().get(path).await
}

#[tokio::test]
async fn a_workers_feed_holds_their_jobs_only_and_parses_as_icalendar() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mine = place_order_at(&app, &w, "10:00").await;
    offer_to_worker(&w, mine).await;
    w.worker
        .post_form(&format!("/worker/jobs/{mine}/accept"), &[])
        .await;
    let (other_worker, other_id) = app.login_as("worker").await;
    give_skills(&app, other_id, &["cleaning"]);
    let theirs = place_order_at(&app, &w, "15:00").await;
    w.manager
        .post_form(
            &format!("/manage/orders/{theirs}/assign"),
            &[("worker", &other_id.to_string())],
        )
        .await;
    assert_eq!(status_of(&app, theirs), "assigned");

    let link = make_link(&w.worker).await;
    let res = feed(&app, &link).await;

    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let body = res.text().await.unwrap();
    assert!(body.contains("\r\n") && !body.replace("\r\n", "").contains('\n'));
    let events = parse(&body);
    assert_eq!(events.len(), 1, "{body}");
    let event = &events[0];
    assert_eq!(value(event, "UID"), format!("order-{mine}@127.0.0.1"));
    assert!(value(event, "SUMMARY").contains("Deep cleaning"));
    assert_eq!(value(event, "LOCATION"), "1 Test St");
    assert!(value(event, "DESCRIPTION").contains("Supply room\\, ground floor"));
    let start = value(event, "DTSTART");
    assert!(
        start.ends_with("T070000Z"),
        "10:00 Moscow is 07:00 UTC: {start}"
    );
    assert!(value(event, "DTEND").ends_with("T100000Z"));
    assert!(!value(event, "DTSTAMP").is_empty());
    // The other worker's feed has the other job only.
    let theirs_link = make_link(&other_worker).await;
    let theirs_events = parse(&feed(&app, &theirs_link).await.text().await.unwrap());
    assert_eq!(theirs_events.len(), 1);
    assert_eq!(
        value(&theirs_events[0], "UID"),
        format!("order-{theirs}@127.0.0.1")
    );
}

#[tokio::test]
async fn a_revoked_link_answers_404_and_a_renewed_one_replaces_the_old() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let first = make_link(&w.worker).await;
    assert_eq!(feed(&app, &first).await.status(), StatusCode::OK);

    let second = make_link(&w.worker).await;
    assert_ne!(first, second);
    assert_eq!(feed(&app, &first).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(feed(&app, &second).await.status(), StatusCode::OK);
    let stored: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT token_hash FROM calendar_feeds", [], |r| r.get(0))
        .unwrap();
    assert!(!second.contains(&stored), "only the hash is kept");

    let res = w.worker.post_form("/account/calendar/revoke", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(feed(&app, &second).await.status(), StatusCode::NOT_FOUND);
    let (_, page) = w.worker.get_html("/account/calendar").await;
    assert!(
        page.select(&scraper::Selector::parse("#calendar-state").unwrap())
            .next()
            .is_some()
    );
    assert_eq!(
        feed(&app, "/calendar/not-a-token.ics").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn managers_feed_holds_every_job_and_clients_have_no_feed() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let a = place_order_at(&app, &w, "10:00").await;
    let b = place_order_at(&app, &w, "15:00").await;
    offer_to_worker(&w, a).await;

    let link = make_link(&w.manager).await;
    let events = parse(&feed(&app, &link).await.text().await.unwrap());

    let uids: Vec<&str> = events.iter().map(|e| value(e, "UID")).collect();
    assert_eq!(
        uids,
        [
            format!("order-{a}@127.0.0.1"),
            format!("order-{b}@127.0.0.1")
        ]
    );
    let res = w.client.post_form("/account/calendar/renew", &[]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM calendar_feeds"), 1);
}

#[tokio::test]
async fn the_staff_feed_links_to_each_order_and_carries_no_clients_details() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    app.write(|tx| {
        tx.execute(
            "UPDATE orders SET address_text = '1 Test St (door code 1234)' WHERE id = ?1",
            [order],
        )
    });
    let client_name: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT u.name FROM users u JOIN orders o ON o.client_id = u.id WHERE o.id = ?1",
            [order],
            |r| r.get(0),
        )
        .unwrap();

    let link = make_link(&w.manager).await;
    let body = feed(&app, &link).await.text().await.unwrap();

    let unfolded = body.replace("\r\n ", "");
    for private in ["1 Test St", "1234", "Ring twice", client_name.as_str()] {
        assert!(!unfolded.contains(private), "{private} in {unfolded}");
    }
    let events = parse(&body);
    let page = format!("/manage/orders/{order}");
    assert!(value(&events[0], "URL").ends_with(&page));
    assert!(value(&events[0], "DESCRIPTION").contains(&page));
}

#[tokio::test]
async fn a_client_downloads_their_appointment_and_no_one_elses() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    let (_, page) = w.client.get_html(&format!("/client/orders/{order}")).await;
    let href = first_attr(&page, "a.appointment", "href").expect("the order page offers it");

    let res = w.client.get(&href).await;

    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("whiskerworks-order-{order}.ics"))
    );
    let events = parse(&res.text().await.unwrap());
    assert_eq!(events.len(), 1);
    assert_eq!(value(&events[0], "UID"), format!("order-{order}@127.0.0.1"));
    assert!(!value(&events[0], "DESCRIPTION").contains("Supply room"));
    let (stranger, _) = app.login_as("client").await;
    assert_eq!(stranger.get(&href).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(w.worker.get(&href).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn feed_and_reset_tokens_never_reach_the_log() {
    use std::io::Read;

    use crate::shutdown::{free_port, serve, terminate};
    let app = spawn_app().await;
    let dir = app.dir.path().to_path_buf();
    let feed_token = "ab".repeat(32);
    let reset_token = "cd".repeat(32);

    let (feed_token, reset_token, log) = tokio::task::spawn_blocking(move || {
        let port = free_port();
        // Every line the server writes, at every level, is searched.
        let mut child = serve(&dir, port, &[("RUST_LOG", "debug")]);
        let base = format!("http://127.0.0.1:{port}");
        let feed = reqwest::blocking::get(format!("{base}/calendar/{feed_token}.ics")).unwrap();
        assert_eq!(feed.status(), StatusCode::NOT_FOUND);
        reqwest::blocking::get(format!("{base}/reset-password?token={reset_token}")).unwrap();
        // Whatever the method: a calendar client may PROPFIND, a scanner may POST (refused by
        // the CSRF check, whose warning names the path).
        let http = reqwest::blocking::Client::new();
        for method in ["POST", "PROPFIND", "PUT", "DELETE", "OPTIONS"] {
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            for url in [
                format!("{base}/calendar/{feed_token}.ics"),
                format!("{base}/reset-password?token={reset_token}"),
            ] {
                http.request(method.clone(), url).send().unwrap();
            }
        }
        terminate(&child);
        let mut log = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        assert!(child.wait().unwrap().success());
        (feed_token, reset_token, log)
    })
    .await
    .unwrap();

    assert!(log.contains("/calendar/[redacted].ics"), "{log}");
    assert!(!log.contains(&feed_token), "{log}");
    assert!(!log.contains(&reset_token), "{log}");
}

#[tokio::test]
async fn the_booking_confirmation_mail_carries_the_appointment() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;

    app.drain().await;

    let mails = app.mail_files();
    let confirmation = mails
        .iter()
        .find(|m| m.contains("filename=\"appointment.ics\""))
        .unwrap_or_else(|| panic!("no mail with the appointment among {}", mails.len()));
    assert!(confirmation.contains(&format!("Order #{order} received")));
    assert!(confirmation.contains("Content-Type: text/calendar; charset=utf-8; method=PUBLISH"));
    let start = confirmation.find("BEGIN:VCALENDAR").unwrap();
    let end = confirmation.find("END:VCALENDAR").unwrap() + "END:VCALENDAR\r\n".len();
    let events = parse(&confirmation[start..end]);
    assert_eq!(events.len(), 1);
    assert_eq!(value(&events[0], "UID"), format!("order-{order}@127.0.0.1"));
    assert!(value(&events[0], "DESCRIPTION").contains("Notes for the worker: Ring twice"));
}
