//! Live updates over one event stream per signed-in user: a change reaches the people it
//! concerns as soon as its transaction commits, a reconnect resumes from its last id,
//! streams waiting cost no database work, and a stream ends with its session.

use std::time::Duration;

use reqwest::StatusCode;
use whiskerworks::live::Audience;

use crate::helpers::*;
use crate::order_helpers::*;

/// Reads the stream until a frame names `topic`; the frame's id. Fails after a second.
async fn wait_for_topic(stream: &mut reqwest::Response, topic: &str) -> u64 {
    let mut seen = String::new();
    let wanted = format!("event: {topic}\n");
    tokio::time::timeout(Duration::from_secs(1), async {
        loop {
            let chunk = stream.chunk().await.unwrap().expect("stream open");
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if let Some(at) = seen.find(&wanted) {
                let frame_start = seen[..at].rfind("id: ").expect("an id before the event");
                let id = seen[frame_start + 4..at].trim();
                return id.parse().unwrap();
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {topic} within a second; got {seen:?}"))
}

async fn open_stream(client: &TestClient, last_id: Option<u64>) -> reqwest::Response {
    let mut req = client.http.get(format!("{}/events", client.base));
    if let Some(id) = last_id {
        req = req.header("Last-Event-ID", id.to_string());
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    res
}

#[tokio::test]
async fn the_client_hears_at_once_that_the_worker_accepted_and_a_reconnect_resumes() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    offer_to_worker(&w, id).await;
    let mut client_events = open_stream(&w.client, None).await;

    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;

    let accepted = wait_for_topic(&mut client_events, &format!("order-{id}")).await;
    drop(client_events);
    // Away while the kit is confirmed: the reconnect gets what it missed, and only that.
    app.drain().await;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/kit"), &[])
        .await;
    let mut resumed = open_stream(&w.client, Some(accepted)).await;
    let next = wait_for_topic(&mut resumed, &format!("order-{id}")).await;
    assert!(next > accepted);
    let visitor = app.client();
    let res = visitor
        .http
        .get(format!("{}/events", app.base))
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), StatusCode::OK, "no stream for a visitor");
}

/// Allows this process more open files (500 streams are 1,000 sockets in one process).
fn allow_open_files(wanted: u64) {
    // SAFETY: getrlimit/setrlimit only read and write the struct given.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
        limit.rlim_cur = limit.rlim_max.min(wanted.max(limit.rlim_cur));
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
    }
}

#[tokio::test]
async fn five_hundred_idle_streams_cost_no_database_work() {
    allow_open_files(4096);
    // One session holding them all is the cheapest way to open 500 here.
    let app = spawn_app_with(|s| s.security.max_streams_per_session = 500).await;
    let (client, client_id) = app.login_as("client").await;
    let (other, other_id) = app.login_as("client").await;
    let mut streams = Vec::new();
    for _ in 0..500 {
        let mut s = open_stream(&client, None).await;
        s.chunk().await.unwrap().unwrap(); // ": connected"
        streams.push(s);
    }
    let mut others = open_stream(&other, None).await;
    others.chunk().await.unwrap().unwrap();
    let checkouts = || {
        app.state
            .db_checkouts
            .load(std::sync::atomic::Ordering::SeqCst)
    };
    let before = checkouts();

    // An event for someone else wakes all 500 streams; none of them asks the database.
    app.state
        .live
        .publish(vec![(Audience::User(other_id), "bell".into())]);
    wait_for_topic(&mut others, "bell").await;

    assert_eq!(
        checkouts(),
        before,
        "no query while 500 streams wait and wake"
    );
    assert_ne!(client_id, other_id);
    drop(streams);
}

/// Reads the stream to its end: what it sent. Fails if it is still open after five seconds.
async fn read_to_end(mut stream: reqwest::Response) -> String {
    let mut seen = String::new();
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        while let Ok(Some(chunk)) = stream.chunk().await {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream is still open; it sent {seen:?}");
    seen
}

/// Two sessions of one new client, and its id.
async fn client_signed_in_twice(app: &TestApp) -> (TestClient, TestClient, i64) {
    let email = format!(
        "twice-{}@example.com",
        app.count("SELECT COUNT(*) FROM users")
    );
    let id = app.create_user("client", &email);
    let (first, second) = (app.client(), app.client());
    for c in [&first, &second] {
        assert_eq!(
            c.login(&email, PASSWORD).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    (first, second, id)
}

#[tokio::test]
async fn a_stream_ends_when_its_session_logs_out() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;
    let mut stream = open_stream(&client, None).await;
    stream.chunk().await.unwrap().unwrap(); // ": connected"

    let res = client.post_form("/logout", &[]).await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    read_to_end(stream).await;
}

#[tokio::test]
async fn a_password_change_ends_the_streams_of_the_other_sessions_only() {
    let app = spawn_app().await;
    let (changing, other, user_id) = client_signed_in_twice(&app).await;
    let mut kept = open_stream(&changing, None).await;
    kept.chunk().await.unwrap().unwrap();
    let mut ended = open_stream(&other, None).await;
    ended.chunk().await.unwrap().unwrap();

    let res = changing
        .post_form(
            "/account/password",
            &[("current", PASSWORD), ("new", "a brand new passphrase")],
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    read_to_end(ended).await;
    app.state
        .live
        .publish(vec![(Audience::User(user_id), "bell".into())]);
    wait_for_topic(&mut kept, "bell").await;
}

#[tokio::test]
async fn a_stream_of_an_expired_session_passes_nothing_more_on() {
    let app = spawn_app().await;
    let (client, user_id) = app.login_as("client").await;
    let mut stream = open_stream(&client, None).await;
    stream.chunk().await.unwrap().unwrap();

    // Nothing tells the streams when a session expires: the stream finds out itself.
    let idle = app.state.settings().security.session_idle_minutes;
    app.clock.advance(chrono::Duration::minutes(idle + 1));
    app.state
        .live
        .publish(vec![(Audience::User(user_id), "bell".into())]);

    let sent = read_to_end(stream).await;
    assert!(!sent.contains("bell"), "sent after expiry: {sent:?}");
}

#[tokio::test]
async fn a_session_holds_four_streams_and_the_fifth_is_refused_for_now() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;
    let (other, _) = app.login_as("client").await;
    let mut open = Vec::new();
    for _ in 0..4 {
        open.push(open_stream(&client, None).await);
    }

    let refused = client.get("/events").await;

    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1);
    open_stream(&other, None).await;
    drop(open);
}

#[tokio::test]
async fn a_stream_its_browser_closed_gives_its_place_back() {
    let app = spawn_app().await;
    let (client, _) = app.login_as("client").await;
    let mut open = Vec::new();
    for _ in 0..4 {
        let mut stream = open_stream(&client, None).await;
        stream.chunk().await.unwrap().unwrap();
        open.push(stream);
    }

    // The tab closes: the server hears the connection close, not a later failed write.
    drop(open.pop());

    let reopened = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let res = client.get("/events").await;
            if res.status() == StatusCode::OK {
                return res;
            }
            assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        }
    })
    .await;
    assert!(reopened.is_ok(), "the closed stream still holds its place");
}

