//! Taking a screening test: assignment, the server's clock, grading, tampering.

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::hiring::model::grading::Question;
use whiskerworks::hiring::store::screening_tests as tests_store;

use crate::helpers::*;

/// A 10-minute test: single choice (right: 2nd), numeric (9 ± 0), and optionally free text.
fn build_test(app: &TestApp, with_free_text: bool) -> (i64, Vec<i64>) {
    app.write(|conn| {
        let test =
            tests_store::insert_test(conn, "Mousing basics", "", 10, app.clock_now()).unwrap();
        let mut ids = vec![
            tests_store::insert_question(
                conn,
                test,
                "Best time?",
                2,
                &Question::SingleChoice {
                    options: vec!["Noon".into(), "Dusk".into()],
                    correct: 1,
                },
            )
            .unwrap(),
            tests_store::insert_question(
                conn,
                test,
                "Lives?",
                3,
                &Question::Numeric {
                    answer: 9.0,
                    tolerance: 0.0,
                },
            )
            .unwrap(),
        ];
        if with_free_text {
            ids.push(
                tests_store::insert_question(conn, test, "Best catch?", 5, &Question::FreeText)
                    .unwrap(),
            );
        }
        Ok::<_, rusqlite::Error>((test, ids))
    })
}

/// A candidate who applied through the site, logged in.
async fn candidate(app: &TestApp, email: &str) -> (TestClient, i64) {
    whiskerworks::ops::demo::load_services(&mut app.state.pool.get().unwrap(), app.clock_now())
        .unwrap();
    apply_for_first_service(app, email).await
}

