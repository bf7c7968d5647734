//! Experiments through HTTP: the lifecycle, the hash assignment (recorded once, the same as a
//! fresh draw, close to the split), decisions made with the arm's strategy or policy, the
//! report and its CSV, the managers' notice, and adoption (audited, versioned).

use reqwest::StatusCode;
use whiskerworks::split::arm_for;

use crate::helpers::*;
use crate::hiring_policies::{app_count_latest, scored_cohort};
use crate::matching::make_available;
use crate::order_helpers::*;

fn column(app: &TestApp, sql: &str) -> Vec<(i64, String)> {
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

async fn new_matching(admin: &TestClient, name: &str, target: i64) -> reqwest::Response {
    let target = target.to_string();
    admin
        .post_form(
            "/manage/experiments",
            &[
                ("decision", "matching"),
                ("name", name),
                ("hypothesis", "Scoring gives better-rated work"),
                ("primary_metric", "client_rating"),
                ("target_per_arm", &target),
                ("arm0_label", "Random"),
                ("arm0_share", "50"),
                ("arm0_strategy", "random"),
                ("arm0_settings", "1"),
                ("arm1_label", "Score"),
                ("arm1_share", "50"),
                ("arm1_strategy", "score"),
                ("arm1_settings", "1"),
            ],
        )
        .await
}

#[tokio::test]
async fn a_matching_experiment_splits_orders_by_hash_and_adopting_an_arm_versions_the_settings() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let mut workers = Vec::new();
    for _ in 0..2 {
        let (client, id) = app.login_as("worker").await;
        make_available(&app, id);
        workers.push((client, id));
    }
    let (admin, _) = app.login_as("admin").await;

    // Managers read matching experiments but cannot set them up (the settings are admins').
    let res = new_matching(&w.manager, "Manager's try", 10).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Bad input is refused with a message and saves nothing.
    let res = admin
        .post_form(
            "/manage/experiments",
            &[
                ("decision", "matching"),
                ("name", "x"),
                ("primary_metric", "client_rating"),
                ("target_per_arm", "5"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT COUNT(*) FROM experiments"), 0);

    // The orders' ids are fixed on a fresh database, so the split is known in advance.
    let orders = 28;
    let planned: Vec<usize> = (1..=orders)
        .map(|id| arm_for(1, id, &[50, 50]).unwrap())
        .collect();
    let smaller = planned
        .iter()
        .filter(|a| **a == 0)
        .count()
        .min(planned.iter().filter(|a| **a == 1).count()) as i64;
    assert!(
        smaller >= 10,
        "the hash splits 28 orders close to half and half: {planned:?}"
    );

    let res = new_matching(&admin, "Score vs random", smaller).await;
    let page = location(&res);
    assert_eq!(page, "/manage/experiments/1");
    let (status, draft) = admin.get_html(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text(&draft, "main").contains("draft"),
        "{}",
        text(&draft, "main")
    );
    admin.post_form(&format!("{page}/start"), &[]).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM experiments WHERE status = 'running'"),
        1
    );
    // A second matching experiment cannot run beside it.
    let second = location(&new_matching(&admin, "Another", 10).await);
    let res = admin.post_form(&format!("{second}/start"), &[]).await;
    assert_eq!(location(&res), second);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM experiments WHERE status = 'running'"),
        1
    );

    for day in 1..=7 {
        for time in ["09:00", "12:00", "15:00", "18:00"] {
            place_order_on(&app, &w, day, time).await;
        }
    }
    app.drain().await;

    let arms = column(
        &app,
        "SELECT order_id, CAST(arm AS TEXT) FROM matching_assignments WHERE experiment_id = 1 ORDER BY order_id",
    );
    assert_eq!(
        arms.len(),
        orders as usize,
        "every order decided under the experiment has an arm"
    );
    for (order, arm) in &arms {
        assert_eq!(
            arm.parse::<usize>().unwrap(),
            planned[*order as usize - 1],
            "order {order}'s arm is the hash's"
        );
    }
    // Every decision of an order used its arm's strategy.
    let strategies = column(
        &app,
        "SELECT d.order_id, d.strategy || '/' || a.arm FROM matching_decisions d JOIN matching_assignments a ON a.order_id = d.order_id",
    );
    assert!(!strategies.is_empty());
    for (order, s) in &strategies {
        let expected = if s.ends_with("/0") {
            "random/0"
        } else {
            "score/1"
        };
        assert_eq!(s, expected, "order {order}");
    }

    // Another pass never moves an arm.
    let before = app.count("SELECT COUNT(*) FROM matching_assignments");
    app.drain().await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM matching_assignments"),
        before
    );

    // The workers take their offers, so placement outcomes become known.
    let offers = column(
        &app,
        "SELECT order_id, CAST(worker_id AS TEXT) FROM order_offers WHERE status = 'open'",
    );
    assert!(!offers.is_empty());
    for (order, worker) in &offers {
        let worker: i64 = worker.parse().unwrap();
        let client = if worker == w.worker_id {
            &w.worker
        } else {
            &workers.iter().find(|(_, id)| *id == worker).unwrap().0
        };
        client
            .post_form(&format!("/worker/jobs/{order}/accept"), &[])
            .await;
    }
    admin.post_form(&format!("{page}/refresh"), &[]).await;

    // The report: no ratings yet, so not enough data; every arm's units are counted; managers
    // hear that the planned sample is reached, once.
    let (status, report) = w.manager.get_html(&page).await;
    assert_eq!(status, StatusCode::OK);
    let words = text(&report, ".verdict");
    assert!(words.contains("Not enough data yet"), "{words}");
    assert!(
        !text(&report, "main").contains("settings v1"),
        "managers do not see the settings"
    );
    let notices =
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'experiment_sample_reached'");
    assert_eq!(
        notices,
        app.count("SELECT COUNT(*) FROM users WHERE role IN ('manager', 'admin') AND active = 1")
    );
    admin.post_form(&format!("{page}/refresh"), &[]).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'experiment_sample_reached'"),
        notices
    );

    let res = w.manager.get(&format!("{page}/results.csv")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(
        csv.starts_with("experiment,metric,metric_name,arm,arm_label,day,units,sum,sum_of_squares"),
        "{csv}"
    );
    assert!(
        csv.contains("offers_per_order") && csv.contains("minutes_to_assign"),
        "{csv}"
    );

    // Stopping adopts the score arm: the live settings become a new version, audited.
    let res = admin
        .post_form(&format!("{page}/stop"), &[("adopt", "1")])
        .await;
    assert_eq!(location(&res), page);
    let live = column(&app, "SELECT version, strategy FROM matching_settings");
    assert_eq!(live, vec![(2, "score".to_string())]);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM matching_settings_versions"),
        2
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'matching.settings' AND details LIKE '%experiment:1/arm:1%'"), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'experiment.%'"),
        4
    );

    // After the stop, new orders are decided with the live settings and join no arm.
    let late = place_order_on(&app, &w, 8, "10:00").await;
    app.drain().await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM matching_assignments WHERE order_id = {late}"
        )),
        0
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM matching_decisions WHERE order_id = {late} AND strategy = 'score'"
        )),
        1
    );
}

