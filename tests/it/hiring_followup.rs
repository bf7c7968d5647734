//! Policy follow-up through HTTP: the funnel counts every version's candidates right after a
//! second policy re-decides them, and the follow-up page shows each hire under the version
//! that hired them with their ratings, QC, disputes, withdrawals, re-certification and
//! whether they stayed.

use chrono::Duration;
use rusqlite::params;
use scraper::{Html, Selector};
use whiskerworks::hiring::model::grading::Question;
use whiskerworks::hiring::store::screening_tests as tests_store;

use crate::helpers::*;

/// A two-question test, and one graded candidate per score (in basis points), who offered
/// the first service. `login` candidates get a password (they will sign in as workers).
fn cohort(app: &TestApp, scores: &[i64], login: bool) -> (i64, Vec<i64>) {
    whiskerworks::ops::demo::load_services(&mut app.state.pool.get().unwrap(), app.clock_now())
        .unwrap();
    let users: Vec<i64> = (0..scores.len())
        .map(|i| {
            let email = format!("c{i}@example.com");
            if login {
                app.create_user("candidate", &email)
            } else {
                app.write(|tx| {
                    tx.execute(
                        "INSERT INTO users (email, name, password_hash, role, created_at)
                         VALUES (?1, ?1, '-', 'candidate', ?2)",
                        params![email, app.clock_now()],
                    )?;
                    Ok(tx.last_insert_rowid())
                })
            }
        })
        .collect();
    app.write(|tx| {
        let now = app.clock_now();
        let test = tests_store::insert_test(tx, "Sums", "", 5, now).unwrap();
        for (sum, answer) in [("2 + 2?", 4.0), ("3 + 3?", 6.0)] {
            let q = Question::Numeric {
                answer,
                tolerance: 0.0,
            };
            tests_store::insert_question(tx, test, sum, 1, &q).unwrap();
        }
        let service: i64 = tx.query_row("SELECT MIN(id) FROM services", [], |r| r.get(0))?;
        // The service's own test, so it may also re-certify for that service.
        tests_store::set_service(tx, test, Some(service))?;
        let mut ids = Vec::new();
        for (user, score) in users.iter().zip(scores) {
            tx.execute(
                "INSERT INTO candidates (user_id, phone, status, applied_at) VALUES (?1, '1', 'testing', ?2)",
                params![user, now],
            )?;
            let c = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO candidate_skills (candidate_id, service_id) VALUES (?1, ?2)",
                params![c, service],
            )?;
            tx.execute(
                "INSERT INTO test_assignments (candidate_id, test_id, question_ids, status, invited_at, submitted_at, score_bp)
                 VALUES (?1, ?2, '[]', 'graded', ?3, ?3, ?4)",
                params![c, test, now, score],
            )?;
            ids.push(c);
        }
        Ok((test, ids))
    })
}

/// Drafts a policy hiring everyone at or above `threshold` %, activates it and decides.
async fn policy_decides(app: &TestApp, manager: &TestClient, test: i64, threshold: &str) {
    app.clock.advance(Duration::minutes(1));
    let res = manager
        .post_form(
            "/manage/policies",
            &[
                (&format!("w{test}"), "1"),
                ("rule", "min_score"),
                ("percent", "3"),
                ("threshold", threshold),
                ("floor", "0"),
                ("window", "90"),
            ],
        )
        .await;
    let draft = location(&res);
    manager.post_form(&format!("{draft}/activate"), &[]).await;
    manager.post_form("/manage/policies/decide", &[]).await;
}

/// The text of each cell matching `selector`, trimmed.
fn cells(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[tokio::test]
async fn every_version_counts_the_candidates_it_decided_after_a_re_decision() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    // 58 applicants: three score 90 %, two 70 %, the rest 50 %.
    let mut scores = vec![9000; 3];
    scores.extend([7000; 2]);
    scores.extend([5000; 53]);
    let (test, _) = cohort(&app, &scores, false);
    policy_decides(&app, &manager, test, "80").await; // v1 hires the three
    policy_decides(&app, &manager, test, "60").await; // v2 re-decides the other 55
    assert_eq!(
        app.count("SELECT COUNT(*) FROM candidates WHERE status = 'hired'"),
        5
    );

    let (_, dashboard) = manager
        .get_html("/manage?period=custom&from=2026-03-02&to=2026-03-02")
        .await;
    let row = |v: i64| {
        cells(
            &dashboard,
            &format!("#funnel-table tr[data-version='{v}'] td"),
        )
    };
    // applied, tested, decided, hired
    assert_eq!(row(1), ["58", "58", "58", "3"]);
    assert_eq!(row(2), ["55", "55", "55", "2"]);
    // The chart counts each candidate once, whatever versions decided on them.
    let chart = text(&dashboard, "#funnel-chart");
    assert!(
        chart.contains("Of 58") && chart.contains("5 were hired"),
        "{chart}"
    );

    let (_, policies) = manager.get_html("/manage/policies").await;
    let funnel = text(&policies, ".funnel");
    assert!(
        funnel.contains("3 / 55v1") && funnel.contains("2 / 53v2"),
        "{funnel}"
    );

    let (_, followup) = manager.get_html("/manage/policies/followup").await;
    let stat = |v: i64, s: &str| {
        text(
            &followup,
            &format!("section[data-version='{v}'] [data-stat='{s}']"),
        )
    };
    assert_eq!(
        (stat(1, "decided"), stat(1, "hired")),
        ("58".into(), "3".into())
    );
    assert_eq!(
        (stat(2, "decided"), stat(2, "hired")),
        ("55".into(), "2".into())
    );
}

