//! Admin pages: users, roles, permissions, deactivation, the audit log.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn deactivating_a_user_ends_their_live_session_and_is_audited() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let (worker, worker_id) = app.login_as("worker").await;
    assert_eq!(worker.get("/worker").await.status(), StatusCode::OK);

    let res = admin
        .post_form(
            &format!("/admin/users/{worker_id}/active"),
            &[("active", "0")],
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = worker.get("/worker").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with("/login"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM sessions WHERE user_id = {worker_id}"
        )),
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.deactivate'"),
        1
    );
    // A deactivated user cannot log back in.
    let email: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT email FROM users WHERE id = ?1", [worker_id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        app.client().login(&email, PASSWORD).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn an_admin_changes_roles_and_grants_bets_only_to_managers() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let user_id = app.create_user("worker", "promote@example.com");

    let res = admin
        .post_form(
            &format!("/admin/users/{user_id}/permission"),
            &[("permission", "bets"), ("granted", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM user_permissions"),
        0,
        "workers cannot hold bets"
    );

    admin
        .post_form(
            &format!("/admin/users/{user_id}/role"),
            &[("role", "manager")],
        )
        .await;
    admin
        .post_form(
            &format!("/admin/users/{user_id}/permission"),
            &[("permission", "bets"), ("granted", "1")],
        )
        .await;

    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM users WHERE id = {user_id} AND role = 'manager'"
        )),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM user_permissions WHERE permission = 'bets'"),
        1
    );
    let (status, html) = admin.get_html("/admin/audit").await;
    assert_eq!(status, StatusCode::OK);
    let log = text(&html, "table");
    assert!(
        log.contains("user.role") && log.contains("user.permission"),
        "{log}"
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let (admin, admin_id) = app.login_as("admin").await;

    admin
        .post_form(
            &format!("/admin/users/{admin_id}/active"),
            &[("active", "0")],
        )
        .await;
    admin
        .post_form(
            &format!("/admin/users/{admin_id}/role"),
            &[("role", "client")],
        )
        .await;

    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM users WHERE id = {admin_id} AND role = 'admin' AND active = 1"
        )),
        1
    );
    assert_eq!(admin.get("/admin").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_user_list_searches_filters_and_paginates() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    for i in 0..30 {
        app.create_user("client", &format!("bulk{i}@example.com"));
    }
    app.create_user("worker", "findme@example.com");

    let (_, html) = admin.get_html("/admin/users?q=findme").await;
    assert!(text(&html, "tbody").contains("findme@example.com"));
    assert!(!text(&html, "tbody").contains("bulk1@"));

    let (_, html) = admin.get_html("/admin/users?role=client").await;
    assert_eq!(
        scraper::Selector::parse("tbody tr")
            .map(|s| html.select(&s).count())
            .unwrap(),
        25
    );
    assert!(text(&html, ".pagination").contains("Page 1 of 2"));
    let (_, page2) = admin.get_html("/admin/users?role=client&page=2").await;
    assert_eq!(
        scraper::Selector::parse("tbody tr")
            .map(|s| page2.select(&s).count())
            .unwrap(),
        5
    );
}

#[tokio::test]
async fn a_mail_opens_with_its_headers_text_attempts_and_when_it_was_sent() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    app.create_user("client", "olga@example.com");
    app.drain().await; // the welcome mails go out (as files)
    let id = app.count(
        "SELECT o.id FROM outbox o JOIN users u ON u.id = o.user_id
         WHERE u.email = 'olga@example.com'",
    );

    let (_, list) = admin.get_html("/admin/mail").await;
    assert_eq!(
        first_attr(&list, &format!("a[href='/admin/mail/{id}']"), "href"),
        Some(format!("/admin/mail/{id}"))
    );
    assert!(text(&list, "table").contains("Sent"));
    let (status, page) = admin.get_html(&format!("/admin/mail/{id}")).await;

    assert_eq!(status, StatusCode::OK);
    let shown = text(&page, "main");
    for expected in [
        "olga@example.com",
        "Welcome to Whiskerworks",
        "no-reply@whiskerworks.local",
        "Your account is ready",
        "Sent",
    ] {
        assert!(shown.contains(expected), "{expected} missing: {shown}");
    }
    assert_eq!(
        admin.get("/admin/mail/999999").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn granting_or_removing_a_permission_asks_first() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let manager = app.create_user("manager", "m@example.com");

    let (_, page) = admin.get_html(&format!("/admin/users/{manager}")).await;

    let confirm = first_attr(
        &page,
        &format!("form[action='/admin/users/{manager}/permission']"),
        "data-confirm",
    );
    assert_eq!(confirm.as_deref(), Some("Grant this permission?"));
}

#[tokio::test]
async fn the_audit_log_says_each_action_in_words() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let user = app.create_user("client", "c@example.com");
    admin
        .post_form(&format!("/admin/users/{user}/role"), &[("role", "worker")])
        .await;
    for lang in ["en", "ru"] {
        admin
            .post_form("/lang", &[("lang", lang), ("back", "/admin/audit")])
            .await;
        let (_, page) = admin.get_html("/admin/audit").await;
        let words = if lang == "en" {
            "Role changed"
        } else {
            "Изменена роль"
        };
        assert!(text(&page, "tbody").contains(words), "{lang}");
        assert!(text(&page, "tbody code").contains("user.role"));
    }
}
