//! What a simulated history is worth experimenting on: orders placed through the day, jobs
//! started inside the start window, both matching strategies and two screening policies
//! decided, the paths a quiet history never takes, and ratings that follow the hidden
//! abilities the simulation reports.

use std::collections::BTreeMap;

use whiskerworks::ops::simulate::{self, ability};

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_simulated_week_is_realistic_and_knows_its_workers_abilities() {
    let dir = tempfile::tempdir().unwrap();
    let settings = whiskerworks::config::Settings::defaults(dir.path());
    let window = settings.orders.start_window_minutes;
    let summary = simulate::run(settings, 8, 5).unwrap();
    let problems = whiskerworks::ops::check::check(dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let conn = rusqlite::Connection::open(dir.path().join("whiskerworks.db")).unwrap();

    // Orders are placed through the day, for slots through the week.
    let hours = count(
        &conn,
        "SELECT COUNT(DISTINCT strftime('%H', created_at)) FROM orders",
    );
    assert!(hours >= 10, "orders placed in {hours} different hours");
    let slot_days = count(
        &conn,
        "SELECT COUNT(DISTINCT strftime('%w', scheduled_at)) FROM orders",
    );
    assert_eq!(slot_days, 7, "slots on every weekday");
    let orders = count(&conn, "SELECT COUNT(*) FROM orders");
    assert!((100..=220).contains(&orders), "about 20 a day: {orders}");

    // Nobody starts before the start window opens, and matching took its time.
    let starts = count(
        &conn,
        "SELECT COUNT(*) FROM order_events WHERE action = 'start'",
    );
    let early = count(
        &conn,
        &format!(
            "SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id
             WHERE e.action = 'start'
               AND julianday(e.at) < julianday(o.scheduled_at) - {window} / 1440.0 - 1e-6"
        ),
    );
    assert!(starts > 50, "{starts} jobs started");
    assert_eq!(early, 0, "jobs started before their window");
    let waited = count(
        &conn,
        "SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id
         WHERE e.to_status = 'assigned' AND julianday(e.at) > julianday(o.created_at) + 5 / 1440.0",
    );
    assert!(
        waited > 20,
        "assignments wait for the worker's answer: {waited}"
    );

    // Both strategies decided, and two policy versions hired or rejected.
    for strategy in ["random", "score"] {
        let n = count(
            &conn,
            &format!("SELECT COUNT(*) FROM matching_decisions WHERE strategy = '{strategy}'"),
        );
        assert!(n > 0, "no {strategy} decisions");
    }
    let versions = count(
        &conn,
        "SELECT COUNT(DISTINCT policy_id) FROM hiring_decisions",
    );
    assert_eq!(versions, 2, "decisions under two policy versions");
    let audited = count(
        &conn,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'screening.activate'",
    );
    assert_eq!(audited, 1, "the second policy's activation is audited");

    // The paths a quiet history never takes.
    let graded = count(
        &conn,
        "SELECT COUNT(*) FROM test_answers WHERE points IS NOT NULL AND answer_json LIKE '%text%'",
    );
    assert!(graded > 0, "written answers graded by a manager");
    assert!(
        count(&conn, "SELECT COUNT(*) FROM order_files") > 0,
        "report photos"
    );
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM client_worker_preferences WHERE kind = 'favourite'"
        ) > 0,
        "favourite workers"
    );
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM packs WHERE fallback_cookie = 1"
        ) > 0,
        "kits with the fallback fortune"
    );
    assert!(
        count(
            &conn,
            "SELECT COUNT(*) FROM order_offers WHERE source = 'manager'"
        ) > 0,
        "manual offers by a manager"
    );

    // Ratings follow the hidden abilities: the better half of the rated workers is rated
    // better, as their expected ratings say.
    let mut stmt = conn
        .prepare(
            "SELECT o.worker_id, s.rating FROM order_signatures s JOIN orders o ON o.id = s.order_id",
        )
        .unwrap();
    let mut by_worker: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .unwrap()
    {
        let (worker, rating) = row.unwrap();
        by_worker.entry(worker).or_default().push(rating);
    }
    let mut rated: Vec<(f64, f64)> = by_worker
        .iter()
        .map(|(w, r)| {
            let truth = summary.abilities[w];
            (truth, r.iter().sum::<i64>() as f64 / r.len() as f64)
        })
        .collect();
    rated.sort_by(|a, b| a.0.total_cmp(&b.0));
    let half = rated.len() / 2;
    let mean =
        |s: &[(f64, f64)], f: fn(&(f64, f64)) -> f64| s.iter().map(f).sum::<f64>() / s.len() as f64;
    let (low, high) = (&rated[..half], &rated[half..]);
    assert!(
        mean(high, |r| r.1) > mean(low, |r| r.1),
        "better workers are rated better: {rated:?}"
    );
    let expected = |s: &[(f64, f64)]| mean(s, |r| ability::expected_rating(r.0));
    assert!(expected(high) > expected(low));
    assert!(summary.abilities.len() >= 16, "every worker has an ability");
}
