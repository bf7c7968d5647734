//! The outbox dispatcher, in-app notifications, preferences and the jobs runtime.

use std::time::Duration;

use reqwest::StatusCode;
use whiskerworks::jobs::Job;

use crate::helpers::*;

#[tokio::test]
async fn a_failing_mail_is_retried_with_backoff_then_dead_and_admins_are_told() {
    // Port 9 on loopback: nothing listens, every attempt is a real connection failure.
    let app = spawn_app_with(|s| {
        s.smtp_url = Some("smtp://127.0.0.1:9".into());
        s.mail_max_attempts = 3;
    })
    .await;
    let admin_id = app.create_user("admin", "root@example.com");
    app.drain().await; // the admin's own welcome mail fails too; start from a known state
    let mail_id = app.count("SELECT MAX(id) FROM outbox");

    let first = app.drain().await;
    assert_eq!(
        first.mail.retried + first.mail.sent + first.mail.dead,
        0,
        "nothing due before the backoff"
    );

    app.clock.advance(chrono::Duration::minutes(1));
    let second = app.drain().await;
    assert_eq!(second.mail.retried, 1);
    assert_eq!(
        app.count(&format!("SELECT attempts FROM outbox WHERE id = {mail_id}")),
        2
    );

    app.clock.advance(chrono::Duration::minutes(2));
    let third = app.drain().await;
    assert_eq!(third.mail.dead, 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE id = {mail_id} AND status = 'dead'"
        )),
        1
    );
    let last_error: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT last_error FROM outbox WHERE id = ?1",
            [mail_id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(last_error.starts_with("smtp"), "{last_error}");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {admin_id} AND kind = 'mail_dead'"
        )),
        1
    );

    // The admin sees it in the queue and can put it back.
    let admin = app.client();
    admin.login("root@example.com", PASSWORD).await;
    let (_, html) = admin.get_html("/admin/mail?status=dead").await;
    assert!(text(&html, "tbody").contains("root@example.com"));
    let res = admin
        .post_form(&format!("/admin/mail/{mail_id}/retry"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM outbox WHERE id = {mail_id} AND status = 'pending' AND attempts = 0")), 1);
}

#[tokio::test]
async fn the_bell_shows_unread_notifications_until_they_are_read() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await; // the welcome notification is unread

    let badge = client
        .get("/notifications/badge")
        .await
        .text()
        .await
        .unwrap();
    assert!(badge.contains(">1<"), "{badge}");
    let (_, html) = client.get_html("/notifications").await;
    assert!(text(&html, ".notification-list").contains("Welcome to Whiskerworks"));

    client.post_form("/notifications/read", &[]).await;

    let badge = client
        .get("/notifications/badge")
        .await
        .text()
        .await
        .unwrap();
    assert!(badge.contains("empty"), "{badge}");
}

#[tokio::test]
async fn opening_a_notification_marks_it_read_and_follows_its_link() {
    let app = spawn_app().await;
    let (client, client_id) = app.login_as("client").await;
    let (other, _) = app.login_as("client").await;
    let id = app.count(&format!(
        "SELECT id FROM notifications WHERE user_id = {client_id}"
    ));
    let (_, list) = client.get_html("/notifications").await;
    assert_eq!(
        first_attr(&list, ".notification-list form", "action").unwrap(),
        format!("/notifications/{id}/open")
    );

    let stranger = other
        .post_form(&format!("/notifications/{id}/open"), &[])
        .await;
    assert_eq!(stranger.status(), StatusCode::NOT_FOUND);
    let res = client
        .post_form(&format!("/notifications/{id}/open"), &[])
        .await;

    assert_eq!(location(&res), "/client");
    let badge = client
        .get("/notifications/badge")
        .await
        .text()
        .await
        .unwrap();
    assert!(badge.contains("empty"), "{badge}");
}

#[tokio::test]
async fn a_user_who_switches_email_off_for_a_kind_gets_it_only_in_the_app() {
    let app = spawn_app().await;
    let (client, user_id) = app.login_as("manager").await;
    let res = client.post_form("/account/notifications", &[]).await; // every box unticked
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mails_before = app.count("SELECT COUNT(*) FROM outbox");

    let settings = app.state.settings();
    let msg =
        whiskerworks::notify::service::Message::new(whiskerworks::notify::model::Kind::Welcome);
    let queued = app.write(|tx| {
        whiskerworks::notify::service::notify(tx, &settings, app.clock_now(), user_id, &msg)
    });

    assert_eq!(queued, None);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox"), mails_before);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {user_id}"
        )),
        2
    );
}

