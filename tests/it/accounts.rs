//! Registration, login, logout, throttling, language and password changes.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn registering_creates_a_client_and_a_welcome_mail_that_the_dispatcher_delivers_as_a_file() {
    let app = spawn_app().await;
    let client = app.client();

    let res = client
        .post_form(
            "/register",
            &[
                ("name", "Olga Test"),
                ("email", "Olga@Example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/client");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM users WHERE email = 'olga@example.com' AND role = 'client'"
        ),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'welcome' AND status = 'pending'"),
        1
    );
    assert!(
        app.mail_files().is_empty(),
        "nothing is sent inside the request"
    );

    let report = app.drain().await;

    assert_eq!(report.mail.sent, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
        1
    );
    let mails = app.mail_files();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("olga@example.com") && mails[0].contains("Welcome to Whiskerworks"));
    // The new client is logged in and sees their home with the flash message.
    let (status, html) = client.get_html("/client").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&html, ".flash").contains("Welcome"));
}

#[tokio::test]
async fn registration_in_russian_sends_the_welcome_mail_in_russian() {
    let app = spawn_app().await;
    let client = app.client();
    client
        .post_form("/lang", &[("lang", "ru"), ("back", "/register")])
        .await;

    client
        .post_form(
            "/register",
            &[
                ("name", "Ольга"),
                ("email", "olga@example.ru"),
                ("password", PASSWORD),
            ],
        )
        .await;
    app.drain().await;

    let mails = app.mail_files();
    assert_eq!(mails.len(), 1);
    let subject: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT subject FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(subject, "Добро пожаловать в Whiskerworks");
}

