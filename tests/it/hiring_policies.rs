//! Screening policies: the what-if changes nothing, activation is audited, deciding hires
//! the best and enrols them as workers who can log in and see the worker pages.

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::hiring::model::grading::Question;
use whiskerworks::hiring::store::screening_tests as tests_store;

use crate::helpers::*;

/// A checksum of the tables a simulation must not touch.
fn checksum(app: &TestApp) -> String {
    let conn = app.state.pool.get().unwrap();
    ["candidates", "hiring_decisions", "screening_policies", "users", "test_assignments", "audit_log"]
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT COUNT(*) || ':' || COALESCE(SUM(LENGTH(CAST(t.rowid AS TEXT))), 0) FROM {t} t"), [], |r| r.get::<_, String>(0)).unwrap()
                + &conn
                    .query_row(&format!("SELECT group_concat(x, '|') FROM (SELECT quote(t.*) AS x FROM (SELECT * FROM {t}) t)"), [], |r| r.get::<_, Option<String>>(0))
                    .unwrap_or(None)
                    .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("#")
}

#[tokio::test]
async fn apply_test_decide_and_the_new_worker_logs_in() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load_services(&mut app.state.pool.get().unwrap(), app.clock_now())
        .unwrap();
    let service = app
        .count("SELECT id FROM services WHERE code = 'window-wash'")
        .to_string();
    let test = app.write(|conn| {
        let t = tests_store::insert_test(conn, "Windows", "", 10, app.clock_now()).unwrap();
        tests_store::insert_question(
            conn,
            t,
            "Streaks come from?",
            1,
            &Question::SingleChoice {
                options: vec!["Sun".into(), "Soap".into()],
                correct: 0,
            },
        )
        .unwrap();
        tests_store::insert_question(
            conn,
            t,
            "Panes in a double window?",
            1,
            &Question::Numeric {
                answer: 2.0,
                tolerance: 0.0,
            },
        )
        .unwrap();
        Ok::<_, rusqlite::Error>(t)
    });
    let (manager, _) = app.login_as("manager").await;
    let mut people = Vec::new();
    for (email, right) in [("best@example.com", 2), ("half@example.com", 1)] {
        let c = app.client();
        c.post_form(
            "/apply",
            &[
                ("name", email),
                ("email", email),
                ("password", PASSWORD),
                ("phone", "12345"),
                ("skills", &service),
            ],
        )
        .await;
        let cid = app.count(&format!("SELECT c.id FROM candidates c JOIN users u ON u.id = c.user_id WHERE u.email = '{email}'"));
        manager
            .post_form(
                &format!("/manage/candidates/{cid}/assign"),
                &[("test", &test.to_string())],
            )
            .await;
        let a = app.count(&format!(
            "SELECT id FROM test_assignments WHERE candidate_id = {cid}"
        ));
        c.post_form(&format!("/candidate/tests/{a}/start"), &[])
            .await;
        let q: Vec<i64> = app
            .state
            .pool
            .get()
            .unwrap()
            .prepare("SELECT id FROM screening_questions ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let first = if right >= 1 { "0" } else { "1" };
        let second = if right >= 2 { "2" } else { "3" };
        c.post_form(
            &format!("/candidate/tests/{a}/submit"),
            &[
                (&format!("q{}", q[0]), first),
                (&format!("q{}", q[1]), second),
            ],
        )
        .await;
        people.push((email, c, cid));
    }
    app.clock.advance(Duration::minutes(1));

    // A draft: top 50 %, floor 40 %.
    let res = manager
        .post_form(
            "/manage/policies",
            &[
                (&format!("w{test}"), "1"),
                ("rule", "top_percent"),
                ("percent", "50"),
                ("threshold", "70"),
                ("floor", "40"),
                ("window", "90"),
            ],
        )
        .await;
    let draft_path = location(&res);
    assert!(draft_path.starts_with("/manage/policies/"), "{draft_path}");

    let before = checksum(&app);
    let (status, what_if) = manager.get_html(&draft_path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(checksum(&app), before, "the what-if only reads");
    let table = text(&what_if, "table.what-if");
    assert!(
        table.contains("best@example.com") && table.contains("100.00%") && table.contains("50.00%"),
        "{table}"
    );
    assert!(text(&what_if, "main").contains("1 of 2 candidates would be hired"));

    manager
        .post_form(&format!("{draft_path}/activate"), &[])
        .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'screening.activate'"),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM hiring_decisions"),
        0,
        "activating decides nothing by itself"
    );

    manager.post_form("/manage/policies/decide", &[]).await;
    let (best_email, _, best) = &people[0];
    let (_, _, half) = &people[1];
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM candidates WHERE id = {best} AND status = 'hired'"
        )),
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM candidates WHERE id = {half} AND status = 'rejected'"
        )),
        1
    );
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM hiring_decisions WHERE candidate_id = {best} AND rank = 1 AND cohort_size = 2 AND hired = 1")), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM worker_skills WHERE skill = 'windows'"),
        1,
        "enrolled with the skills they offered"
    );

    // The new worker logs in afresh and lands on the worker pages.
    let worker = app.client();
    let res = worker.login(best_email, PASSWORD).await;
    assert_eq!(location(&res), "/worker");
    assert_eq!(worker.get("/worker").await.status(), StatusCode::OK);
    assert_eq!(
        worker.get("/worker/availability").await.status(),
        StatusCode::OK
    );

    let (_, policies) = manager.get_html("/manage/policies").await;
    let funnel = text(&policies, ".funnel");
    assert!(
        funnel.contains("2applied") && funnel.contains("2scored") && funnel.contains("1 / 1v1"),
        "{funnel}"
    );

    // Deciding again changes nothing for the hired one.
    manager.post_form("/manage/policies/decide", &[]).await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM hiring_decisions WHERE candidate_id = {best}"
        )),
        1
    );
}

