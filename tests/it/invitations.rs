//! Admins invite people by email with a role: the link lets them choose a password and logs
//! them in; resending replaces the link, revoking closes it, and every step is audited.

use reqwest::StatusCode;

use crate::helpers::*;

/// Every invitation link mailed to `email`.
fn invite_links(app: &TestApp, email: &str) -> Vec<String> {
    app.token_links(email, "/invite")
}

#[tokio::test]
async fn an_invited_worker_chooses_a_password_through_the_link_and_is_logged_in() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let res = admin
        .post_form(
            "/admin/invitations",
            &[
                ("email", "Barsik@Example.com"),
                ("name", "Barsik"),
                ("role", "worker"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/admin/invitations");
    app.drain().await;
    let first = invite_links(&app, "barsik@example.com").remove(0);
    let (_, page) = admin.get_html("/admin/invitations").await;
    assert!(text(&page, "tbody").contains("barsik@example.com"));
    let mail = app.count("SELECT MAX(id) FROM outbox WHERE kind = 'invitation'");
    let (_, queued) = admin.get_html(&format!("/admin/mail/{mail}")).await;
    assert!(
        !text(&queued, "main").contains("/invite?token="),
        "the link is not for the queue's readers"
    );
    assert_eq!(
        app.client()
            .login("barsik@example.com", "anything at all")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no password opens an invitation that is not accepted"
    );

    let id = app.count("SELECT id FROM invitations");
    admin
        .post_form(&format!("/admin/invitations/{id}/resend"), &[])
        .await;
    app.drain().await;
    let second = invite_links(&app, "barsik@example.com")
        .into_iter()
        .find(|l| *l != first)
        .expect("a second link");
    let visitor = app.client();
    let (_, dead) = visitor.get_html(&first).await;
    assert!(text(&dead, "main").contains("has been used, revoked or has expired"));

    let (status, form) = visitor.get_html(&second).await;
    assert_eq!(status, StatusCode::OK);
    let token = first_attr(&form, "input[name=token]", "value").unwrap();
    let res = visitor
        .post_form(
            "/invite",
            &[
                ("token", &token),
                ("name", "Barsik the Cat"),
                ("password", "purr purr purr"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/worker");
    assert_eq!(visitor.get("/worker").await.status(), StatusCode::OK);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action IN
             ('user.invite', 'user.invite.resend', 'user.invite.accept')"
        ),
        3
    );
    let (_, used) = app.client().get_html(&second).await;
    assert!(text(&used, "main").contains("has been used"));
}

#[tokio::test]
async fn a_revoked_invitation_opens_nothing_and_a_used_email_cannot_be_invited() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    app.create_user("client", "taken@example.com");
    let taken = admin
        .post_form(
            "/admin/invitations",
            &[
                ("email", "taken@example.com"),
                ("name", "T"),
                ("role", "worker"),
            ],
        )
        .await;
    assert_eq!(location(&taken), "/admin/invitations");
    assert_eq!(app.count("SELECT COUNT(*) FROM invitations"), 0);

    admin
        .post_form(
            "/admin/invitations",
            &[
                ("email", "m@example.com"),
                ("name", "Murka"),
                ("role", "manager"),
            ],
        )
        .await;
    app.drain().await;
    let link = invite_links(&app, "m@example.com").remove(0);
    let id = app.count("SELECT id FROM invitations");
    admin
        .post_form(&format!("/admin/invitations/{id}/revoke"), &[])
        .await;
    let (_, page) = app.client().get_html(&link).await;
    assert!(text(&page, "main").contains("revoked"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.invite.revoke'"),
        1
    );
    assert_eq!(
        app.login_as("client")
            .await
            .0
            .get("/admin/invitations")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
