//! "Forgot password?": an emailed single-use link, the same answer for every email, limits
//! per email and per address, and every session ended by the new password.

use reqwest::StatusCode;

use crate::helpers::*;

/// The reset link in the newest mail file to `email` (mail files are quoted-printable).
fn link_in_mail(app: &TestApp, email: &str) -> String {
    let mails: Vec<String> = app
        .mail_files()
        .iter()
        .map(|m| {
            m.replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=3D", "=")
        })
        .collect();
    let mail = mails
        .iter()
        .rfind(|m| m.contains(email) && m.contains("reset-password?token="))
        .expect("a reset mail");
    let start = mail.find("/reset-password?token=").unwrap();
    mail[start..start + "/reset-password?token=".len() + 64].to_string()
}

async fn ask(app: &TestApp, email: &str) -> reqwest::Response {
    app.client()
        .post_form("/forgot-password", &[("email", email)])
        .await
}

#[tokio::test]
async fn a_forgotten_password_is_replaced_through_a_single_use_link() {
    let app = spawn_app().await;
    app.create_user("client", "olga@example.com");
    let signed_in = app.client();
    signed_in.login("olga@example.com", PASSWORD).await;

    let known = ask(&app, "Olga@Example.com").await;
    let unknown = ask(&app, "nobody@example.com").await;
    assert_eq!(known.status(), StatusCode::OK);
    let (known, unknown) = (known.text().await.unwrap(), unknown.text().await.unwrap());
    assert!(known.contains("If an account uses that email"));
    assert_eq!(
        known.replace(char::is_whitespace, "").len(),
        unknown.replace(char::is_whitespace, "").len(),
        "the same answer for a known and an unknown email"
    );
    app.drain().await;
    let link = link_in_mail(&app, "olga@example.com");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE body_text LIKE '%reset-password?token=%'"),
        0,
        "a sent link is not kept in the outbox"
    );

    let visitor = app.client();
    let (status, page) = visitor.get_html(&link).await;
    assert_eq!(status, StatusCode::OK);
    let token = first_attr(&page, "input[name=token]", "value").unwrap();
    let short = visitor
        .post_form(
            "/reset-password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = visitor
        .post_form(
            "/reset-password",
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(location(&done), "/login");

    assert_eq!(
        signed_in.get("/client").await.status(),
        StatusCode::SEE_OTHER,
        "every session ended"
    );
    assert_eq!(
        app.client()
            .login("olga@example.com", "a brand new passphrase")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (_, again) = visitor.get_html(&link).await;
    assert!(text(&again, "main").contains("used or has expired"));
}

#[tokio::test]
async fn a_link_lasts_an_hour_and_requests_are_limited_per_email_and_address() {
    let app = spawn_app().await;
    app.create_user("client", "olga@example.com");
    ask(&app, "olga@example.com").await;
    app.drain().await;
    let link = link_in_mail(&app, "olga@example.com");
    app.clock.advance(chrono::Duration::minutes(61));
    let (_, page) = app.client().get_html(&link).await;
    assert!(text(&page, "main").contains("used or has expired"));

    for _ in 0..5 {
        assert_eq!(ask(&app, "olga@example.com").await.status(), StatusCode::OK);
        app.drain().await;
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'password_reset'"),
        1 + 3,
        "three mails an hour to one email, however often it is asked"
    );
    // The first request is more than an hour old: five more make ten within the hour.
    for i in 0..5 {
        ask(&app, &format!("someone{i}@example.com")).await;
    }
    assert_eq!(
        ask(&app, "olga@example.com").await.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "ten requests an hour from one address"
    );
}

/// The reset link of the one mail to `email` not among `seen`, added to `seen`.
fn new_link(app: &TestApp, email: &str, seen: &mut Vec<String>) -> String {
    let links: Vec<String> = app
        .token_links(email, "/reset-password")
        .into_iter()
        .filter(|l| !seen.contains(l))
        .collect();
    assert_eq!(links.len(), 1, "one new link");
    seen.push(links[0].clone());
    links[0].clone()
}

/// Whether the reset link `link` still opens the form.
async fn live(app: &TestApp, link: &str) -> bool {
    let (_, page) = app.client().get_html(link).await;
    !text(&page, "main").contains("used or has expired")
}

#[tokio::test]
async fn a_newer_link_a_used_link_and_a_password_change_each_retire_every_other_link() {
    let app = spawn_app().await;
    app.create_user("client", "olga@example.com");
    let mut seen = Vec::new();
    ask(&app, "olga@example.com").await;
    app.drain().await;
    let first = new_link(&app, "olga@example.com", &mut seen);
    // Two links outstanding, as the finding had them (the first made before this rule).
    app.write(|tx| tx.execute("UPDATE password_resets SET used_at = NULL", []));
    ask(&app, "olga@example.com").await;
    app.drain().await;
    let second = new_link(&app, "olga@example.com", &mut seen);
    assert!(
        !live(&app, &first).await,
        "the newer link retires the older"
    );
    app.write(|tx| tx.execute("UPDATE password_resets SET used_at = NULL", []));
    assert!(live(&app, &first).await && live(&app, &second).await);

    // Using one retires the other.
    let visitor = app.client();
    let token = second.rsplit('=').next().unwrap();
    let done = visitor
        .post_form(
            "/reset-password",
            &[("token", token), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(location(&done), "/login");
    assert!(
        !live(&app, &first).await,
        "the other link died with the reset"
    );

    // A password changed under Account retires a link asked for before.
    ask(&app, "olga@example.com").await;
    app.drain().await;
    let third = new_link(&app, "olga@example.com", &mut seen);
    assert!(live(&app, &third).await);
    let me = app.client();
    me.login("olga@example.com", "a brand new passphrase").await;
    let res = me
        .post_form(
            "/account/password",
            &[
                ("current", "a brand new passphrase"),
                ("new", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/account");
    assert!(!live(&app, &third).await, "the change retired the link");
}

#[tokio::test]
async fn a_request_does_the_same_work_for_known_and_unknown_emails_and_the_mail_job_sends() {
    let app = spawn_app().await;
    app.create_user("client", "olga@example.com");

    ask(&app, "olga@example.com").await;
    ask(&app, "nobody@example.com").await;

    // No mail inside the request: both are one recorded request, each owing a mail job pass.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'password_reset'"),
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM password_resets WHERE mail_token IS NOT NULL"),
        2
    );
    app.drain().await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'password_reset'"),
        1,
        "only the account's owner is mailed"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM password_resets WHERE mail_token IS NOT NULL"),
        0,
        "no raw token is kept once the pass is done"
    );
    assert!(link_in_mail(&app, "olga@example.com").contains("token="));
}
