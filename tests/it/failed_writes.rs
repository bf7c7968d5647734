//! Writes the database cannot take: while another process holds the write lock every write
//! waits the same bounded time and gets the same 503 with `Retry-After`; a refused order
//! comes back as the order form, as typed, in the client's language.

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

/// A writer's longest wait (`db::Limits::wait`).
const WAIT: Duration = Duration::from_secs(5);

/// Another process's write transaction on the app's database, open until dropped.
fn hold_write_lock(app: &TestApp) -> rusqlite::Connection {
    let path = whiskerworks::db::db_path(&app.state.settings().data_dir);
    let holder = rusqlite::Connection::open(path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    holder
}

fn order_fields<'a>(w: &'a World, date: &'a str, notes: &'a str) -> Vec<(&'static str, String)> {
    vec![
        ("service", w.service_id.to_string()),
        ("option", w.option_id.to_string()),
        ("address", "new".into()),
        ("new_address", "7 Lock Lane".into()),
        ("date", date.into()),
        ("time", "11:15".into()),
        ("notes", notes.into()),
    ]
}

async fn post_order(
    w: &World,
    token: &str,
    fields: &[(&'static str, String)],
) -> reqwest::Response {
    let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    all.push(("csrf_token", token));
    w.client.post_raw("/client/orders", &all).await
}

#[tokio::test]
async fn three_writes_behind_a_lock_held_elsewhere_all_get_the_same_503_after_one_wait() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let token = w.client.csrf_token().await;
    let date = tomorrow(&app);
    let fields = order_fields(&w, &date, "Ring twice");
    let holder = hold_write_lock(&app);

    let started = Instant::now();
    let (a, b, c) = tokio::join!(
        post_order(&w, &token, &fields),
        post_order(&w, &token, &fields),
        post_order(&w, &token, &fields),
    );
    let took = started.elapsed();

    for res in [a, b, c] {
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers()["retry-after"], "1");
    }
    assert!(
        took >= WAIT && took < WAIT + Duration::from_secs(2),
        "{took:?}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM orders"), 0);
    drop(holder);
    let res = post_order(&w, &token, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_refused_order_shows_the_form_again_as_typed_in_the_clients_language() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let token = w.client.csrf_token().await;
    let date = tomorrow(&app);
    let fields = order_fields(&w, &date, "The cat hides under the sofa");
    let holder = hold_write_lock(&app);

    let res = post_order(&w, &token, &fields).await;

    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()["retry-after"], "1");
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    assert!(text(&html, "[role=alert]").contains("Nothing was saved"));
    assert_eq!(
        text(&html, "textarea[name=notes]"),
        "The cat hides under the sofa"
    );
    let value = |name: &str| first_attr(&html, &format!("input[name={name}]"), "value");
    assert_eq!(value("new_address").as_deref(), Some("7 Lock Lane"));
    assert_eq!(value("date").as_deref(), Some(date.as_str()));
    assert_eq!(value("time").as_deref(), Some("11:15"));
    let option = format!("input[name=option][value='{}']", w.option_id);
    assert_eq!(first_attr(&html, &option, "checked").as_deref(), Some(""));

    // A Russian client reads why in Russian.
    drop(holder);
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE id = ?1",
            [w.client_id],
        )
    });
    let holder = hold_write_lock(&app);
    let res = post_order(&w, &token, &fields).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    assert!(text(&html, "[role=alert]").contains("Ничего не сохранено"));
    assert_eq!(
        text(&html, "textarea[name=notes]"),
        "The cat hides under the sofa"
    );
    drop(holder);
    assert_eq!(app.count("SELECT COUNT(*) FROM orders"), 0);
}

#[tokio::test]
async fn any_refused_form_offers_to_send_the_same_fields_again() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;
    let token = client.csrf_token().await;
    let holder = hold_write_lock(&app);

    let fields = [
        ("lang", "ru"),
        ("back", "/client/orders"),
        ("csrf_token", token.as_str()),
    ];
    let res = client.post_raw("/lang", &fields).await;

    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()["retry-after"], "1");
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    assert!(text(&html, ".error-page").contains("Try again"));
    let kept = scraper::Selector::parse("form.resend[action='/lang'] input[type=hidden]").unwrap();
    let again: Vec<(String, String)> = html
        .select(&kept)
        .map(|i| {
            let attr = |a| i.value().attr(a).unwrap_or_default().to_string();
            (attr("name"), attr("value"))
        })
        .collect();
    let sent: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(again, sent);

    drop(holder);
    let again: Vec<(&str, &str)> = again
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = client.post_raw("/lang", &again).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/client/orders");
}
