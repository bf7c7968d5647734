//! The company's own name and logo: every page, the installable app and mail show the name
//! the business set instead of the software's, and the logo an admin uploads (or the shipped
//! one again once it is removed); a file that is no logo is refused and changes nothing.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::*;

const COMPANY: &str = "Acme Cleaning";
const LONG_NAME: &str = "Санкт-Петербургская клининговая компания «Чистый дом»";

/// A PNG's signature and header chunk with the given size (the app reads no further).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.extend_from_slice(&13u32.to_be_bytes());
    b.extend_from_slice(b"IHDR");
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&[8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
    b.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    b
}

fn logo_form(name: &str, bytes: Vec<u8>) -> Form {
    Form::new().part("logo", Part::bytes(bytes).file_name(name.to_string()))
}

async fn manifest(client: &TestClient) -> serde_json::Value {
    let res = client.get("/manifest.webmanifest").await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// A mail file as its text reads (quoted-printable undone for the parts tests look at).
fn unfolded(mail: &str) -> String {
    mail.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

#[tokio::test]
async fn a_company_name_is_what_the_landing_page_titles_header_manifest_and_mail_say() {
    let app = spawn_app().await;
    app.set_business("company_name", COMPANY);
    let visitor = app.client();

    let (status, landing) = visitor.get_html("/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text(&landing, "h1"), COMPANY);
    assert!(text(&landing, "title").ends_with(&format!(" — {COMPANY}")));
    let page = landing.html();
    assert!(!page.contains("Whiskerworks"), "{page}");
    assert!(
        !page.to_lowercase().contains("fortune"),
        "the landing page sells no cookies"
    );

    let manifest = manifest(&visitor).await;
    assert_eq!(manifest["name"], COMPANY);
    assert_eq!(manifest["short_name"], "Acme");
    assert!(!manifest.to_string().contains("Whiskerworks"));

    let res = visitor
        .post_form(
            "/register",
            &[
                ("name", "Olga Test"),
                ("email", "olga@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, home) = visitor.get_html("/client").await;
    assert!(text(&home, "title").ends_with(&format!(" — {COMPANY}")));
    assert_eq!(text(&home, ".site-header .brand-name"), COMPANY);
    assert_eq!(
        text(&home, ".flash"),
        format!("Welcome to {COMPANY}! Your account is ready.")
    );
    assert!(!home.html().contains("Whiskerworks"));

    app.drain().await;
    let mails = app.mail_files();
    assert_eq!(mails.len(), 1);
    let mail = unfolded(&mails[0]);
    assert!(
        mail.contains(&format!("Subject: Welcome to {COMPANY}")),
        "{mail}"
    );
    assert!(
        mail.lines().any(|l| l.starts_with("From: ")
            && l.contains(COMPANY)
            && l.contains("<no-reply@whiskerworks.local>")),
        "the sender is the company at the configured address: {mail}"
    );
    assert!(!mail.contains("Whiskerworks"), "{mail}");
    assert!(
        !mail.contains("/brand/logo"),
        "no logo uploaded, none in the mail"
    );
}

#[tokio::test]
async fn a_long_company_name_is_shown_whole_in_the_header_to_be_cut_by_the_style_only() {
    let app = spawn_app().await;
    app.set_business("company_name", LONG_NAME);
    let (client, _) = app.login_as("worker").await;
    client
        .post_form("/lang", &[("lang", "ru"), ("back", "/worker")])
        .await;

    let (_, page) = client.get_html("/worker").await;

    assert_eq!(text(&page, ".site-header .brand-name"), LONG_NAME);
    assert_eq!(
        first_attr(&page, ".site-header a.brand", "title").as_deref(),
        Some(LONG_NAME)
    );
    assert!(text(&page, "title").ends_with(&format!(" — {LONG_NAME}")));
    assert_eq!(
        manifest(&client).await["short_name"],
        "Санкт-Петербургская".chars().take(12).collect::<String>()
    );
}

#[tokio::test]
async fn a_mail_sender_set_in_the_configuration_keeps_its_own_name() {
    let app = spawn_app_with(|s| {
        s.mail_from = "Dispatch <dispatch@acme.example>".parse().unwrap();
        s.mail_from_given = true;
    })
    .await;
    app.set_business("company_name", COMPANY);
    app.client()
        .post_form(
            "/register",
            &[
                ("name", "Olga Test"),
                ("email", "olga@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;

    app.drain().await;

    let mail = unfolded(&app.mail_files()[0]);
    assert!(
        mail.contains("From: Dispatch <dispatch@acme.example>"),
        "{mail}"
    );
    assert!(mail.contains(&format!("Subject: Welcome to {COMPANY}")));
}

#[tokio::test]
async fn an_uploaded_logo_is_served_shown_in_the_header_the_manifest_and_mail_until_removed() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let (_, before) = admin.get_html("/admin").await;
    let cat = first_attr(&before, ".site-header a.brand img", "src").unwrap();
    assert_eq!(
        admin.get("/brand/logo").await.status(),
        StatusCode::NOT_FOUND
    );
    let logo = png(300, 100);

    let res = admin
        .post_multipart("/admin/settings/logo", logo_form("acme.png", logo.clone()))
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/admin/settings#logo");
    let (_, page) = admin.get_html("/admin").await;
    assert_eq!(
        text(&page, ".flash"),
        "The logo is saved and shown everywhere."
    );
    let src = first_attr(&page, ".site-header a.brand img", "src").unwrap();
    assert!(src.starts_with("/brand/logo?v="), "{src}");
    let served = admin.get(&src).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert!(
        served.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(served.bytes().await.unwrap().to_vec(), logo);
    let anyone = app.client();
    assert_eq!(
        anyone.get("/brand/logo").await.status(),
        StatusCode::OK,
        "public, for mail"
    );
    let icons = manifest(&anyone).await["icons"].clone();
    assert_eq!(icons.as_array().unwrap().len(), 1);
    assert_eq!(icons[0]["src"], src.as_str());
    assert_eq!(icons[0]["sizes"], "300x100");
    assert_eq!(icons[0]["type"], "image/png");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.logo' AND details LIKE '%\"width\":300%'"),
        1
    );

    anyone
        .post_form(
            "/register",
            &[
                ("name", "Olga"),
                ("email", "olga@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    app.drain().await;
    let mail = unfolded(&app.mail_files()[0]);
    assert!(
        mail.contains(&format!(
            "{}{src}",
            app.state.settings().base_url.trim_end_matches('/')
        )),
        "{mail}"
    );

    let res = admin.post_form("/admin/settings/logo/remove", &[]).await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        admin.get("/brand/logo").await.status(),
        StatusCode::NOT_FOUND
    );
    let (_, after) = admin.get_html("/admin").await;
    assert_eq!(
        first_attr(&after, ".site-header a.brand img", "src").unwrap(),
        cat
    );
    assert_eq!(manifest(&anyone).await["icons"][0]["sizes"], "192x192");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.logo.removed'"),
        1
    );
}

#[tokio::test]
async fn a_file_that_is_no_logo_is_refused_in_the_admins_language_and_changes_nothing() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let logo = png(64, 64);
    admin
        .post_multipart("/admin/settings/logo", logo_form("logo.png", logo.clone()))
        .await;
    admin
        .post_form("/lang", &[("lang", "ru"), ("back", "/admin")])
        .await;
    let audited = app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'settings.logo%'");

    let text_file = admin
        .post_multipart(
            "/admin/settings/logo",
            logo_form("logo.png", b"not a picture at all".to_vec()),
        )
        .await;
    assert_eq!(text_file.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.get_html("/admin").await;
    assert_eq!(
        text(&page, ".flash.error"),
        "Логотип не сохранён: файл не является изображением PNG или JPEG."
    );

    let mut huge = png(4000, 4000);
    huge.resize(1024 * 1024 + 1, 0);
    let too_big = admin
        .post_multipart("/admin/settings/logo", logo_form("big.png", huge))
        .await;
    assert_eq!(too_big.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.get_html("/admin").await;
    assert_eq!(
        text(&page, ".flash.error"),
        "Логотип не сохранён: файл больше 1 МБ."
    );

    let gif = admin
        .post_multipart(
            "/admin/settings/logo",
            logo_form("logo.gif", b"GIF89a\x40\x00\x40\x00".to_vec()),
        )
        .await;
    assert_eq!(gif.status(), StatusCode::SEE_OTHER);

    assert_eq!(
        admin
            .get("/brand/logo")
            .await
            .bytes()
            .await
            .unwrap()
            .to_vec(),
        logo
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'settings.logo%'"),
        audited
    );
    assert_eq!(manifest(&admin).await["icons"][0]["sizes"], "64x64");
}

#[tokio::test]
async fn only_an_admin_may_change_the_logo() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;

    let res = manager
        .post_multipart("/admin/settings/logo", logo_form("logo.png", png(10, 10)))
        .await;

    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM company_logo"), 0);
}
