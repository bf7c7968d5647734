//! Hardening against abuse of the login, sign-ups and sessions: parallel guesses, lockout as a
//! weapon, sign-up floods, idle sessions and the password asked again before admin changes.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::world;

#[tokio::test]
async fn parallel_wrong_passwords_get_no_more_password_checks_than_the_limit() {
    let app = spawn_app().await;
    app.create_user("client", "c@example.com");
    let client = app.client();
    let token = client.csrf_token().await;

    let guesses = (0..25).map(|i| {
        let (client, token) = (&client, token.clone());
        async move {
            let password = format!("guess number {i}");
            client
                .post_raw(
                    "/login",
                    &[
                        ("email", "c@example.com"),
                        ("password", &password),
                        ("csrf_token", &token),
                    ],
                )
                .await
                .status()
        }
    });
    let statuses = futures_util::future::join_all(guesses).await;

    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!(checked, 5, "{statuses:?}");
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        20
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM login_attempts"), 5);
}

#[tokio::test]
async fn a_browser_that_logged_in_before_gets_in_while_a_stranger_has_locked_the_account() {
    let app = spawn_app().await;
    app.create_user("client", "c@example.com");
    let owner = app.client();
    assert_eq!(
        owner.login("c@example.com", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    owner.post_form("/logout", &[]).await;

    let stranger = app.client();
    for _ in 0..5 {
        stranger.login("c@example.com", "guess guess").await;
    }
    assert_eq!(
        stranger.login("c@example.com", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the stranger's browser stays locked out"
    );

    assert_eq!(
        owner.login("c@example.com", PASSWORD).await.status(),
        StatusCode::SEE_OTHER,
        "the owner's browser is trusted for the account"
    );
    owner.post_form("/logout", &[]).await;
    // The trusted browser has its own limit, so a stolen device cookie guesses no more.
    for _ in 0..5 {
        owner.login("c@example.com", "guess guess").await;
    }
    assert_eq!(
        owner.login("c@example.com", PASSWORD).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// A client whose browser already holds `device` as its device cookie.
fn browser_with_device(app: &TestApp, device: &str) -> TestClient {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let url: url::Url = app.base.parse().unwrap();
    jar.add_cookie_str(&format!("ww_device={device}; Path=/"), &url);
    let http = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestClient {
        http,
        base: app.base.clone(),
    }
}

/// The device cookie a login answer hands the browser.
fn device_set_by(res: &reqwest::Response) -> String {
    res.cookies()
        .find(|c| c.name() == "ww_device")
        .expect("a device cookie")
        .value()
        .to_string()
}

fn trusted(app: &TestApp, device: &str) -> i64 {
    let hash = whiskerworks::auth::model::tokens::hash_token(device);
    app.count(&format!(
        "SELECT COUNT(*) FROM trusted_devices WHERE token_hash = '{hash}'"
    ))
}

#[tokio::test]
async fn device_cookies_are_made_by_the_server_rotated_and_forgotten_on_a_password_change() {
    let app = spawn_app().await;
    let user = app.create_user("client", "c@example.com");

    // A value planted in the browser before the owner logs in is never trusted.
    let planted = "ab".repeat(32);
    let owner = browser_with_device(&app, &planted);
    let res = owner.login("c@example.com", PASSWORD).await;
    let issued = device_set_by(&res);
    assert_ne!(issued, planted);
    assert_eq!(
        trusted(&app, &planted),
        0,
        "the planted value gains nothing"
    );
    assert_eq!(trusted(&app, &issued), 1);

    // The next login replaces it.
    owner.post_form("/logout", &[]).await;
    let again = browser_with_device(&app, &issued);
    let rotated = device_set_by(&again.login("c@example.com", PASSWORD).await);
    assert_ne!(rotated, issued);
    assert_eq!((trusted(&app, &issued), trusted(&app, &rotated)), (0, 1));

    // Another browser of the owner's, then a password change from this one: only this one
    // stays trusted.
    let other = device_set_by(&app.client().login("c@example.com", PASSWORD).await);
    assert_eq!(trusted(&app, &other), 1);
    again
        .post_form(
            "/account/password",
            &[("current", PASSWORD), ("new", "another long passphrase")],
        )
        .await;
    assert_eq!((trusted(&app, &other), trusted(&app, &rotated)), (0, 1));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM trusted_devices WHERE user_id = {user}"
        )),
        1
    );
}

#[tokio::test]
async fn one_person_mistyping_does_not_lock_out_everyone_behind_the_same_address() {
    let app = spawn_app_with(|s| s.login_max_failures_per_ip = 3).await;
    app.create_user("client", "a@example.com");
    app.create_user("client", "b@example.com");
    let office = app.client();
    for _ in 0..4 {
        office.login("a@example.com", "guess guess").await;
    }

    assert_eq!(
        app.client().login("b@example.com", PASSWORD).await.status(),
        StatusCode::SEE_OTHER,
        "failures on one account are not a spray across accounts"
    );
}

async fn register(app: &TestApp, email: &str) -> StatusCode {
    app.client()
        .post_form(
            "/register",
            &[
                ("name", "Olga Test"),
                ("email", email),
                ("password", PASSWORD),
            ],
        )
        .await
        .status()
}

#[tokio::test]
async fn registrations_and_applications_from_one_address_are_limited_per_hour() {
    let app = spawn_app_with(|s| s.security.signup_max_per_ip_per_hour = 3).await;
    let skill = world(&app).await.service_id.to_string();
    let users_before = app.count("SELECT COUNT(*) FROM users");
    assert_eq!(
        register(&app, "one@example.com").await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        register(&app, "one@example.com").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a taken email still counts: probing for accounts costs attempts too"
    );
    assert_eq!(
        register(&app, "two@example.com").await,
        StatusCode::SEE_OTHER
    );

    assert_eq!(
        register(&app, "three@example.com").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    let apply = app
        .client()
        .post_form(
            "/apply",
            &[
                ("name", "Murka the Cat"),
                ("email", "murka@example.com"),
                ("password", PASSWORD),
                ("phone", "+7 999 123-45-67"),
                ("about", "Ten years of mousing"),
                ("skills", &skill),
            ],
        )
        .await;
    assert_eq!(apply.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("SELECT COUNT(*) FROM users"), users_before + 2);

    app.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(
        register(&app, "three@example.com").await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn an_idle_session_ends_sooner_for_an_admin_than_for_a_client() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;
    let (admin, _) = app.login_as("admin").await;

    app.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(client.get("/client").await.status(), StatusCode::OK);
    assert_eq!(
        admin.get("/admin").await.status(),
        StatusCode::SEE_OTHER,
        "an admin idle for an hour logs in again"
    );

    app.clock.advance(chrono::Duration::hours(11));
    assert_eq!(client.get("/client").await.status(), StatusCode::OK);
    app.clock
        .advance(chrono::Duration::hours(12) + chrono::Duration::minutes(1));
    assert_eq!(
        client.get("/client").await.status(),
        StatusCode::SEE_OTHER,
        "twelve idle hours end a client's session, though 14 days have not passed"
    );
}

#[tokio::test]
async fn an_invitation_to_a_privileged_role_asks_for_the_password_again_like_a_role_change() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let invite = |email: &'static str, role: &'static str| {
        let admin = &admin;
        async move {
            admin
                .post_form(
                    "/admin/invitations",
                    &[("email", email), ("name", "Someone"), ("role", role)],
                )
                .await
        }
    };
    let invited = |email: &str| {
        app.count(&format!(
            "SELECT COUNT(*) FROM invitations i JOIN users u ON u.id = i.user_id
             WHERE u.email = '{email}'"
        ))
    };
    app.clock.advance(chrono::Duration::minutes(16));

    for role in ["admin", "manager"] {
        let res = invite("boss@example.com", role).await;
        assert_eq!(
            location(&res),
            "/account/confirm-password?next=/admin/invitations",
            "{role}: the password first"
        );
        assert_eq!(invited("boss@example.com"), 0, "{role}: nothing invited");
    }
    // A lesser role needs no password.
    let res = invite("cat@example.com", "worker").await;
    assert_eq!(location(&res), "/admin/invitations");
    assert_eq!(invited("cat@example.com"), 1);

    // After the password is typed again, the same invitation goes through.
    admin
        .post_form(
            "/account/confirm-password",
            &[("password", PASSWORD), ("next", "/admin/invitations")],
        )
        .await;
    invite("boss@example.com", "admin").await;
    assert_eq!(invited("boss@example.com"), 1);

    // Its link resent once the password is old again: a grant too, refused until typed.
    app.clock.advance(chrono::Duration::minutes(16));
    let id = app.count(
        "SELECT i.id FROM invitations i JOIN users u ON u.id = i.user_id
         WHERE u.email = 'boss@example.com'",
    );
    let sent = || {
        app.count(&format!(
            "SELECT sent_count FROM invitations WHERE id = {id}"
        ))
    };
    let before = sent();
    let res = admin
        .post_form(&format!("/admin/invitations/{id}/resend"), &[])
        .await;
    assert_eq!(
        location(&res),
        "/account/confirm-password?next=/admin/invitations"
    );
    assert_eq!(sent(), before, "no new link");
}

#[tokio::test]
async fn a_role_change_asks_for_the_password_again_when_it_was_typed_long_ago() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let user = app.create_user("client", "c@example.com");
    let role_path = format!("/admin/users/{user}/role");
    let role_of = || {
        app.count(&format!(
            "SELECT role = 'worker' FROM users WHERE id = {user}"
        ))
    };

    app.clock.advance(chrono::Duration::minutes(16));
    let res = admin.post_form(&role_path, &[("role", "worker")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let confirm = location(&res);
    assert_eq!(
        confirm,
        format!("/account/confirm-password?next=/admin/users/{user}")
    );
    assert_eq!(role_of(), 0, "nothing changes before the password is typed");
    let (status, page) = admin.get_html(&confirm).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, "main").contains("Confirm your password"));

    let next = format!("/admin/users/{user}");
    let wrong = admin
        .post_form(
            "/account/confirm-password",
            &[("password", "not it at all"), ("next", &next)],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let right = admin
        .post_form(
            "/account/confirm-password",
            &[("password", PASSWORD), ("next", &next)],
        )
        .await;
    assert_eq!(location(&right), next);

    let res = admin.post_form(&role_path, &[("role", "worker")]).await;
    assert_eq!(location(&res), next);
    assert_eq!(role_of(), 1);
}