/// Someone applies through the site for the first service of the catalogue; returns their
/// client (logged in) and candidate id.
pub async fn apply_for_first_service(app: &TestApp, email: &str) -> (TestClient, i64) {
    let client = app.client();
    let service = app.count("SELECT MIN(id) FROM services");
    let res = client
        .post_form(
            "/apply",
            &[
                ("name", "Murka"),
                ("email", email),
                ("password", PASSWORD),
                ("phone", "+7 999 000 11 22"),
                ("skills", &service.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = app.count(&format!(
        "SELECT c.id FROM candidates c JOIN users u ON u.id = c.user_id WHERE u.email = '{email}'"
    ));
    (client, id)
}

/// A manager assigns the test and the candidate starts it; returns the assignment.
async fn assign_and_start(app: &TestApp, cand: &TestClient, cand_id: i64, test: i64) -> i64 {
    let (manager, _) = app.login_as("manager").await;
    manager
        .post_form(
            &format!("/manage/candidates/{cand_id}/assign"),
            &[("test", &test.to_string())],
        )
        .await;
    let a = app.count(&format!(
        "SELECT MAX(id) FROM test_assignments WHERE candidate_id = {cand_id}"
    ));
    cand.post_form(&format!("/candidate/tests/{a}/start"), &[])
        .await;
    a
}

#[tokio::test]
async fn a_candidate_takes_a_test_on_time_and_it_is_graded() {
    let app = spawn_app().await;
    let (test, q) = build_test(&app, false);
    let (cand, cand_id) = candidate(&app, "murka@example.com").await;
    let (manager, _) = app.login_as("manager").await;

    let res = manager
        .post_form(
            &format!("/manage/candidates/{cand_id}/assign"),
            &[
                ("test", &test.to_string()),
                ("shuffle", "1"),
                ("pass_mark", "60"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM candidates WHERE status = 'testing'"),
        1
    );
    let a = app.count("SELECT id FROM test_assignments");
    let (_, home) = cand.get_html("/candidate").await;
    assert!(text(&home, "main").contains("Mousing basics"));

    cand.post_form(&format!("/candidate/tests/{a}/start"), &[])
        .await;
    app.clock.advance(Duration::minutes(9));
    let res = cand
        .post_form(
            &format!("/candidate/tests/{a}/submit"),
            &[(&format!("q{}", q[0]), "1"), (&format!("q{}", q[1]), "9")],
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!(
            "SELECT score_bp FROM test_assignments WHERE id = {a} AND status = 'graded'"
        )),
        10_000
    );
    let again = cand
        .post_form(
            &format!("/candidate/tests/{a}/submit"),
            &[(&format!("q{}", q[0]), "0")],
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no second submission"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT score_bp FROM test_assignments WHERE id = {a}"
        )),
        10_000
    );
}

#[tokio::test]
async fn a_late_submission_is_refused_and_the_attempt_closes_at_the_limit() {
    let app = spawn_app().await;
    let (test, q) = build_test(&app, false);
    let (cand, cand_id) = candidate(&app, "late@example.com").await;
    let a = assign_and_start(&app, &cand, cand_id, test).await;

    app.clock.advance(Duration::minutes(11));
    let res = cand
        .post_form(
            &format!("/candidate/tests/{a}/submit"),
            &[(&format!("q{}", q[0]), "1")],
        )
        .await;

    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Time is up"));
    assert_eq!(app.count("SELECT COUNT(*) FROM test_answers"), 0);
    app.drain().await;
    assert_eq!(
        app.count(&format!(
            "SELECT score_bp FROM test_assignments WHERE id = {a} AND status = 'graded'"
        )),
        0,
        "closed at the limit"
    );
}

#[tokio::test]
async fn free_text_waits_for_a_manager_and_tampering_is_refused() {
    let app = spawn_app().await;
    let (test, q) = build_test(&app, true);
    let (other_test, other_q) = build_test(&app, false);
    let (cand, cand_id) = candidate(&app, "writer@example.com").await;
    let (rival, rival_id) = candidate(&app, "rival@example.com").await;
    let (manager, _) = app.login_as("manager").await;
    manager
        .post_form(
            &format!("/manage/candidates/{cand_id}/assign"),
            &[("test", &test.to_string())],
        )
        .await;
    manager
        .post_form(
            &format!("/manage/candidates/{rival_id}/assign"),
            &[("test", &other_test.to_string())],
        )
        .await;
    let a = app.count(&format!(
        "SELECT id FROM test_assignments WHERE candidate_id = {cand_id}"
    ));
    cand.post_form(&format!("/candidate/tests/{a}/start"), &[])
        .await;

    // Someone else's test is not there for them; a foreign question id is noticed.
    assert_eq!(
        rival.get(&format!("/candidate/tests/{a}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let tampered = cand
        .post_form(
            &format!("/candidate/tests/{a}/submit"),
            &[(&format!("q{}", other_q[0]), "1")],
        )
        .await;
    assert_eq!(tampered.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(tampered.text().await.unwrap().contains("do not belong"));

    let res = cand
        .post_form(
            &format!("/candidate/tests/{a}/submit"),
            &[
                (&format!("q{}", q[0]), "0"),
                (&format!("q{}", q[1]), "9"),
                (&format!("q{}", q[2]), "A rat the size of a dog"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM test_assignments WHERE id = {a} AND status = 'submitted' AND score_bp IS NULL")), 1);
    assert_eq!(
        app.count(&format!(
            "SELECT points FROM test_answers WHERE assignment_id = {a} AND question_id = {}",
            q[1]
        )),
        3
    );
}

#[tokio::test]
async fn assigning_needs_a_real_test_and_a_sensible_customisation() {
    let app = spawn_app().await;
    let (test, _) = build_test(&app, false);
    let (_, cand_id) = candidate(&app, "c@example.com").await;
    let (manager, _) = app.login_as("manager").await;

    let test_id = test.to_string();
    for fields in [
        vec![("test", "99999")],
        vec![("test", test_id.as_str()), ("take", "5")],
        vec![("test", test_id.as_str()), ("pass_mark", "150")],
    ] {
        let res = manager
            .post_form(&format!("/manage/candidates/{cand_id}/assign"), &fields)
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM test_assignments"), 0);
    assert_eq!(
        manager
            .post_form(
                "/manage/candidates/424242/assign",
                &[("test", &test.to_string())]
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_candidate_is_invited_by_notification_and_an_unstarted_invitation_expires() {
    let app = spawn_app().await;
    let (test, _) = build_test(&app, false);
    let (cand, cand_id) = candidate(&app, "invited@example.com").await;
    let (manager, _) = app.login_as("manager").await;

    manager
        .post_form(
            &format!("/manage/candidates/{cand_id}/assign"),
            &[("test", &test.to_string())],
        )
        .await;

    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'test_assigned'"),
        1
    );
    // The managers' list says which test the candidate was given, and where it stands.
    let (_, candidates) = manager.get_html("/manage/candidates").await;
    let row = text(&candidates, "tbody");
    assert!(row.contains("Mousing basics · "), "{row}");
    assert!(
        row.contains("Testing"),
        "a manager's word for the status: {row}"
    );
    assert!(text(&candidates, "thead").contains("Services offered"));
    let (_, list) = cand.get_html("/notifications").await;
    assert!(text(&list, ".notification-list").contains("Mousing basics"));
    app.clock.advance(Duration::days(8));
    app.drain().await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM test_assignments WHERE status = 'expired'"),
        1
    );
    let a = app.count("SELECT id FROM test_assignments");
    // Eight idle days ended the session too: the candidate comes back and logs in.
    cand.login("invited@example.com", PASSWORD).await;
    let late = cand
        .post_form(&format!("/candidate/tests/{a}/start"), &[])
        .await;
    let (_, page) = cand.get_html(&location(&late)).await;
    assert!(text(&page, ".flash.error").contains("not open"));
}

#[tokio::test]
async fn autosaved_answers_count_when_the_candidate_walks_away() {
    let app = spawn_app().await;
    let (test, q) = build_test(&app, false);
    let (cand, cand_id) = candidate(&app, "walker@example.com").await;
    let a = assign_and_start(&app, &cand, cand_id, test).await;

    let res = cand
        .http
        .post(format!("{}/candidate/tests/{a}/save", cand.base))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", cand.csrf_token().await)
        .form(&[(format!("q{}", q[0]), "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Answers saved"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM test_assignments WHERE id = {a} AND status = 'started'"
        )),
        1
    );
    // A reload shows the saved answer picked.
    let (_, page) = cand.get_html(&format!("/candidate/tests/{a}")).await;
    assert_eq!(
        first_attr(&page, &format!("input[name=q{}][checked]", q[0]), "value").as_deref(),
        Some("1")
    );

    app.clock.advance(Duration::minutes(11));
    app.drain().await;
    // 2 of 5 points: the saved single-choice answer, nothing for the numeric one.
    assert_eq!(
        app.count(&format!(
            "SELECT score_bp FROM test_assignments WHERE id = {a} AND status = 'graded'"
        )),
        4_000
    );
}
