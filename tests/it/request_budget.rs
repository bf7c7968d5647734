//! The request budget of the expensive endpoints: past it, 429 with `Retry-After` and a page
//! in the user's language, per client address and per account; `X-Forwarded-For` counts
//! only behind a trusted proxy. The suite's clients are loopback, which is uncounted by
//! default: the first test turns counting on for loopback, the only one that does.

use std::net::IpAddr;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::helpers::*;

const QUOTE: &str = "/client/orders/quote?service=1";

/// A client connecting from `address` (any of 127.0.0.0/8 reaches the app), sending the
/// extra `headers` with every request.
fn client_at(app: &TestApp, address: &str, headers: &[(&'static str, &str)]) -> TestClient {
    let mut defaults = HeaderMap::new();
    for (name, value) in headers {
        defaults.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(address.parse::<IpAddr>().unwrap())
        .default_headers(defaults)
        .build()
        .unwrap();
    TestClient {
        http,
        base: app.base.clone(),
    }
}

/// A new client account; its email.
fn new_client(app: &TestApp, name: &str) -> String {
    let email = format!("{name}@budget.example.com");
    app.create_user("client", &email);
    email
}

async fn signed_in(client: TestClient, email: &str) -> TestClient {
    let res = client.login(email, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "login as {email}");
    client
}

/// The status and `Retry-After` (seconds) of one quote.
async fn quote(client: &TestClient) -> (StatusCode, Option<u64>) {
    let res = client.get(QUOTE).await;
    let retry_after = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    (res.status(), retry_after)
}

#[tokio::test]
async fn past_its_budget_an_address_or_account_waits_and_the_others_go_on() {
    let app = spawn_app_with(|s| {
        s.security.budget.limit_loopback = true;
        s.security.budget.per_ip_per_minute = 5;
        s.security.budget.per_account_per_minute = 2;
    })
    .await;
    let (a, b, c, d) = (
        new_client(&app, "a"),
        new_client(&app, "b"),
        new_client(&app, "c"),
        new_client(&app, "d"),
    );
    let a_here = signed_in(client_at(&app, "127.0.0.1", &[]), &a).await;
    let a_elsewhere = signed_in(client_at(&app, "127.0.0.2", &[]), &a).await;
    let b_here = signed_in(client_at(&app, "127.0.0.1", &[]), &b).await;
    let c_here = signed_in(client_at(&app, "127.0.0.1", &[]), &c).await;
    let forwarded = [("x-forwarded-for", "10.1.2.3")];
    let d_claiming_another = signed_in(client_at(&app, "127.0.0.1", &forwarded), &d).await;
    let d_elsewhere = signed_in(client_at(&app, "127.0.0.2", &[]), &d).await;

    // Account a spends its two: the third waits for one to come back (60 s / 2).
    assert_eq!(quote(&a_here).await.0, StatusCode::OK);
    assert_eq!(quote(&a_here).await.0, StatusCode::OK);
    let res = a_here.get(QUOTE).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.headers()["retry-after"], "30");
    let page = res.text().await.unwrap();
    assert!(page.contains("Too many requests") && page.contains("wait 30 seconds"));
    // The account's budget follows it to another address.
    assert_eq!(
        quote(&a_elsewhere).await,
        (StatusCode::TOO_MANY_REQUESTS, Some(30))
    );

    // Another account is not held back by a's: b spends two, c one, and the address its five.
    assert_eq!(quote(&b_here).await.0, StatusCode::OK);
    assert_eq!(quote(&b_here).await.0, StatusCode::OK);
    assert_eq!(quote(&c_here).await.0, StatusCode::OK);
    assert_eq!(
        quote(&c_here).await,
        (StatusCode::TOO_MANY_REQUESTS, Some(12))
    );
    // Without a trusted proxy, X-Forwarded-For is the client's say-so: the address counts.
    assert_eq!(
        quote(&d_claiming_another).await,
        (StatusCode::TOO_MANY_REQUESTS, Some(12))
    );
    // A visitor from the address is refused too, in their language.
    let visitor = client_at(&app, "127.0.0.1", &[("accept-language", "ru")]);
    let res = visitor.get("/events").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = res.text().await.unwrap();
    assert!(page.contains("Слишком много запросов") && page.contains("12 секунд"));
    // Another address is not held back.
    assert_eq!(quote(&d_elsewhere).await.0, StatusCode::OK);

    // Time gives the budget back (the app's clock: no waiting here).
    app.clock.advance(chrono::Duration::seconds(12));
    assert_eq!(quote(&c_here).await.0, StatusCode::OK);
    assert_eq!(quote(&b_here).await.0, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_counts_even_a_made_up_loopback() {
    let app = spawn_app_with(|s| {
        s.trust_proxy = true;
        s.security.budget.per_ip_per_minute = 1;
        s.security.budget.per_account_per_minute = 100;
    })
    .await;
    let email = new_client(&app, "e");
    let mut statuses = Vec::new();
    for address in ["10.0.0.1", "10.0.0.1", "10.0.0.2", "127.0.0.1", "127.0.0.1"] {
        let via_proxy = client_at(&app, "127.0.0.1", &[("x-forwarded-for", address)]);
        // Each signs in anew: the login page and form are not expensive endpoints.
        let via_proxy = signed_in(via_proxy, &email).await;
        statuses.push(quote(&via_proxy).await.0.as_u16());
    }
    // A tool on the host itself, not through the proxy, is not counted.
    let local = signed_in(client_at(&app, "127.0.0.1", &[]), &email).await;
    for _ in 0..3 {
        statuses.push(quote(&local).await.0.as_u16());
    }

    assert_eq!(statuses, [200, 429, 200, 200, 429, 200, 200, 200]);
}
