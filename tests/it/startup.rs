//! Start-up under a backlog: the site answers at once while the catch-up pass runs in the
//! background, and `/healthz` says how the catch-up is going.

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::*;

/// An SMTP server that accepts connections and never says a word (not even its greeting),
/// so every send waits out the mailer's timeout. Sockets close when the test ends.
async fn silent_smtp() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    url
}

#[tokio::test]
async fn with_mail_pending_and_an_smtp_server_that_never_replies_the_site_answers_at_once() {
    // Arrange: three welcome mails wait in the outbox of a stopped app.
    let smtp = silent_smtp().await;
    let first = spawn_app_with(|s| s.smtp_url = Some(smtp)).await;
    for n in 0..3 {
        first.create_user("client", &format!("backlog{n}@example.com"));
    }
    first.create_user("admin", "ops@example.com");
    assert_eq!(
        first.count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"),
        4
    );

    // Act: start again with the jobs runtime on, so the start-up catch-up meets the backlog.
    let started = Instant::now();
    let app = restart_with(&first, |s| s.jobs = true).await;
    let res = app.client().get("/healthz").await;
    let elapsed = started.elapsed();

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        elapsed < Duration::from_secs(2),
        "first /healthz answer took {elapsed:?}"
    );
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["jobs"]["catch_up"], "running", "{body}");
    // Other pages answer too while the catch-up is stuck on the mail server, and the
    // admins see that it is catching up.
    let admin = app.client();
    let res = admin.login("ops@example.com", PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, page) = admin.get_html("/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text(&page, "main").contains("Catching up"),
        "{}",
        page.html()
    );
}
