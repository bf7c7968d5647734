//! The matching experiment `generate` writes over its history's last days: every decided
//! order in an arm as a fresh draw puts it, decided with that arm's strategy, the database's
//! invariants kept, and a report with a verdict once the results job ran.

use reqwest::StatusCode;
use whiskerworks::ops::generate;
use whiskerworks::split::arm_for;

use crate::helpers::*;

#[tokio::test]
async fn a_generated_history_carries_a_running_matching_experiment_with_a_verdict() {
    let app = spawn_app().await;
    let now = app.clock_now();
    let tz = app.state.settings().time_zone;
    let plan = generate::Plan {
        workers: None,
        days: 120,
        orders_per_day: 50,
        seed: 3,
        today: whiskerworks::reports::model::period::business_day(tz, now),
    };
    let mut conn = app.state.pool.get().unwrap();
    let made = generate::run(&mut conn, tz, plan, now, &mut |_| {}).unwrap();
    generate::experiment_results(&mut conn, &app.state.settings(), now, made.experiment_id)
        .unwrap();
    drop(conn);

    // Only the last 90 days' orders are units, all but those still waiting for a worker.
    let id = made.experiment_id;
    let units = app.count(&format!(
        "SELECT COUNT(*) FROM matching_assignments WHERE experiment_id = {id}"
    ));
    assert_eq!(units, made.experiment_units);
    let started = format!("(SELECT started_at FROM experiments WHERE id = {id})");
    let in_run = app.count(&format!(
        "SELECT COUNT(*) FROM orders WHERE created_at >= {started} AND status <> 'new'"
    ));
    assert!(units > 85 * 45 && units <= in_run, "{units} of {in_run}");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM orders WHERE created_at < {started}"
        )) + in_run
            + app.count("SELECT COUNT(*) FROM orders WHERE status = 'new'"),
        made.orders
    );
    {
        let conn = app.state.pool.get().unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT a.order_id, a.arm, d.strategy, a.assigned_at = d.at
                 FROM matching_assignments a JOIN matching_decisions d ON d.order_id = a.order_id",
            )
            .unwrap();
        let rows: Vec<(i64, i64, String, bool)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len() as i64, units, "one decision per unit");
        let score = rows.iter().filter(|r| r.1 == 1).count() as f64;
        assert!(
            (score / units as f64 - 0.5).abs() < 0.03,
            "{score} of {units}"
        );
        for (order, arm, strategy, at_first_decision) in rows {
            assert_eq!(arm_for(id, order, &[50, 50]), Some(arm as usize));
            assert_eq!(strategy, ["random", "score"][arm as usize]);
            assert!(at_first_decision);
        }
    }
    // The score strategy reads every worker's running totals.
    assert_eq!(
        app.count("SELECT SUM(rating_count) FROM worker_ratings"),
        app.count("SELECT COUNT(*) FROM order_signatures")
    );
    assert_eq!(
        app.count("SELECT SUM(score_count) FROM worker_qc"),
        app.count(
            "SELECT COUNT(*) FROM qc_reviews WHERE status = 'done' AND worker_id IS NOT NULL"
        )
    );
    let problems = whiskerworks::ops::check::check(app.dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");

    let (manager, _) = app.login_as("manager").await;
    let (status, report) = manager.get_html(&format!("/manage/experiments/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let verdict = text(&report, ".verdict");
    assert!(
        verdict.contains("Score does better than Random on"),
        "{verdict}"
    );
}
