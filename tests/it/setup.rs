//! First-run set-up: the link `serve` prints while no admin exists makes the first admin
//! once and signs them in; a used, expired, wrong or renewed link, or any admin, refuses it;
//! the link is never in the log.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::*;
use crate::shutdown::{free_port, terminate};

const ADMIN: &[(&str, &str)] = &[
    ("name", "Olga Owner"),
    ("email", "owner@example.com"),
    ("password", PASSWORD),
];

/// A fresh link, as a start with no admin makes it.
fn renew(app: &TestApp) -> Option<String> {
    let now = app.clock_now();
    let mut conn = app.state.pool.get().unwrap();
    whiskerworks::auth::service::setup::renew(&mut conn, now).unwrap()
}

async fn submit(client: &TestClient, token: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut all = fields.to_vec();
    all.push(("token", token));
    client.post_form("/setup", &all).await
}

#[tokio::test]
async fn the_link_makes_one_signed_in_admin_and_then_is_refused() {
    let app = spawn_app().await;
    let token = renew(&app).expect("no admin yet: a link");
    let owner = app.client();

    let (status, page) = owner.get_html(&format!("/setup?token={token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text(&page, "article").contains("Europe/Moscow"),
        "the time zone in use"
    );
    assert!(
        text(&page, "article").contains("RUB"),
        "the currency in use"
    );

    let typo = [
        ("name", "Olga Owner"),
        ("email", "not an email"),
        ("password", "short"),
    ];
    let res = submit(&owner, &token, &typo).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = scraper::Html::parse_document(&res.text().await.unwrap());
    assert!(
        !text(&page, "#email-error").is_empty(),
        "the email is refused"
    );
    assert!(
        !text(&page, "#password-error").is_empty(),
        "the password is refused"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM users"), 0);

    let res = submit(&owner, &token, ADMIN).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "an invalid form left the link working"
    );
    assert_eq!(location(&res), "/admin/settings?setup=1");
    let (status, next) = owner.get_html("/setup/next").await;
    assert_eq!(status, StatusCode::OK, "signed in as the admin");
    assert!(first_attr(&next, "a[href='/admin/invitations']", "href").is_some());
    assert_eq!(owner.get("/admin").await.status(), StatusCode::OK);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM users u JOIN audit_log a ON a.subject = 'user:' || u.id
             WHERE u.role = 'admin' AND u.email = 'owner@example.com' AND a.action = 'user.setup'"
        ),
        1
    );

    let again = app.client();
    let second = [
        ("name", "Mallory"),
        ("email", "mallory@example.com"),
        ("password", PASSWORD),
    ];
    assert_eq!(
        submit(&again, &token, &second).await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, _) = again.get_html(&format!("/setup?token={token}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a used link is refused");
    assert_eq!(app.count("SELECT COUNT(*) FROM users"), 1);
    assert_eq!(renew(&app), None, "with an admin no new link is made");
}

#[tokio::test]
async fn a_wrong_expired_or_replaced_link_is_refused_and_so_is_any_after_an_admin() {
    let app = spawn_app().await;
    let visitor = app.client();
    let first = renew(&app).unwrap();
    let wrong = "0".repeat(64);
    for path in [
        "/setup",
        "/setup?token=nothing",
        &format!("/setup?token={wrong}"),
    ] {
        assert_eq!(
            visitor.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        submit(&visitor, &wrong, ADMIN).await.status(),
        StatusCode::NOT_FOUND
    );

    let second = renew(&app).unwrap();
    let old = visitor.get(&format!("/setup?token={first}")).await;
    assert_eq!(
        old.status(),
        StatusCode::NOT_FOUND,
        "a renewed link replaces the old"
    );
    assert_eq!(
        submit(&visitor, &first, ADMIN).await.status(),
        StatusCode::NOT_FOUND
    );

    app.clock.advance(chrono::Duration::hours(24));
    let late = visitor.get(&format!("/setup?token={second}")).await;
    assert_eq!(
        late.status(),
        StatusCode::NOT_FOUND,
        "a day later the link has expired"
    );

    let third = renew(&app).unwrap();
    let page = visitor.get(&format!("/setup?token={third}")).await;
    assert_eq!(page.status(), StatusCode::OK);
    app.create_user("admin", "cli-admin@example.com");
    let refused = visitor.get(&format!("/setup?token={third}")).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND, "an admin exists");
    assert_eq!(
        submit(&visitor, &third, ADMIN).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE role = 'admin'"),
        1
    );
}