#[tokio::test]
async fn a_newly_placed_order_reaches_the_managers_live_orders_table() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut manager_events = open_stream(&w.manager, None).await;

    let id = place_order(&app, &w).await;

    // The orders table and the unplaced queue listen to `queue`: they reload with the order.
    wait_for_topic(&mut manager_events, "queue").await;
    let (_, table) = w.manager.get_html("/manage/orders").await;
    assert!(text(&table, "#orders-table").contains(&id.to_string()));
}

#[tokio::test]
async fn a_write_from_a_spawned_thread_publishes_its_topics_once_committed() {
    let app = spawn_app().await;
    let (client, client_id) = app.login_as("client").await;
    let mut events = open_stream(&client, None).await;

    // Not a request's thread, nor the blocking pool's: a thread of its own, as a command or
    // a job might use.
    let pool = app.state.pool.clone();
    let written = std::thread::spawn(move || {
        let mut conn = pool.get().unwrap();
        whiskerworks::db::write_tx(&mut conn, |tx| {
            tx.execute(
                "UPDATE users SET name = 'Renamed elsewhere' WHERE id = ?1",
                [client_id],
            )?;
            tx.note(Audience::User(client_id), "bell");
            Ok::<_, rusqlite::Error>(())
        })
    });

    wait_for_topic(&mut events, "bell").await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE name = 'Renamed elsewhere'"),
        1,
        "told only once the change is committed"
    );
    written.join().unwrap().unwrap();
}

#[tokio::test]
async fn handing_a_job_to_another_worker_reaches_the_managers_dispatch_board() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    let other = app.create_user("worker", "other-worker@example.com");
    give_skills(&app, other, &["cleaning"]);
    let assign = |worker: i64| {
        let manager = &w.manager;
        async move {
            let res = manager
                .post_form(
                    &format!("/manage/orders/{id}/assign"),
                    &[("worker", &worker.to_string())],
                )
                .await;
            assert_eq!(res.status(), StatusCode::SEE_OTHER);
        }
    };
    assign(w.worker_id).await;
    // The board reloads on `schedule`, noted on every change of an order, even one that
    // keeps its status: an assigned job handed to another worker.
    let (_, board) = w.manager.get_html("/manage/schedule").await;
    assert_eq!(
        first_attr(&board, "#board", "hx-trigger").as_deref(),
        Some("sse:schedule, sse:resync")
    );
    let mut manager_events = open_stream(&w.manager, None).await;
    assign(other).await;
    wait_for_topic(&mut manager_events, "schedule").await;
}