#[tokio::test]
async fn a_screening_experiment_decides_each_applicant_under_their_arm_and_adopts_the_draft() {
    let app = spawn_app_with(|s| s.security.signup_max_per_ip_per_hour = 100).await;
    let (manager, _) = app.login_as("manager").await;
    let people: Vec<(String, usize)> = (0..12)
        .map(|i| (format!("applicant{i}@example.com"), [2, 1][i % 2]))
        .collect();
    let refs: Vec<(&str, usize)> = people.iter().map(|(e, r)| (e.as_str(), *r)).collect();
    let test = scored_cohort(&app, &manager, &refs).await;
    // The control hires everyone at 50 % or more; the treatment only those with full marks.
    let mut versions = Vec::new();
    for (threshold, activate) in [("50", true), ("100", false)] {
        manager
            .post_form(
                "/manage/policies",
                &[
                    (&format!("w{test}"), "1"),
                    ("rule", "min_score"),
                    ("percent", "3"),
                    ("threshold", threshold),
                    ("floor", threshold),
                    ("window", "90"),
                ],
            )
            .await;
        let id = app_count_latest(&manager).await;
        if activate {
            manager
                .post_form(&format!("/manage/policies/{id}/activate"), &[])
                .await;
        }
        versions.push(app.count(&format!(
            "SELECT version FROM screening_policies WHERE id = {id}"
        )));
    }
    let (control, treatment) = (versions[0].to_string(), versions[1].to_string());
    let res = manager
        .post_form(
            "/manage/experiments",
            &[
                ("decision", "screening"),
                ("name", "Stricter floor"),
                ("primary_metric", "hire_rate"),
                ("target_per_arm", "10"),
                ("arm0_label", "Current"),
                ("arm0_share", "50"),
                ("arm0_policy", &control),
                ("arm1_label", "Strict"),
                ("arm1_share", "50"),
                ("arm1_policy", &treatment),
            ],
        )
        .await;
    let page = location(&res);
    manager.post_form(&format!("{page}/start"), &[]).await;
    manager.post_form("/manage/policies/decide", &[]).await;

    let decided = column(
        &app,
        "SELECT a.candidate_id, a.arm || '/' || p.version || '/' || d.hired || '/' || d.score_bp
        FROM screening_assignments a JOIN hiring_decisions d ON d.candidate_id = a.candidate_id
        JOIN screening_policies p ON p.id = d.policy_id ORDER BY a.candidate_id",
    );
    assert_eq!(decided.len(), 12, "{decided:?}");
    for (candidate, facts) in &decided {
        let f: Vec<i64> = facts.split('/').map(|x| x.parse().unwrap()).collect();
        let (arm, version, hired, score) = (f[0], f[1], f[2], f[3]);
        assert_eq!(arm as usize, arm_for(1, *candidate, &[50, 50]).unwrap());
        assert_eq!(
            version, versions[arm as usize],
            "candidate {candidate} is decided under their arm's policy"
        );
        let bar = if arm == 0 { 5000 } else { 10000 };
        assert_eq!(hired == 1, score >= bar, "candidate {candidate}: {facts}");
    }

    app.drain().await;
    let (status, report) = manager.get_html(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&report, "main").contains("Hire rate"));
    assert!(
        text(&report, ".verdict").contains("cannot show a difference"),
        "{}",
        text(&report, ".verdict")
    );

    manager
        .post_form(&format!("{page}/stop"), &[("adopt", "1")])
        .await;
    assert_eq!(
        app.count("SELECT version FROM screening_policies WHERE status = 'active'"),
        versions[1]
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'screening.activate' AND details LIKE '%experiment:1/arm:1%'"), 1);
}

#[tokio::test]
async fn the_experiments_pages_render_in_both_languages_and_refuse_bad_requests() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    let (status, list) = manager.get_html("/manage/experiments").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&list, "main").contains("No experiments yet"));
    let (status, _) = manager
        .get_html("/manage/experiments/new?decision=screening")
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = manager
        .get_html("/manage/experiments/new?decision=nonsense")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = manager.get_html("/manage/experiments/99").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (client, _) = app.login_as("client").await;
    let res = client.get("/manage/experiments").await;
    assert_ne!(res.status(), StatusCode::OK);
    app.write(|tx| tx.execute("UPDATE users SET language = 'ru'", []));
    let (_, list) = manager.get_html("/manage/experiments").await;
    assert!(
        text(&list, "main").contains("Экспериментов пока нет"),
        "{}",
        text(&list, "main")
    );
}
