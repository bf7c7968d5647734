//! What the HTTP benchmarks share: the demo manager's login and p50/p99 of repeated GETs.

use std::time::{Duration, Instant};

/// A cookie-keeping client signed in as the demo manager.
#[allow(dead_code)] // the load benchmark signs in simulated people instead
pub async fn demo_manager(base: &str) -> anyhow::Result<reqwest::Client> {
    sign_in(base, "manager@example.com", "whiskers-demo").await
}

/// A cookie-keeping client signed in with `email` and `password`.
#[allow(dead_code)] // not every benchmark signs in anyone but the demo manager
pub async fn sign_in(base: &str, email: &str, password: &str) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let page = client
        .get(format!("{base}/login"))
        .send()
        .await?
        .text()
        .await?;
    let token = page
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_string();
    let res = client
        .post(format!("{base}/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &token),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        res.status() == reqwest::StatusCode::SEE_OTHER,
        "{email} logs in"
    );
    Ok(client)
}

#[allow(dead_code)]
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// p50 and p99 of `runs` GETs of `url`, each read to the end.
pub async fn measure(client: &reqwest::Client, url: &str, runs: usize) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let res = client.get(url).send().await.unwrap();
        assert!(res.status().is_success(), "{url}: {}", res.status());
        res.bytes().await.unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}
