//! The bell in Chromium: its count changes without a reload, and opening a notification
//! marks it read and goes where it points; on a phone and a desktop.
#![cfg(feature = "browser")]

use whiskerworks::notify::model::Kind;
use whiskerworks::notify::service::{Message, notify};

use crate::browser::*;
use crate::helpers::*;

/// Sends the user a notification as the app would (here: a payout notice to the client's home).
async fn notify_user(app: &TestApp, user_id: i64) {
    let state = app.state.clone();
    let now = app.clock_now();
    tokio::task::spawn_blocking(move || {
        whiskerworks::db::write_tx(&mut state.pool.get().unwrap(), |tx| {
            notify(
                tx,
                &state.settings(),
                now,
                user_id,
                &Message::new(Kind::Welcome).link("/client/profile"),
            )
        })
        .unwrap();
    })
    .await
    .unwrap();
}

async fn badge(client: &fantoccini::Client) -> String {
    client
        .execute(
            "return document.querySelector('a.bell .badge').textContent.trim();",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_bell_counts_without_a_reload_and_opening_a_notice_marks_it_read() {
    let app = spawn_app().await;
    let client_id = app.create_user("client", "cat@example.com");
    let driver = start_chromedriver();

    for (width, height, shot) in [
        (360, 740, "notifications-phone"),
        (1280, 900, "notifications-desktop"),
    ] {
        let browser = browser(&driver, width, height).await;
        log_in_with(&browser, &app.base, "cat@example.com", PASSWORD).await;
        wait_for(&browser, "a.bell .badge:not(:empty)").await;
        let before: i64 = badge(&browser).await.parse().unwrap();

        notify_user(&app, client_id).await;
        // What the bell's poll does every 30 s (and after any in-page change), now.
        browser
            .execute(
                "document.body.dispatchEvent(new Event('badge-refresh'));",
                vec![],
            )
            .await
            .unwrap();
        let more = (before + 1).to_string();
        browser
            .wait()
            .for_element(fantoccini::Locator::XPath(&format!(
                "//a[contains(@class,'bell')]/span[normalize-space()='{more}']"
            )))
            .await
            .unwrap();

        visit(&browser, &format!("{}/notifications", app.base)).await;
        save_screenshot(&browser, shot).await;
        // The newest unread notice is the one just sent: opening it goes to its link.
        click(&browser, ".notification-list li.unread form button").await;
        browser
            .wait()
            .for_url(&url::Url::parse(&format!("{}/client/profile", app.base)).unwrap())
            .await
            .unwrap();
        browser.refresh().await.unwrap();
        wait_for(&browser, "a.bell .badge").await;
        assert_eq!(badge(&browser).await, before.to_string(), "one read");
        browser.close().await.unwrap();
    }
}
