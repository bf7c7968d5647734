//! `/metrics`: off without a token, refused without the right bearer token, and with it the
//! Prometheus text with request, pool, queue, outbox, billing, pack, backup and process series,
//! every one the operations guide names there from the start.

use reqwest::StatusCode;

use crate::helpers::*;

const TOKEN: &str = "scrape-me-0123456789abcdef";

async fn scrape(app: &TestApp, authorization: Option<&str>) -> reqwest::Response {
    let mut req = reqwest::Client::new().get(format!("{}/metrics", app.base));
    if let Some(value) = authorization {
        req = req.header("Authorization", value);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn metrics_are_off_unless_a_token_is_set() {
    let app = spawn_app().await;

    let res = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;

    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn metrics_need_the_bearer_token_and_parse_as_prometheus_text() {
    // Arrange: some traffic, a drained pass (mail, billing, a backup).
    let app = spawn_app_with(|s| {
        s.operations.metrics_token = Some(TOKEN.into());
        s.operations.backup_every = Some(chrono::Duration::hours(24));
    })
    .await;
    app.create_user("client", "counted@example.com");
    assert_eq!(app.client().get("/login").await.status(), StatusCode::OK);
    app.drain().await;

    // Act
    let anonymous = scrape(&app, None).await;
    let wrong = scrape(&app, Some("Bearer not-the-token-at-all")).await;
    let res = scrape(&app, Some(&format!("Bearer {TOKEN}"))).await;

    // Assert
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.status(), StatusCode::OK);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    let text = res.text().await.unwrap();
    let scrape = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_string())))
        .expect("Prometheus exposition format");
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (_, value) = line.rsplit_once(' ').expect("`series value` lines");
        assert!(value.parse::<f64>().is_ok(), "value of {line}");
    }
    let has = |metric: &str, label: Option<(&str, &str)>| {
        scrape
            .samples
            .iter()
            .any(|s| s.metric == metric && label.is_none_or(|(k, v)| s.labels.get(k) == Some(v)))
    };
    assert!(
        has(
            "whiskerworks_http_requests_total",
            Some(("route", "/login"))
        ),
        "{text}"
    );
    assert!(has(
        "whiskerworks_http_request_duration_seconds",
        Some(("route", "/login"))
    ));
    assert!(has("whiskerworks_db_pool_wait_seconds", None));
    assert!(has(
        "whiskerworks_db_pool_connections",
        Some(("state", "idle"))
    ));
    assert!(has("whiskerworks_job_queue", Some(("status", "Pending"))));
    assert!(has("whiskerworks_outbox_mails", Some(("status", "sent"))));
    assert!(has("whiskerworks_outbox_mails", Some(("status", "dead"))));
    assert!(has(
        "whiskerworks_billing_passes_total",
        Some(("outcome", "done"))
    ));
    assert!(has("whiskerworks_packs", Some(("state", "pending"))));
    assert!(has("whiskerworks_last_backup_age_seconds", None));
}

/// The series the operations guide names in its metrics paragraph.
fn documented_series() -> Vec<String> {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/operations.md"))
        .expect("docs/operations.md");
    let paragraph: String = guide
        .lines()
        .skip_while(|l| !l.starts_with("- **Metrics**"))
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.starts_with("  "))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join(" ");
    let mut names: Vec<String> = paragraph
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with("whiskerworks_"))
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[tokio::test]
async fn every_series_the_operations_guide_names_is_in_a_fresh_apps_metrics() {
    // Arrange: a fresh app as `serve` runs it (jobs on), nothing asked of it yet.
    let app = spawn_app_with(|s| {
        s.operations.metrics_token = Some(TOKEN.into());
        s.jobs = true;
    })
    .await;
    let documented = documented_series();
    assert!(
        documented.len() >= 10,
        "read from the guide: {documented:?}"
    );

    // Act
    let text = scrape(&app, Some(&format!("Bearer {TOKEN}")))
        .await
        .text()
        .await
        .unwrap();

    // Assert: a sample of each (not only its description), and the process's own gauges.
    let scrape = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_string())))
        .expect("Prometheus exposition format");
    let process = [
        "whiskerworks_process_threads",
        "whiskerworks_process_resident_memory_bytes",
        "whiskerworks_process_open_fds",
    ];
    let missing: Vec<&str> = documented
        .iter()
        .map(String::as_str)
        .chain(process)
        .filter(|name| !scrape.samples.iter().any(|s| s.metric == *name))
        .collect();
    assert!(missing.is_empty(), "missing {missing:?} in\n{text}");
    let threads = scrape
        .samples
        .iter()
        .find(|s| s.metric == "whiskerworks_process_threads")
        .map(|s| match s.value {
            prometheus_parse::Value::Gauge(v) => v,
            _ => 0.0,
        });
    assert!(threads.is_some_and(|n| n >= 1.0), "{threads:?}");
}
