//! Replay through the real app: orders placed and matched over HTTP, then the recorded
//! decisions re-decided with the strategy that ran (nothing changes) and with the other one
//! (a report), from the command line's function and from the admin's page.

use std::collections::HashMap;

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::matching::model::replay::{Request, Strategy};
use whiskerworks::matching::service::replay::run;

use crate::helpers::*;
use crate::matching::{another_worker, make_available, offered_to};
use crate::order_helpers::*;

const ORDERS: i64 = 6;

/// Six orders matched with the default (random) strategy, every offer accepted and rated,
/// plus one decision recorded the old way (no facts).
async fn history(app: &TestApp) -> World {
    let w = world(app).await;
    make_available(app, w.worker_id);
    let mut workers: HashMap<i64, TestClient> = HashMap::new();
    for _ in 0..3 {
        let (client, id) = another_worker(app).await;
        workers.insert(id, client);
    }
    let mut orders = Vec::new();
    for day in 1..=ORDERS {
        orders.push(place_order_on(app, &w, day, "10:00").await);
    }
    app.drain().await;
    let signed = app.clock_now() - Duration::minutes(1);
    for (i, &id) in orders.iter().enumerate() {
        let worker = offered_to(app, id).expect("every order offered");
        let client = workers.get(&worker).unwrap_or(&w.worker);
        client
            .post_form(&format!("/worker/jobs/{id}/accept"), &[])
            .await;
        assert_eq!(status_of(app, id), "assigned");
        let rating = 3 + (i as i64 % 3);
        app.write(|tx| {
            tx.execute(
                "INSERT INTO order_signatures (order_id, signed_name, signature_sha256, report_sha256,
                     rating, signed_at, ip, user_agent)
                 VALUES (?1, 'Client', 'x', 'x', ?2, ?3, '127.0.0.1', 'test')",
                rusqlite::params![id, rating, signed],
            )
        });
    }
    app.write(|tx| {
        tx.execute(
            "INSERT INTO matching_decisions (order_id, round, attempt, at, strategy, strategy_version,
                 seed, candidates_json, chosen_worker_id)
             VALUES (?1, 9, 1, ?2, 'random', '1/settings-1', 5, ?3, ?4)",
            rusqlite::params![
                orders[0],
                app.clock_now(),
                format!(r#"[{{"worker_id":{0},"excluded":null,"score":null}}]"#, w.worker_id),
                w.worker_id
            ],
        )
    });
    w
}

#[tokio::test]
async fn replaying_the_strategy_that_ran_changes_nothing_and_the_other_gives_a_report() {
    let app = spawn_app().await;
    history(&app).await;
    let conn = app.state.pool.get().unwrap();
    let (tz, now) = (app.state.settings().time_zone, app.clock_now());

    let same = Request::parse("random", "", "", "").unwrap();
    let r = run(&conn, tz, now, &same).unwrap().report;
    assert_eq!(r.decisions as i64, ORDERS + 1);
    assert_eq!(
        (r.replayed as i64, r.changed),
        (ORDERS, 0),
        "every decision reproduced"
    );
    assert_eq!(
        r.not_replayable, 1,
        "the old record is counted, not guessed"
    );
    assert!(r.workers.iter().all(|l| l.before == l.after));
    let text = whiskerworks::ops::replay::report(&app.state, &same).unwrap();
    assert!(
        text.contains("Decisions choosing a different worker: 0 of 6"),
        "{text}"
    );
    assert!(text.contains("not replayable (recorded before the facts were kept): 1"));

    let other = Request::parse("score", "", "", "").unwrap();
    let r = run(&conn, tz, now, &other).unwrap().report;
    assert_eq!(r.replayed as i64, ORDERS);
    let offers: usize = r.workers.iter().map(|l| l.after).sum();
    assert_eq!(
        offers as i64, ORDERS,
        "every replayed decision chooses someone"
    );
    let rating = r.rating.expect("the chosen workers are rated");
    assert!(rating.after.low <= rating.after.value && rating.after.value <= rating.after.high);
    assert!(rating.after.low >= 1.0 && rating.after.high <= 5.0);
    assert!(r.qc.is_none(), "no QC score yet");
    let text = whiskerworks::ops::replay::report(&app.state, &other).unwrap();
    assert!(text.contains("with the score strategy"), "{text}");
    assert!(text.contains("ESTIMATES"), "labelled as estimates: {text}");
    assert!(text.contains("client rating") && text.contains("not enough data"));
}

