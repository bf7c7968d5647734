//! Re-certification of hired workers over HTTP: a manager assigns a screening test to a
//! worker, the worker takes it on the same attempt pages, a failure takes them off matching
//! for that service until a pass or a manager's audited override, and the schedule assigns,
//! reminds and marks overdue on its own.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::matching::make_available;
use crate::order_helpers::*;

/// The form fields answering every question of an assignment, all right or all wrong.
pub fn answer_fields(app: &TestApp, assignment: i64, right: bool) -> Vec<(String, String)> {
    let conn = app.state.pool.get().unwrap();
    let ids: String = conn
        .query_row(
            "SELECT question_ids FROM test_assignments WHERE id = ?1",
            [assignment],
            |r| r.get(0),
        )
        .unwrap();
    let ids: Vec<i64> = serde_json::from_str(&ids).unwrap();
    let mut fields = Vec::new();
    for id in ids {
        let spec: String = conn
            .query_row(
                "SELECT spec_json FROM screening_questions WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
        let name = format!("q{id}");
        let options = spec["options"].as_array().map_or(0, Vec::len) as u64;
        match spec["kind"].as_str().unwrap() {
            "single_choice" => {
                let correct = spec["correct"].as_u64().unwrap();
                let pick = if right {
                    correct
                } else {
                    (correct + 1) % options
                };
                fields.push((name, pick.to_string()));
            }
            "multiple_choice" => {
                let correct: Vec<u64> = spec["correct"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap())
                    .collect();
                for i in 0..options {
                    if correct.contains(&i) == right {
                        fields.push((name.clone(), i.to_string()));
                    }
                }
            }
            "numeric" => {
                let answer = spec["answer"].as_f64().unwrap();
                let value = if right { answer } else { answer + 1000.0 };
                fields.push((name, value.to_string()));
            }
            _ => {}
        }
    }
    fields
}

/// Starts and submits an attempt from `base` ("/worker/tests/" or "/candidate/tests/").
pub async fn take(app: &TestApp, who: &TestClient, base: &str, assignment: i64, right: bool) {
    let res = who
        .post_form(&format!("{base}{assignment}/start"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let fields = answer_fields(app, assignment, right);
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = who
        .post_form(&format!("{base}{assignment}/submit"), &borrowed)
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "the attempt is submitted"
    );
}

/// The world of the order tests with the default screening loaded for its service, and the
/// worker certified by the schedule's first pass.
async fn certified_world(app: &TestApp) -> World {
    let w = world(app).await;
    make_available(app, w.worker_id);
    whiskerworks::hiring::service::defaults::ensure(
        &mut app.state.pool.get().unwrap(),
        app.clock_now(),
    )
    .unwrap();
    app.drain().await;
    w
}

fn cert_status(app: &TestApp, worker: i64) -> String {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT status FROM worker_certifications WHERE worker_id = ?1",
            [worker],
            |r| r.get(0),
        )
        .unwrap()
}

fn service_test(app: &TestApp, service: i64) -> i64 {
    app.count(&format!(
        "SELECT id FROM screening_tests WHERE service_id = {service}"
    ))
}

#[tokio::test]
async fn a_failed_re_certification_stops_offers_until_a_manager_overrides_with_a_reason() {
    let app = spawn_app().await;
    let w = certified_world(&app).await;
    assert_eq!(cert_status(&app, w.worker_id), "certified");
    let (_, list) = w.manager.get_html("/manage/workers").await;
    assert!(text(&list, "main").contains("Certified"));

    // The manager assigns the service's test; the worker is told and finds it on the profile.
    let res = w
        .manager
        .post_form(
            &format!("/manage/workers/{}/recertify", w.worker_id),
            &[
                ("service", &w.service_id.to_string()),
                ("test", &service_test(&app, w.service_id).to_string()),
            ],
        )
        .await;
    assert_eq!(location(&res), format!("/manage/workers/{}", w.worker_id));
    assert_eq!(cert_status(&app, w.worker_id), "testing");
    let a = app.count("SELECT id FROM test_assignments WHERE worker_id IS NOT NULL");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'recert_assigned' AND user_id = {}",
            w.worker_id
        )),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'recert.assign'"),
        1
    );
    let (_, profile) = w.worker.get_html("/worker/profile").await;
    assert_eq!(
        first_attr(&profile, "a.tap", "href").as_deref(),
        Some(format!("/worker/tests/{a}").as_str())
    );
    // A second test for the same service waits until this one is decided.
    let res = w
        .manager
        .post_form(
            &format!("/manage/workers/{}/recertify", w.worker_id),
            &[
                ("service", &w.service_id.to_string()),
                ("test", &service_test(&app, w.service_id).to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM test_assignments WHERE worker_id IS NOT NULL"),
        1
    );
    // Another worker cannot open it.
    let (other, _) = app.login_as("worker").await;
    let (status, _) = other.get_html(&format!("/worker/tests/{a}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    take(&app, &w.worker, "/worker/tests/", a, false).await;

    assert_eq!(cert_status(&app, w.worker_id), "failed");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'recert_decided' AND user_id = {}",
            w.worker_id
        )),
        1
    );
    let order = place_order(&app, &w).await;
    app.drain().await;
    assert_eq!(
        crate::matching::offered_to(&app, order),
        None,
        "no offer for the service while the re-certification is failed"
    );
    assert!(
        app.count(
            "SELECT COUNT(*) FROM matching_decisions WHERE candidates_json LIKE '%not_certified%'"
        ) >= 1,
        "matching records why"
    );

    // An override needs a reason, is audited and puts the worker back on matching.
    let path = format!("/manage/workers/{}/override", w.worker_id);
    let service = w.service_id.to_string();
    w.manager
        .post_form(&path, &[("service", &service), ("reason", " ")])
        .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM worker_certifications WHERE override_reason IS NOT NULL"),
        0
    );
    w.manager
        .post_form(
            &path,
            &[("service", &service), ("reason", "Short-staffed this week")],
        )
        .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'recert.override'"),
        1
    );
    let (_, page) = w
        .manager
        .get_html(&format!("/manage/workers/{}", w.worker_id))
        .await;
    assert!(text(&page, "main").contains("Short-staffed this week"));
    w.manager
        .post_form(&format!("/manage/orders/{order}/rerun"), &[])
        .await;
    app.drain().await;
    assert_eq!(crate::matching::offered_to(&app, order), Some(w.worker_id));
}

