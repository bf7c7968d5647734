//! Screening that runs by itself, over HTTP: a fresh install holds the default tests and an
//! active top-3 % policy; applicants are invited to the tests for their services; decisions
//! run once a day on the schedule (and still on demand); rejected candidates are told kindly
//! in their own language.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::recertification::take;

async fn screening_app() -> TestApp {
    spawn_app_with(|s| s.hiring.default_screening = true).await
}

/// Applies for the first service; returns the applicant's client and candidate id.
async fn apply(app: &TestApp, email: &str) -> (TestClient, i64) {
    crate::hiring_attempts::apply_for_first_service(app, email).await
}

fn assignments(app: &TestApp, candidate: i64) -> Vec<i64> {
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn
        .prepare("SELECT id FROM test_assignments WHERE candidate_id = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([candidate], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn a_fresh_install_has_an_active_default_policy_and_a_general_test() {
    let app = screening_app().await;

    let (manager, _) = app.login_as("manager").await;
    let (_, page) = manager.get_html("/manage/policies").await;

    assert!(!text(&page, "main").contains("No policies yet"));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM screening_policies WHERE status = 'active' AND rule = 'top_percent'
               AND percent = 3 AND floor_bp = 5000 AND window_days = 90"
        ),
        1
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM screening_tests"), 1);
}

#[tokio::test]
async fn applicants_are_invited_decided_daily_and_the_rejected_hear_kindly_in_their_language() {
    let app = screening_app().await;
    whiskerworks::ops::demo::load_services(&mut app.state.pool.get().unwrap(), app.clock_now())
        .unwrap();
    whiskerworks::hiring::service::defaults::ensure(
        &mut app.state.pool.get().unwrap(),
        app.clock_now(),
    )
    .unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM screening_tests WHERE service_id IS NOT NULL"),
        3,
        "one test per demo service"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM screening_policy_tests pt JOIN screening_policies p ON p.id = pt.policy_id
             WHERE p.status = 'active'"
        ),
        4,
        "the default policy was renewed with the service tests"
    );

    let (good, good_id) = apply(&app, "good@example.com").await;
    let (weak, weak_id) = apply(&app, "weak@example.com").await;
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE email = 'weak@example.com'",
            [],
        )
    });

    // The general test and the one for the service applied for; each is told.
    let good_tests = assignments(&app, good_id);
    assert_eq!(good_tests.len(), 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'test_assigned'"),
        4
    );
    for a in good_tests {
        take(&app, &good, "/candidate/tests/", a, true).await;
    }
    for a in assignments(&app, weak_id) {
        take(&app, &weak, "/candidate/tests/", a, false).await;
    }

    app.drain().await;

    let status = |id: i64| {
        app.state
            .pool
            .get()
            .unwrap()
            .query_row("SELECT status FROM candidates WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .unwrap()
    };
    assert_eq!(status(good_id), "hired");
    assert_eq!(status(weak_id), "rejected");
    let body: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT body FROM notifications WHERE kind = 'candidate_rejected'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(body.contains("Спасибо"), "told in Russian: {body}");
    // The new worker starts certified for the service they were hired for.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM worker_certifications WHERE status = 'certified'"),
        1
    );

    // Once a day: a second pass today decides nothing and tells nobody again.
    let (late, late_id) = apply(&app, "late@example.com").await;
    for a in assignments(&app, late_id) {
        take(&app, &late, "/candidate/tests/", a, false).await;
    }
    app.drain().await;
    assert_eq!(status(late_id), "testing", "decided on tomorrow's run");
    assert_eq!(app.count("SELECT COUNT(*) FROM screening_runs"), 1);
    app.clock.advance(chrono::Duration::days(1));
    app.drain().await;
    assert_eq!(status(late_id), "rejected");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'candidate_rejected'"),
        2,
        "each rejected candidate is told once"
    );

    // On demand still works for managers.
    let (manager, _) = app.login_as("manager").await;
    let res = manager.post_form("/manage/policies/decide", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'candidate_rejected'"),
        2
    );
}
