//! Test harness: the real app on port 0 with a fresh SQLite file in a temp folder, mail
//! written as files, a manual clock, and HTTP clients with their own cookie jars.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use scraper::{Html, Selector};
use whiskerworks::clock::ManualClock;
use whiskerworks::config::Settings;
use whiskerworks::db::WriteTx;
use whiskerworks::jobs::{self, DrainReport};
use whiskerworks::{AppState, Application};

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    /// What the background work runs with (`drain` goes through it).
    pub runner: jobs::Runner,
    pub clock: ManualClock,
    /// Shared with a restarted app on the same folder; removed when the last one is dropped.
    pub dir: Arc<tempfile::TempDir>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the app with default settings changed by `configure`; background jobs are off
/// unless a test turns them on, so tests drive the work with `drain`.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings::defaults(dir.path());
    settings.bind = "127.0.0.1:0".parse().unwrap();
    settings.jobs = false;
    settings.log = "warn".into();
    // Scheduled backups only where a test asks for them.
    settings.operations.backup_every = None;
    // Most tests start tomorrow's job today; the start window has its own tests.
    settings.orders.start_window_minutes = 3 * 24 * 60;
    // The default screening only where a test asks for it (the hiring tests build their own).
    settings.hiring.default_screening = false;
    configure(&mut settings);
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let app = Application::build_with(settings, Arc::new(clock.clone()))
        .await
        .expect("app builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    let runner = app.runner().clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        base,
        state,
        runner,
        clock,
        dir: Arc::new(dir),
    }
}

/// Starts a second app on the same data folder, as after a restart of the process.
pub async fn restart(app: &TestApp) -> TestApp {
    restart_with(app, |_| {}).await
}

/// Restarts on the same data folder with some settings changed (e.g. the jobs runtime on).
pub async fn restart_with(app: &TestApp, configure: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = (*app.state.settings()).clone();
    settings.bind = "127.0.0.1:0".parse().unwrap();
    configure(&mut settings);
    let clock = ManualClock::new(app.clock.now_utc());
    let restarted = Application::build_with(settings, Arc::new(clock.clone()))
        .await
        .expect("app builds");
    let base = format!("http://127.0.0.1:{}", restarted.port());
    let state = restarted.state().clone();
    let runner = restarted.runner().clone();
    tokio::spawn(restarted.run_until_stopped());
    TestApp {
        base,
        state,
        runner,
        clock,
        dir: Arc::clone(&app.dir),
    }
}

impl TestApp {
    /// A browser-like client with its own cookies; redirects are not followed so tests see them.
    pub fn client(&self) -> TestClient {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestClient {
            http,
            base: self.base.clone(),
        }
    }

    /// Runs every reconciler once, as the cron tick would.
    pub async fn drain(&self) -> DrainReport {
        let runner = self.runner.clone();
        tokio::task::spawn_blocking(move || jobs::drain(&runner))
            .await
            .unwrap()
            .unwrap()
    }

    pub fn create_user(&self, role: &str, email: &str) -> i64 {
        let name = format!("Test {role}");
        whiskerworks::ops::users::create_user(
            &self.state,
            role,
            email,
            &name,
            Some(PASSWORD.into()),
        )
        .unwrap()
        .0
    }

    /// Creates a user of `role` and returns a client logged in as them.
    pub async fn login_as(&self, role: &str) -> (TestClient, i64) {
        let email = format!("{role}-{}@example.com", uuid_like());
        let id = self.create_user(role, &email);
        let client = self.client();
        let res = client.login(&email, PASSWORD).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "login as {role} failed"
        );
        (client, id)
    }

    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        use whiskerworks::clock::Clock;
        self.clock.now()
    }

    /// Runs `f` as one write through the app's writer: setup no page offers, and changes
    /// made behind the app's back.
    pub fn write<T>(&self, f: impl FnOnce(&WriteTx) -> rusqlite::Result<T>) -> T {
        whiskerworks::db::write_tx(&mut self.state.pool.get().unwrap(), f).unwrap()
    }

    /// Stores one business setting as the settings page would and makes it live.
    pub fn set_business(&self, key: &str, value: &str) {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO app_settings (key, value, version, updated_at) VALUES (?1, ?2, 0, '') \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![key, value],
            )
        });
        let stored = whiskerworks::state::stored_settings(&self.state.pool.get().unwrap()).unwrap();
        self.state
            .live_settings
            .apply(&stored)
            .expect("a valid business setting");
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.state
            .pool
            .get()
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }

    /// Every link to `path?token=…` mailed to `email` (mail files are quoted-printable).
    pub fn token_links(&self, email: &str, path: &str) -> Vec<String> {
        let prefix = format!("{path}?token=");
        self.mail_files()
            .iter()
            .map(|m| {
                m.replace("=\r\n", "")
                    .replace("=\n", "")
                    .replace("=3D", "=")
            })
            .filter(|m| m.contains(email))
            .filter_map(|m| {
                let start = m.find(&prefix)?;
                Some(m[start..start + prefix.len() + 64].to_string())
            })
            .collect()
    }

    pub fn mail_files(&self) -> Vec<String> {
        let dir = self.dir.path().join("mail");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return vec![];
        };
        entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

pub struct TestClient {
    pub http: reqwest::Client,
    pub base: String,
}

impl TestClient {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn get_html(&self, path: &str) -> (StatusCode, Html) {
        let res = self.get(path).await;
        let status = res.status();
        (status, Html::parse_document(&res.text().await.unwrap()))
    }

    /// The CSRF token the server expects from this client (read from a page's form).
    pub async fn csrf_token(&self) -> String {
        for path in ["/notifications", "/login"] {
            let (status, html) = self.get_html(path).await;
            if status == StatusCode::OK
                && let Some(token) = first_attr(&html, "input[name=csrf_token]", "value")
            {
                return token;
            }
        }
        panic!("no CSRF token found");
    }

    /// Posts a form with the right CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf_token().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(path, &all).await
    }

    /// Posts exactly these fields (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Posts a multipart form with the CSRF token in the header, as htmx would send it (the
    /// page's own form sends it as the first part; see `csrf::multipart_token_in_the_body_*`).
    pub async fn post_multipart(
        &self,
        path: &str,
        form: reqwest::multipart::Form,
    ) -> reqwest::Response {
        let token = self.csrf_token().await;
        self.http
            .post(format!("{}{path}", self.base))
            .header("X-CSRF-Token", token)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/login", &[("email", email), ("password", password)])
            .await
    }
}

pub fn text(html: &Html, selector: &str) -> String {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of each cell of each row matched by `rows` (e.g. `"#entries tbody tr"`).
pub fn table_rows(html: &Html, rows: &str) -> Vec<Vec<String>> {
    let (rows, cells) = (
        Selector::parse(rows).unwrap(),
        Selector::parse("td, th").unwrap(),
    );
    html.select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

pub fn first_attr(html: &Html, selector: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .next()
        .and_then(|e| e.value().attr(attr))
        .map(str::to_string)
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}