#[tokio::test]
async fn a_replay_can_take_only_the_decisions_one_strategy_made() {
    let app = spawn_app().await;
    history(&app).await;
    let conn = app.state.pool.get().unwrap();
    let (tz, now) = (app.state.settings().time_zone, app.clock_now());
    let score = Request::parse("score", "", "", "").unwrap();

    let r = run(&conn, tz, now, &score.made_by(Strategy::Random)).unwrap();
    assert_eq!(r.report.decisions as i64, ORDERS + 1, "all were random's");
    assert_eq!(
        r.report.choices.len() as i64,
        ORDERS,
        "one choice per replayed decision"
    );
    let chosen: Vec<i64> = r.report.choices.iter().map(|c| c.after).collect();
    let offers: Vec<i64> = r
        .report
        .workers
        .iter()
        .flat_map(|l| std::iter::repeat_n(l.worker_id, l.after))
        .collect();
    let mut sorted = chosen.clone();
    sorted.sort();
    let mut by_load = offers.clone();
    by_load.sort();
    assert_eq!(sorted, by_load, "the choices are the replay's offers");
    assert!(
        whiskerworks::ops::replay::text(&r).contains("made by the random strategy"),
        "the report says which decisions it took"
    );

    let r = run(&conn, tz, now, &score.made_by(Strategy::Score)).unwrap();
    assert_eq!(
        (r.report.decisions, r.report.replayed),
        (0, 0),
        "score made none"
    );
    assert!(r.report.choices.is_empty() && r.report.rating.is_none());
}

#[tokio::test]
async fn the_replay_page_is_for_admins_and_checks_its_input() {
    let app = spawn_app().await;
    let w = history(&app).await;
    let (admin, _) = app.login_as("admin").await;

    let (status, page) = admin.get_html("/admin/matching").await;
    assert_eq!(status, StatusCode::OK);
    assert!(first_attr(&page, "a[href='/admin/matching/replay']", "href").is_some());
    let (status, page) = admin.get_html("/admin/matching/replay").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, "form").contains("First day"));
    let today = app
        .clock_now()
        .with_timezone(&app.state.settings().time_zone)
        .date_naive();
    let (status, page) = admin
        .get_html(&format!(
            "/admin/matching/replay?strategy=random&from={}&to={today}",
            today - Duration::days(2)
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let counts = table_rows(&page, "#replay-counts tr");
    assert_eq!(counts[0], vec!["Decisions in these days", "7"]);
    assert_eq!(counts[2], vec!["Replayed choosing a different worker", "0"]);
    // Only the decisions one strategy made (here: none were made by score).
    let (status, page) = admin
        .get_html("/admin/matching/replay?strategy=random&made_by=score")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        first_attr(&page, "select[name=made_by] option[selected]", "value").as_deref(),
        Some("score")
    );
    let (status, page) = admin
        .get_html("/admin/matching/replay?strategy=score")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, "h2").contains("Estimates"));
    assert!(text(&page, "#replay-estimates").contains("Client rating"));
    assert_eq!(table_rows(&page, "#replay-spread tbody tr").len(), 3);
    assert!(!table_rows(&page, "#replay-workers tbody tr").is_empty());

    for (query, says) in [
        ("strategy=psychic", "random or the score"),
        ("strategy=score&from=2026-02-30", "first day must be a date"),
        (
            "strategy=score&from=2026-03-02&to=2026-03-01",
            "not be after",
        ),
        ("strategy=score&weights=1,2", "four whole numbers"),
        ("strategy=score&made_by=psychic", "random or the score"),
    ] {
        let (status, page) = admin
            .get_html(&format!("/admin/matching/replay?{query}"))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(text(&page, ".flash.error").contains(says), "{query}");
    }

    let path = "/admin/matching/replay?strategy=score";
    assert_eq!(w.manager.get(path).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(w.client.get(path).await.status(), StatusCode::FORBIDDEN);
    assert!(app.client().get(path).await.status().is_redirection());
}
