//! Reminders before a visit, through HTTP on a controlled clock: the client and the assigned
//! worker hear once per slot, in-app and by mail with the visit's calendar file (the worker's
//! as their feed writes it); an order placed inside the window gets none and its confirmation
//! says so; a moved order is reminded of its new slot; a cancelled one of nothing; `check`
//! names a missed reminder.

use std::io::BufReader;

use chrono::{DateTime, Duration, Utc};
use mailparse::MailHeaderMap;
use reqwest::StatusCode;
use whiskerworks::i18n::{Lang, Tr};

use crate::helpers::*;
use crate::order_helpers::*;

fn scheduled_at(app: &TestApp, order: i64) -> DateTime<Utc> {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT scheduled_at FROM orders WHERE id = ?1",
            [order],
            |r| r.get(0),
        )
        .unwrap()
}

fn count_kind(app: &TestApp, user_id: i64, kind: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE user_id = {user_id} AND kind = '{kind}'"
    ))
}

fn body_of(app: &TestApp, user_id: i64, kind: &str) -> String {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT body FROM notifications WHERE user_id = ?1 AND kind = ?2 ORDER BY id DESC",
            rusqlite::params![user_id, kind],
            |r| r.get(0),
        )
        .unwrap()
}

async fn assign(w: &World, order: i64) {
    offer_to_worker(w, order).await;
    let res = w
        .worker
        .post_form(&format!("/worker/jobs/{order}/accept"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

/// The mails sent to `email` whose subject contains `subject`, parsed: (subject, text, ics).
fn mails(app: &TestApp, email: &str, subject: &str) -> Vec<(String, String, Option<String>)> {
    let mut found = Vec::new();
    for file in app.mail_files() {
        let mail = mailparse::parse_mail(file.as_bytes()).expect("a well-formed message");
        let to = mail.headers.get_first_value("To").unwrap_or_default();
        let got = mail.headers.get_first_value("Subject").unwrap_or_default();
        if !to.contains(email) || !got.contains(subject) {
            continue;
        }
        let texts = crate::html_mail::alternative(&mail).expect("plain text and HTML");
        let plain = texts.subparts[0].get_body().unwrap();
        let ics = mail
            .subparts
            .iter()
            .find(|p| p.ctype.mimetype == "text/calendar")
            .map(|p| p.get_body().unwrap());
        found.push((got, plain, ics));
    }
    found
}

/// Each property of the one event of an iCalendar body but its stamp, as (name, value).
fn event_of(body: &str, order: i64) -> Vec<(String, String)> {
    let mut calendars = ical::IcalParser::new(BufReader::new(body.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    let event = calendar
        .events
        .iter()
        .find(|e| {
            e.properties.iter().any(|p| {
                p.name == "UID"
                    && p.value
                        .as_deref()
                        .is_some_and(|v| v.starts_with(&format!("order-{order}@")))
            })
        })
        .expect("the order's event");
    event
        .properties
        .iter()
        .filter(|p| p.name != "DTSTAMP")
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect()
}

/// Makes the worker's private calendar link; its path on the server.
async fn feed_link(w: &World) -> String {
    let res = w.worker.post_form("/account/calendar/renew", &[]).await;
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    let url = first_attr(&html, "#calendar-url", "value").expect("the new link is shown");
    let path = url.split_once("://").unwrap().1;
    format!("/{}", path.split_once('/').unwrap().1)
}

#[tokio::test]
async fn a_due_reminder_reaches_the_client_and_the_worker_once_in_app_and_by_mail_with_the_visit() {
    let app = spawn_app().await;
    let w = world(&app).await;
    w.client
        .post_form("/lang", &[("lang", "ru"), ("back", "/client")])
        .await;
    let order = place_order_on(&app, &w, 3, "10:00").await;
    assign(&w, order).await;
    let feed = feed_link(&w).await;
    app.drain().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reminders"), 0);
    let (_, page) = w.worker.get_html(&format!("/worker/jobs/{order}")).await;
    assert!(text(&page, ".reminder").starts_with("Reminder: "));

    // Two days on, the visit is less than 24 h away: the reminder is due.
    app.clock.advance(Duration::days(2));
    let report = app.drain().await;

    assert_eq!((report.reminders.sent, report.reminders.skipped), (1, 0));
    assert_eq!(count_kind(&app, w.client_id, "visit_reminder"), 1);
    assert_eq!(count_kind(&app, w.worker_id, "job_reminder"), 1);
    let tz = app.state.settings().time_zone;
    let when_ru = Tr::new(Lang::Ru, tz).datetime(scheduled_at(&app, order));
    let client_body = body_of(&app, w.client_id, "visit_reminder");
    assert!(client_body.contains(&when_ru), "{client_body}");
    assert!(client_body.contains("1 Test St") && client_body.contains("будьте дома"));

    let to_client = mails(&app, &email_of(&app, w.client_id), "Напоминание");
    assert_eq!(to_client.len(), 1, "the client is mailed once, in Russian");
    let (_, plain, ics) = &to_client[0];
    assert!(
        plain.contains(&format!("/client/orders/{order}")),
        "{plain}"
    );
    let ics = ics.as_deref().expect("the client's visit is attached");
    assert!(ics.contains("1 Test St"));

    let to_worker = mails(&app, &email_of(&app, w.worker_id), "Reminder: job");
    assert_eq!(to_worker.len(), 1, "the worker is mailed once, in English");
    let (subject, plain, ics) = &to_worker[0];
    assert!(subject.contains(&format!("#{order}")));
    assert!(plain.contains(&format!("/worker/jobs/{order}")), "{plain}");
    let mailed = event_of(ics.as_deref().expect("the job is attached"), order);
    // A calendar app polls the feed without a session.
    let feed = app.client().get(&feed).await.text().await.unwrap();
    assert_eq!(
        mailed,
        event_of(&feed, order),
        "the job file carries exactly what the worker's feed does"
    );
    assert!(mailed.iter().all(|(name, _)| name != "URL"));

    // Two days on, the client signs in again.
    w.client.login(&email_of(&app, w.client_id), PASSWORD).await;
    let (_, page) = w.client.get_html(&format!("/client/orders/{order}")).await;
    assert!(text(&page, ".reminder").starts_with("Напоминание отправлено"));

    // A second pass finds the reminder recorded and tells no one again.
    let mails_before = app.mail_files().len();
    let again = app.drain().await;
    assert_eq!((again.reminders.sent, again.reminders.skipped), (0, 0));
    assert_eq!(count_kind(&app, w.client_id, "visit_reminder"), 1);
    assert_eq!(count_kind(&app, w.worker_id, "job_reminder"), 1);
    assert_eq!(app.mail_files().len(), mails_before);
}

#[tokio::test]
async fn an_order_placed_inside_the_window_gets_no_reminder_and_its_confirmation_says_so() {
    let app = spawn_app().await;
    let w = world(&app).await;
    // Tomorrow at 10:00 is 22 hours away.
    let order = place_order(&app, &w).await;

    let received = body_of(&app, w.client_id, "order_received");
    assert!(
        received.contains("There will be no reminder: the visit is less than 24 h away."),
        "{received}"
    );
    let (_, page) = w.client.get_html(&format!("/client/orders/{order}")).await;
    assert!(text(&page, ".reminder").contains("less than 24 h"));

    app.drain().await;
    app.clock.advance(Duration::hours(20));
    app.drain().await;

    assert_eq!(count_kind(&app, w.client_id, "visit_reminder"), 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM order_reminders WHERE outcome = 'skipped'"),
        1
    );
    let mailed = mails(&app, &email_of(&app, w.client_id), "received");
    assert_eq!(mailed.len(), 1);
    assert!(mailed[0].1.contains("There will be no reminder"));
}

#[tokio::test]
async fn an_order_placed_early_names_its_reminder_time_in_its_confirmation() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order_on(&app, &w, 3, "10:00").await;

    let remind_at = scheduled_at(&app, order) - Duration::hours(24);
    let when = Tr::new(Lang::En, app.state.settings().time_zone).datetime(remind_at);
    let received = body_of(&app, w.client_id, "order_received");
    assert!(
        received.contains(&format!("We will remind you on {when}.")),
        "{received}"
    );
    let (_, page) = w.client.get_html(&format!("/client/orders/{order}")).await;
    assert_eq!(text(&page, ".reminder"), format!("Reminder: {when}"));
}

#[tokio::test]
async fn a_moved_order_is_reminded_of_its_new_slot_and_not_of_its_old() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order_on(&app, &w, 3, "10:00").await;
    assign(&w, order).await;
    let old = scheduled_at(&app, order);
    let new = old + Duration::days(1);
    // A manager moves it a day later; the worker, free then, keeps it.
    crate::matching::make_available(&app, w.worker_id);
    let local = new.with_timezone(&app.state.settings().time_zone);
    let res = w
        .manager
        .post_form(
            &format!("/manage/orders/{order}/reschedule"),
            &[
                ("date", &local.format("%Y-%m-%d").to_string()),
                ("time", &local.format("%H:%M").to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(scheduled_at(&app, order), new);

    // The old slot's reminder time passes: nothing, the order is no longer there.
    app.clock.advance(Duration::days(2));
    app.drain().await;
    assert_eq!(count_kind(&app, w.client_id, "visit_reminder"), 0);

    app.clock.advance(Duration::days(1));
    app.drain().await;
    assert_eq!(count_kind(&app, w.client_id, "visit_reminder"), 1);
    assert_eq!(count_kind(&app, w.worker_id, "job_reminder"), 1);
    let slots: Vec<DateTime<Utc>> = {
        let conn = app.state.pool.get().unwrap();
        let mut stmt = conn
            .prepare("SELECT scheduled_at FROM order_reminders WHERE order_id = ?1")
            .unwrap();
        stmt.query_map([order], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(slots, vec![new]);
}

#[tokio::test]
async fn a_cancelled_order_gets_no_reminder() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order_on(&app, &w, 3, "10:00").await;
    w.client
        .post_form(
            &format!("/client/orders/{order}/cancel"),
            &[("reason", "Plans changed")],
        )
        .await;
    assert_eq!(status_of(&app, order), "cancelled");

    app.clock.advance(Duration::days(2));
    app.drain().await;

    assert_eq!(count_kind(&app, w.client_id, "visit_reminder"), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_reminders"), 0);
}

#[tokio::test]
async fn check_names_an_order_whose_reminder_was_missed() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let missed = place_order_on(&app, &w, 3, "10:00").await;
    place_order_on(&app, &w, 3, "12:00").await;
    app.clock.advance(Duration::days(2));
    app.drain().await;
    let reminder_problems = || {
        whiskerworks::ops::check::check(app.dir.path())
            .unwrap()
            .into_iter()
            .filter(|p| p.starts_with("reminders:"))
            .collect::<Vec<_>>()
    };
    assert_eq!(reminder_problems(), Vec::<String>::new());

    // As if the pass had passed the order by.
    app.write(|tx| tx.execute("DELETE FROM order_reminders WHERE order_id = ?1", [missed]));

    let problems = reminder_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(&format!("order {missed} ")),
        "{problems:?}"
    );
}
