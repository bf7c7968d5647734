//! Bad input gets a clear page in the user's language and changes nothing.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn unknown_routes_get_a_friendly_404_in_the_visitors_language() {
    let app = spawn_app().await;
    let client = app.client();

    let (status, html) = client.get_html("/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(text(&html, "h1").contains("Page not found"));

    let res = client
        .http
        .get(format!("{}/no/such/page", client.base))
        .header("Accept-Language", "ru-RU,ru;q=0.9")
        .send()
        .await
        .unwrap();
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    assert!(text(&html, "h1").contains("Страница не найдена"));
}

#[tokio::test]
async fn a_wrong_method_gets_405_with_a_page() {
    let app = spawn_app().await;

    let res = app.client().get("/logout").await;

    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("cannot be used this way")
    );
}

#[tokio::test]
async fn a_malformed_form_gets_400_and_changes_nothing() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let user_id = app.create_user("client", "c@example.com");
    let token = admin.csrf_token().await;

    let unknown_role = admin
        .post_raw(
            &format!("/admin/users/{user_id}/role"),
            &[("role", "emperor"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(unknown_role.status(), StatusCode::BAD_REQUEST);
    assert!(
        unknown_role
            .text()
            .await
            .unwrap()
            .contains("We could not read that")
    );

    let not_a_flag = admin
        .post_raw(
            &format!("/admin/users/{user_id}/active"),
            &[("active", "maybe"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(not_a_flag.status(), StatusCode::BAD_REQUEST);

    let bad_id = admin
        .post_raw(
            "/admin/users/abc/active",
            &[("active", "0"), ("csrf_token", &token)],
        )
        .await;
    assert_eq!(bad_id.status(), StatusCode::NOT_FOUND);

    let bad_page = admin.get("/admin/users?page=lots").await;
    assert_eq!(bad_page.status(), StatusCode::BAD_REQUEST);

    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE role = 'client' AND active = 1"),
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log"), 0);
}

#[tokio::test]
async fn an_oversize_body_gets_413_and_changes_nothing() {
    let app = spawn_app().await;
    let client = app.client();
    let token = client.csrf_token().await;
    let huge = "x".repeat(200 * 1024);

    let res = client
        .post_raw(
            "/register",
            &[
                ("name", huge.as_str()),
                ("email", "big@example.com"),
                ("password", PASSWORD),
                ("csrf_token", &token),
            ],
        )
        .await;

    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res.text().await.unwrap().contains("Too large"));
    assert_eq!(app.count("SELECT COUNT(*) FROM users"), 0);
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;

    let res = app.client().get("/").await;

    let csp = res
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
    assert_eq!(
        res.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    assert!(res.headers().get("referrer-policy").is_some());
}

#[tokio::test]
async fn assets_are_served_with_long_caching() {
    let app = spawn_app().await;
    let (_, html) = app.client().get_html("/").await;
    let css = first_attr(&html, "link[rel=stylesheet]", "href").unwrap();

    let res = app.client().get(&css).await;

    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(
        app.client().get("/assets/0/nothing.js").await.status(),
        StatusCode::NOT_FOUND
    );
}