#[tokio::test]
async fn with_the_jobs_runtime_on_a_registration_mail_goes_out_through_the_queue() {
    let app = spawn_app_with(|s| s.jobs = true).await;
    let mut done = app.state.jobs.subscribe();
    let client = app.client();

    client
        .post_form(
            "/register",
            &[
                ("name", "Queue Test"),
                ("email", "queue@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;

    let job = tokio::time::timeout(Duration::from_secs(30), done.recv())
        .await
        .expect("job ran")
        .unwrap();
    assert_eq!(job, Job::DispatchOutbox);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
        1
    );
    assert_eq!(app.mail_files().len(), 1);
    let health: serde_json::Value = client.get("/healthz").await.json().await.unwrap();
    assert_eq!(health["jobs"]["running"], true);

    // Finished queue entries are forgotten after a week (apalis stamps them with wall time).
    let now = chrono::Utc::now().timestamp();
    // On a blocking thread: the jobs runtime's own transactions are driven by this test's
    // async thread, so blocking it on the write lock could wait out the busy timeout.
    let pool = app.state.pool.clone();
    tokio::task::spawn_blocking(move || {
        whiskerworks::db::write_tx(&mut pool.get().unwrap(), |tx| {
            tx.execute_batch(&format!(
                "INSERT INTO Jobs (job, id, job_type, status, attempts, max_attempts, run_at, done_at, priority, metadata)
                 VALUES (x'00', 'old', 'test', 'Done', 1, 1, {old}, {old}, 0, '{{}}'), (x'00', 'recent', 'test', 'Done', 1, 1, {now}, {now}, 0, '{{}}');",
                old = now - 8 * 86_400
            ))
        })
    })
    .await
    .unwrap()
    .unwrap();
    app.drain().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM Jobs WHERE id = 'old'"), 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM Jobs WHERE id = 'recent'"),
        1
    );
}

#[tokio::test]
async fn healthz_reports_ok_as_json() {
    let app = spawn_app().await;

    let res = app.client().get("/healthz").await;

    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["db"], "ok");
    assert!(body.get("jobs").is_some());
}

#[tokio::test]
async fn the_email_preferences_name_every_kind_in_both_languages_without_raw_ids() {
    let app = spawn_app().await;
    for role in ["client", "worker", "manager", "admin", "candidate"] {
        let (user, _) = app.login_as(role).await;
        for lang in ["en", "ru"] {
            user.post_form("/lang", &[("lang", lang), ("back", "/account")])
                .await;
            let (_, page) = user.get_html("/account").await;
            let shown = text(&page, "main");
            assert!(!shown.contains("notif-"), "{role} {lang}: {shown}");
            assert!(
                page.select(&scraper::Selector::parse("input[name=email]").unwrap())
                    .count()
                    > 0,
                "{role} has kinds to choose"
            );
        }
    }
}

#[tokio::test]
async fn the_bell_is_named_by_its_text_so_its_name_carries_the_count() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;
    let (_, page) = client.get_html("/client").await;
    assert_eq!(first_attr(&page, "a.bell", "aria-label"), None);
    assert_eq!(
        text(&page, "a.bell .visually-hidden").trim(),
        "Notifications"
    );
}

#[tokio::test]
async fn a_notification_reads_in_the_language_the_reader_switched_to() {
    let app = spawn_app().await;
    let w = crate::order_helpers::world(&app).await;
    let id = crate::order_helpers::place_order(&app, &w).await;
    let (_, list) = w.client.get_html("/notifications").await;
    assert!(
        text(&list, ".notification-list").contains(&format!("Order #{id} received")),
        "{}",
        text(&list, ".notification-list")
    );

    w.client
        .post_form("/lang", &[("lang", "ru"), ("back", "/notifications")])
        .await;
    let (_, list) = w.client.get_html("/notifications").await;
    let shown = text(&list, ".notification-list");
    assert!(shown.contains(&format!("Заказ №{id} принят")), "{shown}");
    assert!(shown.contains("Генеральная уборка"), "{shown}");
    assert!(!shown.contains("Deep cleaning"), "{shown}");
}

#[tokio::test]
async fn readyz_is_ready_only_with_a_durable_write_and_the_jobs_running() {
    let app = spawn_app_with(|s| s.jobs = true).await;

    let res = app.client().get("/readyz").await;

    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ready", "{body}");
    assert_eq!(app.count("SELECT COUNT(*) FROM readiness_probe"), 1);

    // Without the jobs runtime it is alive but not ready, and says why.
    let idle = spawn_app().await;
    let res = idle.client().get("/readyz").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["reasons"].to_string().contains("jobs"), "{body}");
    assert_eq!(idle.client().get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn readyz_answers_within_a_second_while_another_process_holds_the_write_lock() {
    let app = spawn_app_with(|s| s.jobs = true).await;
    let path = whiskerworks::db::db_path(&app.state.settings().data_dir);
    let holder = rusqlite::Connection::open(path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let started = std::time::Instant::now();
    let res = app.client().get("/readyz").await;
    let waited = started.elapsed();

    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["reasons"].to_string().contains("busy"), "{body}");
    assert!(waited < std::time::Duration::from_secs(2), "{waited:?}");
    holder.execute_batch("ROLLBACK").unwrap();
}
