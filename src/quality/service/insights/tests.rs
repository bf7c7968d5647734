//! Each rule on crafted rows: it fires past its threshold and stays quiet below it.

use chrono::{Duration, TimeZone, Utc};
use rusqlite::{Connection, params};

use super::*;

const TZ: Tz = chrono_tz::Europe::Moscow;

fn thresholds() -> InsightThresholds {
    InsightThresholds {
        window_days: 30,
        min_orders: 5,
        cancel_rate_percent: 30,
        score_drop_tenths: 5,
        shortages: 3,
        match_minutes: 30,
        disputes: 2,
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

/// An empty migrated database with two services, two clients and two workers.
struct Crafted {
    conn: Connection,
}

impl Crafted {
    fn new() -> Self {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        for (id, role) in [(1, "client"), (2, "client"), (3, "worker"), (4, "worker")] {
            conn.execute(
                "INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?1, ?2, ?3, 'x', ?4, ?5)",
                params![id, format!("u{id}@example.com"), format!("User {id}"), role, now()],
            )
            .unwrap();
        }
        for (id, name) in [(1, "Deep clean"), (2, "Windows")] {
            conn.execute(
                "INSERT INTO services (id, code, name_en, name_ru, duration_minutes, base_price_minor, skill, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?3, 60, 100000, 'cleaning', ?4, ?4)",
                params![id, format!("s{id}"), name, now()],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO client_addresses (id, client_id, label, address, created_at) VALUES (1, 1, 'Home', 'x', ?1)",
            [now()],
        )
        .unwrap();
        Crafted { conn }
    }

    /// An order placed `days_ago` by `client` for `service`, now in `status`.
    fn order(
        &self,
        client: i64,
        service: i64,
        worker: Option<i64>,
        status: &str,
        placed: DateTime<Utc>,
    ) -> i64 {
        self.conn
            .execute(
                "INSERT INTO orders (client_id, service_id, worker_id, address_id, address_text, scheduled_at, duration_minutes,
                                     ends_at, status, currency, quote_json, total_minor, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 1, 'x', ?4, 60, ?4, ?5, 'RUB', '{}', 100000, ?4, ?4)",
                params![client, service, worker, placed, status],
            )
            .unwrap();
        self.conn.last_insert_rowid()
    }

    fn event(&self, order: i64, to: &str, at: DateTime<Utc>) {
        self.conn
            .execute(
                "INSERT INTO order_events (order_id, at, actor_role, action, to_status) VALUES (?1, ?2, 'system', 'x', ?3)",
                params![order, at, to],
            )
            .unwrap();
    }

    fn rating(&self, worker: i64, rating: i64, at: DateTime<Utc>) {
        let order = self.order(1, 1, Some(worker), "completed", at);
        self.conn
            .execute(
                "INSERT INTO order_signatures (order_id, signed_name, signature_sha256, report_sha256, rating, signed_at, ip, user_agent)
                 VALUES (?1, 'x', 'x', 'x', ?2, ?3, 'x', 'x')",
                params![order, rating, at],
            )
            .unwrap();
    }

    fn qc_score(&self, worker: i64, score: i64, at: DateTime<Utc>) {
        let order = self.order(1, 1, Some(worker), "completed", at);
        self.conn
            .execute(
                "INSERT INTO qc_reviews (order_id, reason, status, worker_id, due_at, score, findings, reviewed_at, created_at)
                 VALUES (?1, 'sample', 'done', ?2, ?3, ?4, 'x', ?3, ?3)",
                params![order, worker, at, score],
            )
            .unwrap();
    }

    fn short_kit(&self, service: i64, at: DateTime<Utc>) {
        let order = self.order(1, service, Some(3), "assigned", at);
        self.conn
            .execute(
                "INSERT INTO packs (order_id, worker_id, status, short_notified, created_at) VALUES (?1, 3, 'short', 1, ?2)",
                params![order, at],
            )
            .unwrap();
    }

    fn insights(&self) -> Vec<Insight> {
        compute(&self.conn, &thresholds(), TZ, now()).unwrap()
    }
}

fn days_ago(n: i64) -> DateTime<Utc> {
    now() - Duration::days(n)
}

#[test]
fn an_empty_database_raises_nothing() {
    assert_eq!(Crafted::new().insights(), vec![]);
}

#[test]
fn a_service_with_many_cancellations_is_named_and_one_below_the_rate_is_not() {
    let db = Crafted::new();
    // Service 1: 2 of 6 cancelled (33 %); service 2: 1 of 6 (17 %).
    for i in 0..6 {
        db.order(
            1,
            1,
            None,
            if i < 2 { "cancelled" } else { "completed" },
            days_ago(3),
        );
        db.order(
            1,
            2,
            None,
            if i < 1 { "cancelled" } else { "completed" },
            days_ago(3),
        );
    }
    // Old cancellations outside the window do not count.
    for _ in 0..10 {
        db.order(1, 2, None, "cancelled", days_ago(45));
    }
    assert_eq!(
        db.insights(),
        vec![Insight::Cancellations {
            service_id: 1,
            service: "Deep clean".into(),
            orders: 6,
            cancelled: 2
        }]
    );
}

#[test]
fn too_few_orders_say_nothing_about_a_cancellation_rate() {
    let db = Crafted::new();
    for _ in 0..4 {
        db.order(1, 1, None, "cancelled", days_ago(1));
    }
    assert_eq!(db.insights(), vec![]);
}

#[test]
fn a_worker_whose_ratings_fall_is_named_and_a_steady_one_is_not() {
    let db = Crafted::new();
    for _ in 0..3 {
        db.rating(3, 5, days_ago(40));
        db.rating(3, 4, days_ago(5)); // 5.00 → 4.00: a fall of a whole point
        db.rating(4, 5, days_ago(40));
        db.rating(4, 5, days_ago(5)); // 5.00 → 4.67 below
    }
    db.rating(4, 4, days_ago(5));
    let found = db.insights();
    assert_eq!(
        found,
        vec![Insight::FallingScore {
            worker_id: 3,
            worker: "User 3".into(),
            what: Score::Rating,
            before_centi: 500,
            now_centi: 400,
            count: 3
        }]
    );
}

#[test]
fn a_falling_qc_score_needs_enough_scores_in_both_windows() {
    let db = Crafted::new();
    for _ in 0..3 {
        db.qc_score(3, 5, days_ago(40));
        db.qc_score(3, 2, days_ago(2));
    }
    for _ in 0..2 {
        db.qc_score(4, 5, days_ago(40));
        db.qc_score(4, 1, days_ago(2));
    }
    let found = db.insights();
    assert!(
        matches!(
            found.as_slice(),
            [Insight::FallingScore {
                worker_id: 3,
                what: Score::Qc,
                ..
            }]
        ),
        "{found:?}"
    );
}

#[test]
fn repeated_shortages_are_named_from_the_threshold_on() {
    let db = Crafted::new();
    for _ in 0..3 {
        db.short_kit(1, days_ago(2));
    }
    for _ in 0..2 {
        db.short_kit(2, days_ago(2));
    }
    db.short_kit(2, days_ago(50));
    assert_eq!(
        db.insights(),
        vec![Insight::Shortages {
            service_id: 1,
            service: "Deep clean".into(),
            short_kits: 3
        }]
    );
}

#[test]
fn an_hour_whose_orders_wait_long_for_a_worker_is_named() {
    let db = Crafted::new();
    // 09:xx Moscow = 06:xx UTC: five orders waiting 40 minutes; 14:xx: five waiting 10.
    let day = Utc.with_ymd_and_hms(2026, 11, 20, 6, 10, 0).unwrap();
    for i in 0..5 {
        let slow = db.order(1, 1, Some(3), "assigned", day + Duration::minutes(i));
        db.event(slow, "assigned", day + Duration::minutes(i + 40));
        let quick = db.order(
            1,
            1,
            Some(3),
            "assigned",
            day + Duration::hours(5) + Duration::minutes(i),
        );
        db.event(
            quick,
            "assigned",
            day + Duration::hours(5) + Duration::minutes(i + 10),
        );
    }
    assert_eq!(
        db.insights(),
        vec![Insight::SlowMatching {
            hour: 9,
            orders: 5,
            avg_minutes: 40
        }]
    );
}

#[test]
fn a_client_who_disputes_repeatedly_is_named_and_a_single_dispute_is_not() {
    let db = Crafted::new();
    for client in [1, 1, 2] {
        let order = db.order(client, 1, Some(3), "disputed", days_ago(3));
        db.event(order, "disputed", days_ago(3));
    }
    assert_eq!(
        db.insights(),
        vec![Insight::Disputes {
            client_id: 1,
            client: "User 1".into(),
            disputes: 2
        }]
    );
}