#[tokio::test]
async fn a_policy_without_tests_or_with_odd_values_is_refused() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    let test = app.write(|tx| tests_store::insert_test(tx, "T", "", 5, app.clock_now()));

    for fields in [
        vec![
            ("rule", "top_percent"),
            ("percent", "3"),
            ("threshold", "0"),
            ("floor", "50"),
            ("window", "90"),
        ],
        vec![
            ("w1", "500"),
            ("rule", "top_percent"),
            ("percent", "3"),
            ("threshold", "0"),
            ("floor", "50"),
            ("window", "90"),
        ],
        vec![
            ("w1", "1"),
            ("rule", "top_percent"),
            ("percent", "0"),
            ("threshold", "0"),
            ("floor", "50"),
            ("window", "90"),
        ],
    ] {
        let fields: Vec<(String, &str)> = fields
            .into_iter()
            .map(|(k, v)| {
                (
                    if k == "w1" {
                        format!("w{test}")
                    } else {
                        k.to_string()
                    },
                    v,
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let res = manager.post_form("/manage/policies", &refs).await;
        assert_eq!(location(&res), "/manage/policies");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM screening_policies"), 0);
}

#[tokio::test]
async fn a_rejected_candidate_is_re_evaluated_alone_under_a_newer_policy() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load_services(&mut app.state.pool.get().unwrap(), app.clock_now())
        .unwrap();
    let service = app.count("SELECT MIN(id) FROM services").to_string();
    let test = app.write(|conn| {
        let t = tests_store::insert_test(conn, "One", "", 5, app.clock_now()).unwrap();
        tests_store::insert_question(
            conn,
            t,
            "2 + 2?",
            1,
            &Question::Numeric {
                answer: 4.0,
                tolerance: 0.0,
            },
        )
        .unwrap();
        tests_store::insert_question(
            conn,
            t,
            "3 + 3?",
            1,
            &Question::Numeric {
                answer: 6.0,
                tolerance: 0.0,
            },
        )
        .unwrap();
        Ok::<_, rusqlite::Error>(t)
    });
    let (manager, _) = app.login_as("manager").await;
    let c = app.client();
    c.post_form(
        "/apply",
        &[
            ("name", "Half"),
            ("email", "half@example.com"),
            ("password", PASSWORD),
            ("phone", "12345"),
            ("skills", &service),
        ],
    )
    .await;
    let cid = app.count("SELECT id FROM candidates");
    manager
        .post_form(
            &format!("/manage/candidates/{cid}/assign"),
            &[("test", &test.to_string())],
        )
        .await;
    let a = app.count("SELECT id FROM test_assignments");
    c.post_form(&format!("/candidate/tests/{a}/start"), &[])
        .await;
    let q = app.count("SELECT MIN(id) FROM screening_questions");
    c.post_form(
        &format!("/candidate/tests/{a}/submit"),
        &[(&format!("q{q}"), "4")],
    )
    .await; // 50 %

    let policy = |floor: &'static str| {
        let (manager, test) = (&manager, test);
        async move {
            manager
                .post_form(
                    "/manage/policies",
                    &[
                        (&format!("w{test}"), "1"),
                        ("rule", "min_score"),
                        ("percent", "3"),
                        ("threshold", "0"),
                        ("floor", floor),
                        ("window", "90"),
                    ],
                )
                .await;
            let id = app_count_latest(manager).await;
            manager
                .post_form(&format!("/manage/policies/{id}/activate"), &[])
                .await;
        }
    };
    policy("60").await;
    manager.post_form("/manage/policies/decide", &[]).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM candidates WHERE status = 'rejected'"),
        1
    );

    policy("40").await;
    manager
        .post_form(&format!("/manage/candidates/{cid}/reevaluate"), &[])
        .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM candidates WHERE status = 'hired'"),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM hiring_decisions"),
        2,
        "the earlier decision is kept"
    );
}