/// A job of `worker` for a new client in `status`; returns its id.
fn job(tx: &rusqlite::Connection, worker: i64, status: &str) -> rusqlite::Result<i64> {
    let now = "2026-03-10 09:00:00+00:00";
    tx.execute(
        "INSERT INTO users (email, name, password_hash, role, created_at)
         VALUES ('client' || (SELECT COUNT(*) FROM users) || '@example.com', 'Client', '-', 'client', ?1)",
        [now],
    )?;
    let client = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO client_addresses (client_id, label, address, is_default, created_at)
         VALUES (?1, 'Home', 'Lenina 1', 1, ?2)",
        params![client, now],
    )?;
    let address = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO orders (client_id, service_id, worker_id, address_id, address_text, scheduled_at,
                             duration_minutes, ends_at, status, currency, quote_json, total_minor,
                             created_at, updated_at)
         VALUES (?1, (SELECT MIN(id) FROM services), ?2, ?3, 'Lenina 1', ?4, 60, ?4, ?5, 'RUB', '{}', 1000, ?4, ?4)",
        params![client, worker, address, now, status],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A signed job rated `rating`, and a QC `score` if given, kept in the worker's running
/// totals as signing and reviewing do.
fn rated_job(
    tx: &rusqlite::Connection,
    worker: i64,
    rating: i64,
    qc: Option<i64>,
) -> rusqlite::Result<()> {
    let order = job(tx, worker, "completed")?;
    tx.execute(
        "INSERT INTO order_signatures (order_id, signed_name, signature_sha256, report_sha256, rating, signed_at, ip, user_agent)
         VALUES (?1, 'A', '', '', ?2, '2026-03-10 12:00:00+00:00', '', '')",
        params![order, rating],
    )?;
    whiskerworks::matching::store::add_rating(tx, worker, rating)?;
    if let Some(score) = qc {
        tx.execute(
            "INSERT INTO qc_reviews (order_id, reason, status, worker_id, due_at, score, reviewed_at, created_at)
             VALUES (?1, 'sample', 'done', ?2, '2026-03-11 12:00:00+00:00', ?3, '2026-03-11 12:00:00+00:00', '2026-03-10 12:00:00+00:00')",
            params![order, worker, score],
        )?;
        whiskerworks::quality::store::reviews::add_worker_score(tx, worker, score)?;
    }
    Ok(())
}

