//! Every state-changing request needs the CSRF token; without it nothing changes.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn a_form_without_the_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let client = app.client();
    client.get("/register").await; // the visitor has a CSRF cookie, but does not send the token

    let res = client
        .post_raw(
            "/register",
            &[
                ("name", "Eve"),
                ("email", "eve@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;

    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("The form has expired"));
    assert_eq!(app.count("SELECT COUNT(*) FROM users"), 0);
}

#[tokio::test]
async fn a_wrong_token_is_refused_and_the_session_survives() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;

    let res = client
        .post_raw("/logout", &[("csrf_token", "0".repeat(64).as_str())])
        .await;

    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 1);
}

#[tokio::test]
async fn another_users_token_does_not_work() {
    let app = spawn_app().await;
    let (alice, _) = app.login_as("client").await;
    let (bob, _) = app.login_as("client").await;
    let alices_token = alice.csrf_token().await;

    let res = bob
        .post_raw("/logout", &[("csrf_token", alices_token.as_str())])
        .await;

    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions"), 2);
}

#[tokio::test]
async fn htmx_requests_carry_the_token_in_a_header() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;
    let token = client.csrf_token().await;

    let without = client
        .http
        .post(format!("{}/notifications/read", client.base))
        .header("HX-Request", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        without.headers().get("HX-Retarget").unwrap(),
        "#toasts",
        "htmx gets a toast, not a page"
    );

    let with = client
        .http
        .post(format!("{}/notifications/read", client.base))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(with.status(), StatusCode::SEE_OTHER);
}