/// The newest policy's id, read from the policies page's first link.
pub(crate) async fn app_count_latest(manager: &TestClient) -> i64 {
    let (_, page) = manager.get_html("/manage/policies").await;
    let href = first_attr(&page, "main ul li a[href^='/manage/policies/']", "href").unwrap();
    href.rsplit('/').next().unwrap().parse().unwrap()
}

/// A two-question test, and candidates who each answer `right` of its questions correctly.
pub(crate) async fn scored_cohort(
    app: &TestApp,
    manager: &TestClient,
    people: &[(&str, usize)],
) -> i64 {
    whiskerworks::ops::demo::load_services(&mut app.state.pool.get().unwrap(), app.clock_now())
        .unwrap();
    let test = app.write(|conn| {
        let t = tests_store::insert_test(conn, "Sums", "", 5, app.clock_now()).unwrap();
        for (sum, answer) in [("2 + 2?", 4.0), ("3 + 3?", 6.0)] {
            let numeric = Question::Numeric {
                answer,
                tolerance: 0.0,
            };
            tests_store::insert_question(conn, t, sum, 1, &numeric).unwrap();
        }
        Ok::<_, rusqlite::Error>(t)
    });
    let q = app.count("SELECT MIN(id) FROM screening_questions");
    for (email, right) in people {
        let (c, cid) = crate::hiring_attempts::apply_for_first_service(app, email).await;
        manager
            .post_form(
                &format!("/manage/candidates/{cid}/assign"),
                &[("test", &test.to_string())],
            )
            .await;
        let a = app.count(&format!(
            "SELECT id FROM test_assignments WHERE candidate_id = {cid}"
        ));
        c.post_form(&format!("/candidate/tests/{a}/start"), &[])
            .await;
        let answers = [
            (format!("q{q}"), if *right >= 1 { "4" } else { "5" }),
            (format!("q{}", q + 1), if *right >= 2 { "6" } else { "7" }),
        ];
        let answers: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        c.post_form(&format!("/candidate/tests/{a}/submit"), &answers)
            .await;
    }
    test
}

#[tokio::test]
async fn a_candidate_under_the_floor_is_told_so_and_not_that_better_scores_took_the_places() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    let people = [
        ("best@example.com", 2),
        ("half@example.com", 1),
        ("none@example.com", 0),
    ];
    let test = scored_cohort(&app, &manager, &people).await;
    app.clock.advance(Duration::minutes(1));
    // The best third (one of three) is hired; nobody under 40 % is.
    let res = manager
        .post_form(
            "/manage/policies",
            &[
                (&format!("w{test}"), "1"),
                ("rule", "top_percent"),
                ("percent", "34"),
                ("threshold", "0"),
                ("floor", "40"),
                ("window", "90"),
            ],
        )
        .await;
    manager
        .post_form(&format!("{}/activate", location(&res)), &[])
        .await;

    manager.post_form("/manage/policies/decide", &[]).await;
    app.drain().await; // the mails are written as they are sent

    let mail = |email: &str| -> String {
        app.state
            .pool
            .get()
            .unwrap()
            .query_row(
                "SELECT body_text FROM outbox WHERE kind = 'candidate_rejected' AND to_address = ?1",
                [email],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("no rejection mail to {email}: {e}"))
    };
    let outranked = mail("half@example.com");
    assert!(
        outranked.contains("the places went to the highest scores"),
        "{outranked}"
    );
    let under = mail("none@example.com");
    assert!(
        under.contains("did not reach the minimum we ask of every new worker"),
        "{under}"
    );
    assert!(!under.contains("highest scores"), "{under}");

    // Read again in Russian, the notice keeps its reason.
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE email = 'none@example.com'",
            [],
        )
    });
    let reader = app.client();
    reader.login("none@example.com", PASSWORD).await;
    let (_, page) = reader.get_html("/notifications").await;
    let list = text(&page, ".notification-list");
    assert!(list.contains("не достиг минимума"), "{list}");
    assert!(!list.contains("лучшие результаты"), "{list}");
}