#[tokio::test]
async fn the_form_follows_the_browsers_language() {
    let app = spawn_app().await;
    let token = renew(&app).unwrap();
    let http = reqwest::Client::new();
    let body = http
        .get(format!("{}/setup?token={token}", app.base))
        .header("Accept-Language", "ru-RU,ru;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = scraper::Html::parse_document(&body);
    assert_eq!(first_attr(&page, "html", "lang").as_deref(), Some("ru"));
    assert!(text(&page, "h1").contains("Настройка"));
}

/// A running `serve` with its standard output read line by line and its log collected.
struct Served {
    child: Child,
    stdout: mpsc::Receiver<String>,
    log: mpsc::Receiver<String>,
    log_seen: Vec<String>,
    base: String,
}

fn serve(dir: &std::path::Path) -> Served {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(dir)
        .env("WHISKERWORKS_BASE_URL", &base)
        .env("RUST_LOG", "debug")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let (tx, stdout) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (tx, log) = mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    Served {
        child,
        stdout,
        log,
        log_seen: Vec::new(),
        base,
    }
}

impl Served {
    /// The link's token, from the first line on standard output that carries one.
    fn token(&self) -> String {
        loop {
            let line = self
                .stdout
                .recv_timeout(Duration::from_secs(60))
                .expect("serve printed a set-up link");
            if let Some((link, token)) = line.split_once("/setup?token=") {
                assert_eq!(link, self.base, "the link is on the base URL");
                return token.trim().to_string();
            }
        }
    }

    /// Waits until the log says the server listens.
    fn listening(&mut self) {
        loop {
            let line = self
                .log
                .recv_timeout(Duration::from_secs(60))
                .expect("serve logged that it listens");
            let done = line.contains("listening");
            self.log_seen.push(line);
            if done {
                return;
            }
        }
    }

    /// Stops the process; everything else it printed and its whole log.
    fn stop(mut self) -> (String, String) {
        terminate(&self.child);
        self.child.wait().unwrap();
        let rest: Vec<String> = self.stdout.iter().collect();
        self.log_seen.extend(self.log.iter());
        (rest.join("\n"), self.log_seen.join("\n"))
    }
}

#[tokio::test]
async fn serve_prints_the_link_on_stdout_only_and_renews_it_at_each_start() {
    let dir = tempfile::tempdir().unwrap();
    let visitor = |base: &str| TestClient {
        http: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        base: base.to_string(),
    };

    let first = serve(dir.path());
    let old = first.token();
    let client = visitor(&first.base);
    let page = client.get(&format!("/setup?token={old}")).await;
    assert_eq!(page.status(), StatusCode::OK, "a first start's link works");
    let (_, log_one) = first.stop();

    let second = serve(dir.path());
    let new = second.token();
    assert_ne!(new, old);
    let client = visitor(&second.base);
    let stale = client.get(&format!("/setup?token={old}")).await;
    assert_eq!(
        stale.status(),
        StatusCode::NOT_FOUND,
        "a restart retires the old link"
    );
    let res = submit(&client, &new, ADMIN).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        client.get("/admin").await.status(),
        StatusCode::OK,
        "signed in as the admin"
    );
    let used = visitor(&second.base);
    let again = submit(&used, &new, ADMIN).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "the link works once");
    let (_, log_two) = second.stop();

    for (log, token) in [(&log_one, &old), (&log_two, &new)] {
        assert!(!log.is_empty(), "the log was collected");
        assert!(
            !log.contains(token.as_str()),
            "the log never carries the link"
        );
    }

    let mut third = serve(dir.path());
    third.listening();
    let (printed, _) = {
        let page = visitor(&third.base).get("/login").await;
        assert_eq!(page.status(), StatusCode::OK);
        third.stop()
    };
    assert!(
        !printed.contains("/setup?token="),
        "no link once an admin exists"
    );
}

#[test]
fn create_user_help_names_the_roles() {
    let out = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(["admin", "create-user", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for role in ["client", "worker", "manager", "admin", "candidate"] {
        assert!(help.contains(role), "{role} in:\n{help}");
    }
}
