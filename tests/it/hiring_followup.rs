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
    let row = |v: i64| cells(&dashboard, &format!("#funnel-table tr[data-version='{v}'] td"));
    // applied, tested, decided, hired
    assert_eq!(row(1), ["58", "58", "58", "3"]);
    assert_eq!(row(2), ["55", "55", "55", "2"]);
    // The chart counts each candidate once, whatever versions decided on them.
    let chart = text(&dashboard, "#funnel-chart");
    assert!(chart.contains("Of 58") && chart.contains("5 were hired"), "{chart}");

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
    assert_eq!((stat(1, "decided"), stat(1, "hired")), ("58".into(), "3".into()));
    assert_eq!((stat(2, "decided"), stat(2, "hired")), ("55".into(), "2".into()));
}