#[tokio::test]
async fn registration_refuses_bad_fields_with_messages_and_creates_nothing() {
    let app = spawn_app().await;
    app.create_user("client", "taken@example.com");
    let client = app.client();

    let res = client
        .post_form(
            "/register",
            &[
                ("name", " "),
                ("email", "not-an-email"),
                ("password", "password"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    let errors = text(&html, ".field-error");
    assert!(errors.contains("enter your name"), "{errors}");
    assert!(errors.contains("valid email"), "{errors}");
    assert!(
        errors.contains("at least 8") || errors.contains("too common"),
        "{errors}"
    );

    let res = client
        .post_form(
            "/register",
            &[
                ("name", "X"),
                ("email", "TAKEN@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("already exists"));
    assert_eq!(app.count("SELECT COUNT(*) FROM users"), 1);
}

#[tokio::test]
async fn login_opens_a_session_and_logout_removes_it() {
    let app = spawn_app().await;
    app.create_user("worker", "w@example.com");
    let client = app.client();

    let res = client.login("w@example.com", PASSWORD).await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/worker");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 1);
    let (status, _) = client.get_html("/worker").await;
    assert_eq!(status, StatusCode::OK);

    let res = client.post_form("/logout", &[]).await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 0);
    assert_eq!(client.get("/worker").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn login_follows_a_local_next_path_but_not_an_outside_one() {
    let app = spawn_app().await;
    app.create_user("client", "c@example.com");
    let client = app.client();
    let token = client.csrf_token().await;

    let res = client
        .post_raw(
            "/login",
            &[
                ("email", "c@example.com"),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_eq!(location(&res), "/client");

    let client = app.client();
    let token = client.csrf_token().await;
    let res = client
        .post_raw(
            "/login",
            &[
                ("email", "c@example.com"),
                ("password", PASSWORD),
                ("next", "/account"),
                ("csrf_token", &token),
            ],
        )
        .await;
    assert_eq!(location(&res), "/account");
}

#[tokio::test]
async fn a_next_or_back_path_with_a_tab_or_control_character_goes_home_instead() {
    let app = spawn_app().await;
    app.create_user("client", "c@example.com");
    // Browsers drop the tab and follow `//evil.example/phish`; a control character cannot
    // go into a Location header at all (it used to fail after a successful login).
    for next in [
        "/\t/evil.example/phish",
        "/account\u{1}",
        "/\r\n/evil.example",
    ] {
        let client = app.client();
        let token = client.csrf_token().await;
        let res = client
            .post_raw(
                "/login",
                &[
                    ("email", "c@example.com"),
                    ("password", PASSWORD),
                    ("next", next),
                    ("csrf_token", &token),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(location(&res), "/client", "{next:?}");

        let res = client
            .post_form("/lang", &[("lang", "ru"), ("back", next)])
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(location(&res), "/", "{next:?}");
    }
}

#[tokio::test]
async fn a_wrong_password_is_refused_without_saying_which_part_was_wrong() {
    let app = spawn_app().await;
    app.create_user("client", "c@example.com");
    let client = app.client();

    let wrong_password = client.login("c@example.com", "not the password").await;
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = wrong_password.text().await.unwrap();
    assert!(body.contains("email or password is not right"));

    let unknown_email = client.login("nobody@example.com", PASSWORD).await;
    assert_eq!(unknown_email.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 0);
}

#[tokio::test]
async fn repeated_failures_throttle_the_account_even_for_the_right_password() {
    let app = spawn_app().await;
    app.create_user("client", "c@example.com");
    let client = app.client();
    for _ in 0..5 {
        assert_eq!(
            client.login("c@example.com", "guess guess").await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }

    let res = client.login("c@example.com", PASSWORD).await;

    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.text().await.unwrap().contains("Too many attempts"));
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 0);

    // After the window the account can log in again.
    app.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(
        client.login("c@example.com", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn many_failures_from_one_ip_throttle_every_account() {
    let app = spawn_app_with(|s| s.login_max_failures_per_ip = 3).await;
    app.create_user("client", "c@example.com");
    let client = app.client();
    for i in 0..3 {
        client
            .login(&format!("someone{i}@example.com"), "guess guess")
            .await;
    }

    assert_eq!(
        client.login("c@example.com", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn switching_language_changes_the_page_text_and_is_saved_for_the_user() {
    let app = spawn_app().await;
    let (client, user_id) = app.login_as("client").await;
    let (_, html) = client.get_html("/client").await;
    assert!(text(&html, "h1").contains("My orders"));

    let res = client
        .post_form("/lang", &[("lang", "ru"), ("back", "/client")])
        .await;

    assert_eq!(location(&res), "/client");
    let (_, html) = client.get_html("/client").await;
    assert!(text(&html, "h1").contains("Мои заказы"));
    assert_eq!(
        scraper::Selector::parse("html[lang=ru]")
            .ok()
            .map(|s| html.select(&s).count()),
        Some(1)
    );
    let saved: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT language FROM users WHERE id = ?1", [user_id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(saved, "ru");
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    let (client, user_id) = app.login_as("client").await;
    let email: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT email FROM users WHERE id = ?1", [user_id], |r| {
            r.get(0)
        })
        .unwrap();
    let other_device = app.client();
    other_device.login(&email, PASSWORD).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 2);

    let wrong = client
        .post_form(
            "/account/password",
            &[("current", "nope nope"), ("new", "a new passphrase")],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let ok = client
        .post_form(
            "/account/password",
            &[("current", PASSWORD), ("new", "a new passphrase")],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions"),
        1,
        "the other device is logged out"
    );
    assert_eq!(
        client.get("/account").await.status(),
        StatusCode::OK,
        "this device stays in"
    );
    assert_eq!(
        app.client()
            .login(&email, "a new passphrase")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_session_expires_after_its_lifetime_and_is_cleaned_up() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;

    app.clock.advance(chrono::Duration::days(15));

    assert_eq!(client.get("/client").await.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.drain().await.expired_sessions, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 0);
}

#[tokio::test]
async fn signed_in_pages_are_not_cached_and_the_flash_cookie_is_same_site() {
    let app = spawn_app().await;
    app.create_user("client", "c@example.com");
    let client = app.client();

    client.login("c@example.com", PASSWORD).await;
    for path in ["/account", "/client", "/client/billing", "/client/profile"] {
        let res = client.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    }

    let res = client.post_form("/logout", &[]).await;
    let flash = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("ww_flash=") && !c.starts_with("ww_flash=;"))
        .expect("logging out leaves a flash message");
    assert!(flash.contains("SameSite=Lax"), "{flash}");
    assert!(flash.contains("HttpOnly"), "{flash}");
    let anonymous = app.client().get("/login").await;
    assert!(anonymous.headers().get("cache-control").is_none());
}