#[tokio::test]
async fn each_hire_shows_under_the_version_that_hired_them_with_how_they_did() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    // Ann scores 90 %, Boris 50 %, Cyril 30 %: v1 (80 %) hires Ann, v2 (40 %) Boris.
    let (test, people) = cohort(&app, &[9000, 5000, 3000], true);
    policy_decides(&app, &manager, test, "80").await;
    let (_, followup) = manager.get_html("/manage/policies/followup").await;
    let under = |html: &Html, v: i64| {
        cells(
            html,
            &format!("section[data-version='{v}'] tr[data-candidate]"),
        )
    };
    assert_eq!(under(&followup, 1).len(), 1, "Ann, as soon as v1 hires her");
    policy_decides(&app, &manager, test, "40").await;
    let worker = |c: i64| app.count(&format!("SELECT user_id FROM candidates WHERE id = {c}"));
    let (ann, boris) = (worker(people[0]), worker(people[1]));

    // Ann: rated 5 and 4, QC 3 on the first; a disputed job and one she withdrew from.
    app.write(|tx| {
        rated_job(tx, ann, 5, Some(3))?;
        rated_job(tx, ann, 4, None)?;
        let disputed = job(tx, ann, "disputed")?;
        tx.execute(
            "UPDATE orders SET dispute_reason = 'Streaks' WHERE id = ?1",
            [disputed],
        )?;
        let left = job(tx, ann, "new")?;
        tx.execute(
            "UPDATE orders SET worker_id = NULL WHERE id = ?1",
            [left],
        )?;
        tx.execute(
            "INSERT INTO order_events (order_id, at, actor_id, actor_role, action, from_status, to_status)
             VALUES (?1, '2026-03-12 09:00:00+00:00', ?2, 'worker', 'withdraw', 'assigned', 'new')",
            params![left, ann],
        )?;
        // Boris: rated 2.
        rated_job(tx, boris, 2, None)
    });
    // Boris fails a re-certification.
    let boris_client = app.client();
    boris_client.login("c1@example.com", PASSWORD).await;
    let service = app.count("SELECT MIN(id) FROM services");
    manager
        .post_form(
            &format!("/manage/workers/{boris}/recertify"),
            &[
                ("service", &service.to_string()),
                ("test", &test.to_string()),
            ],
        )
        .await;
    let a = app.count(&format!(
        "SELECT id FROM test_assignments WHERE worker_id = {boris}"
    ));
    crate::recertification::take(&app, &boris_client, "/worker/tests/", a, false).await;

    // He leaves 20 days after hiring.
    app.write(|tx| {
        tx.execute("UPDATE users SET active = 0 WHERE id = ?1", [boris])?;
        let at = app.clock_now() + Duration::days(20);
        whiskerworks::audit::record(
            tx,
            at,
            None,
            "user.deactivate",
            &format!("user:{boris}"),
            serde_json::json!({}),
        )
    });
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM test_assignments WHERE worker_id = {boris} AND status = 'graded'"
        )),
        1
    );
    app.clock.advance(Duration::days(40));
    let (manager, _) = app.login_as("manager").await; // the earlier session has run out
    let (_, followup) = manager.get_html("/manage/policies/followup").await;
    let row = |sel: &str| -> Vec<String> { cells(&followup, &format!("{sel} td")) };
    let hire = |v: i64, c: i64| format!("section[data-version='{v}'] tr[data-candidate='{c}']");
    assert_eq!(
        (under(&followup, 1).len(), under(&followup, 2).len()),
        (1, 1)
    );
    // name, hired, rating, ratings, QC, disputes, withdrawals, re-cert, 30 days, 90 days
    assert_eq!(
        row(&hire(1, people[0]))[2..],
        [
            "4.50",
            "2",
            "3.00",
            "1",
            "1",
            "0 / 0",
            "yes",
            "not yet known"
        ]
    );
    assert_eq!(
        row(&hire(2, people[1]))[2..],
        ["2.00", "1", "—", "0", "0", "0 / 1", "no", "not yet known"]
    );
    assert_eq!(
        row("section[data-version='1'] tr[data-totals]")[2..],
        ["4.50", "2", "3.00", "1", "1", "0 / 0", "1 / 1", "—"]
    );
    assert_eq!(
        row("section[data-version='2'] tr[data-totals]")[2..],
        ["2.00", "1", "—", "0", "0", "0 / 1", "0 / 1", "—"]
    );
    let stat = |v: i64, s: &str| {
        text(
            &followup,
            &format!("section[data-version='{v}'] [data-stat='{s}']"),
        )
    };
    assert_eq!(
        (stat(1, "decided"), stat(1, "hired")),
        ("3".into(), "1".into())
    );
    assert_eq!(
        (stat(2, "decided"), stat(2, "hired")),
        ("2".into(), "1".into())
    );

    // The same page in Russian.
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE role = 'manager'",
            [],
        )
    });
    let (_, ru) = manager.get_html("/manage/policies/followup").await;
    let ann_ru = cells(&ru, &format!("{} td", hire(1, people[0])));
    assert_eq!(
        ann_ru[2..],
        [
            "4,50",
            "2",
            "3,00",
            "1",
            "1",
            "0 / 0",
            "да",
            "пока неизвестно"
        ]
    );
    assert!(text(&ru, "h1").contains("Принятые по версиям политики"));
}

#[tokio::test]
async fn a_version_that_hired_nobody_says_so() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    let (_, empty) = manager.get_html("/manage/policies/followup").await;
    assert!(text(&empty, "main").contains("No policy has been in force yet"));
    let (test, _) = cohort(&app, &[5000], false);
    policy_decides(&app, &manager, test, "80").await;
    let (_, page) = manager.get_html("/manage/policies/followup").await;
    let v1 = text(&page, "section[data-version='1']");
    assert!(v1.contains("Nobody hired yet"), "{v1}");
    assert_eq!(
        text(&page, "section[data-version='1'] [data-stat='decided']"),
        "1"
    );
}