#[tokio::test]
async fn the_schedule_assigns_reminds_and_marks_overdue_and_a_late_pass_lifts_the_block() {
    let app = spawn_app().await;
    let w = certified_world(&app).await;
    let days = |n| Duration::days(n);

    // 180 days of certification; the test comes 14 days before, the reminder 3 days before.
    app.clock.advance(days(167));
    app.drain().await;
    assert_eq!(cert_status(&app, w.worker_id), "testing");
    let a = app.count("SELECT id FROM test_assignments WHERE worker_id IS NOT NULL");
    let told = |kind: &str| {
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = '{kind}' AND user_id = {}",
            w.worker_id
        ))
    };
    assert_eq!(told("recert_assigned"), 1);
    app.clock.advance(days(11));
    app.drain().await;
    app.drain().await;
    assert_eq!(told("recert_due_soon"), 1, "reminded once");
    app.clock.advance(days(3));
    app.drain().await;
    assert_eq!(cert_status(&app, w.worker_id), "overdue");
    assert_eq!(told("recert_decided"), 1);
    // Half a year on, the worker signs in again.
    let worker = app.client();
    worker.login(&email_of(&app, w.worker_id), PASSWORD).await;
    let (_, profile) = worker.get_html("/worker/profile").await;
    assert!(text(&profile, "main").contains("Overdue"));

    take(&app, &worker, "/worker/tests/", a, true).await;

    assert_eq!(cert_status(&app, w.worker_id), "certified");
    assert_eq!(told("recert_decided"), 2);
    let valid_until: chrono::DateTime<chrono::Utc> = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT valid_until FROM worker_certifications WHERE worker_id = ?1",
            [w.worker_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(valid_until, app.clock_now() + days(180));
    let (_, profile) = worker.get_html("/worker/profile").await;
    assert!(
        text(&profile, "main").contains("100 %"),
        "the score is on the profile"
    );
}

/// A worker failing "Mouse patrol" was once blocked from Deep cleaning: a service is
/// re-certified only with its own tests, offered and enforced.
#[tokio::test]
async fn re_certification_refuses_another_services_test() {
    use whiskerworks::catalogue::model::ServiceInput;
    use whiskerworks::hiring::store::screening_tests as tests_store;
    let app = spawn_app().await;
    let w = certified_world(&app).await;
    let mouse_test = app.write(|tx| {
        let mice = ServiceInput {
            code: "mouse-patrol".into(),
            name_en: "Mouse patrol".into(),
            name_ru: "Мышиный патруль".into(),
            description_en: String::new(),
            description_ru: String::new(),
            duration_minutes: 60,
            base_price_minor: 100_000,
            skill: "mice".into(),
        };
        let now = app.clock_now();
        let service = whiskerworks::catalogue::store::insert_service(tx, &mice, now)?.unwrap();
        let test = tests_store::insert_test(tx, "Mice", "", 5, now)?;
        tests_store::set_service(tx, test, Some(service))?;
        Ok(test)
    });
    let page = format!("/manage/workers/{}", w.worker_id);
    let (_, html) = w.manager.get_html(&page).await;
    let offered: Vec<String> = html
        .select(&scraper::Selector::parse("select[name=test] option").unwrap())
        .filter_map(|o| o.value().attr("value").map(str::to_string))
        .collect();
    let own = service_test(&app, w.service_id).to_string();
    assert_eq!(offered, [own], "only the service's own test is offered");

    let res = w
        .manager
        .post_form(
            &format!("{page}/recertify"),
            &[
                ("service", &w.service_id.to_string()),
                ("test", &mouse_test.to_string()),
            ],
        )
        .await;
    assert_eq!(location(&res), page);
    let (_, after) = w.manager.get_html(&page).await;
    assert!(text(&after, ".flash").contains("not one of this service's tests"));
    assert_eq!(cert_status(&app, w.worker_id), "certified");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM test_assignments WHERE worker_id IS NOT NULL"),
        0
    );
}
