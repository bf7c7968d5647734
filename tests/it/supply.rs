//! Kit packing against the bakery simulator served over real HTTP: the normal pack, bakery
//! outages with retries and the local fallback, shortages, cancellations, crashes and races.

use chrono::Duration;
use whiskerworks::supply::service::bakery::{Faults, fortunes};

use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::*;

fn no_faults() -> Faults {
    Faults::default()
}

#[tokio::test]
async fn an_assigned_order_gets_its_kit_packed_with_a_cookie_and_handed_over() {
    let s = supplied(5, no_faults(), |_| {}).await;
    let id = s.assigned_order("10:00").await;
    assert_eq!(s.pack_status(id), "pending", "created with the assignment");

    let report = s.app.drain().await;

    assert_eq!(report.packing.packed, 1);
    assert_eq!(s.pack_status(id), "packed");
    assert_eq!(s.on_hand(), 3, "two bottles left stock");
    assert_eq!(s.bakery.sim.requests(), vec![format!("order-{id}")]);
    let cookie_id: String = s
        .app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT cookie_id FROM packs WHERE order_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cookie_id, "ck-000001");
    assert_eq!(
        s.app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'kit_ready' AND user_id = {}",
            s.w.worker_id
        )),
        1
    );
    let (_, page) = s.w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert!(text(&page, "article.kit").contains("2 × Detergent"));
    assert!(
        !text(&page, ".cookie").is_empty(),
        "the worker sees the cookie"
    );

    let res =
        s.w.worker
            .post_form(&format!("/worker/jobs/{id}/kit"), &[])
            .await;

    assert_eq!(flash(&res), "success:flash-kit-confirmed");
    assert_eq!(s.pack_status(id), "issued");
    assert_eq!(
        s.app.count(&format!(
            "SELECT COUNT(*) FROM kit_handovers WHERE order_id = {id} AND worker_id = {}",
            s.w.worker_id
        )),
        2,
        "the detergent and the cookie are recorded as handed over"
    );
    s.assert_consistent();
}

#[tokio::test]
async fn bakery_errors_are_retried_with_backoff_and_the_same_key_until_it_recovers() {
    let faults = Faults {
        fail_next: 2,
        ..Faults::default()
    };
    let s = supplied(5, faults, |_| {}).await;
    let id = s.assigned_order("10:00").await;

    s.app.drain().await;
    assert_eq!(s.pack_status(id), "reserved", "stock taken, cookie pending");
    s.app.drain().await;
    assert_eq!(
        s.bakery.sim.requests().len(),
        1,
        "no retry before the backoff is over"
    );
    s.app.clock.advance(Duration::seconds(30));
    s.app.drain().await;
    assert_eq!(s.pack_status(id), "reserved");
    s.app.clock.advance(Duration::seconds(60));
    s.app.drain().await;

    assert_eq!(s.pack_status(id), "packed");
    let key = format!("order-{id}");
    assert_eq!(s.bakery.sim.requests(), vec![key.clone(), key.clone(), key]);
    assert_eq!(s.bakery.sim.baked(), 1, "one cookie");
    assert_eq!(s.on_hand(), 3, "stock taken once");
    assert_eq!(
        s.app.count(&format!(
            "SELECT bakery_attempts FROM packs WHERE order_id = {id}"
        )),
        3,
        "every call is counted, the one that worked too"
    );
    s.assert_consistent();
}

#[tokio::test]
async fn a_bakery_down_past_the_last_try_gives_a_local_fortune_and_flags_the_pack() {
    let faults = Faults {
        error_rate: 1.0,
        ..Faults::default()
    };
    let s = supplied(5, faults, |st| st.supply.bakery_max_attempts = 3).await;
    let id = s.assigned_order("10:00").await;

    for _ in 0..3 {
        s.app.drain().await;
        s.app.clock.advance(Duration::minutes(5));
    }

    assert_eq!(s.pack_status(id), "packed");
    assert_eq!(s.bakery.sim.requests().len(), 3);
    let (flag, cookie_id, text): (bool, String, String) = s
        .app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT fallback_cookie, cookie_id, cookie_text FROM packs WHERE order_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(flag);
    assert_eq!(cookie_id, format!("local-{id}"));
    assert!(fortunes().contains(&text.as_str()));
    let (_, page) = s.w.manager.get_html("/manage/packs").await;
    assert!(
        text_of(&page).contains("bakery unavailable"),
        "managers see the flag"
    );
}

fn text_of(page: &scraper::Html) -> String {
    page.root_element().text().collect()
}

#[tokio::test]
async fn a_short_kit_waits_tells_managers_once_and_packs_itself_after_a_receipt() {
    let s = supplied(1, no_faults(), |_| {}).await;
    let id = s.assigned_order("10:00").await;

    s.app.drain().await;
    s.app.drain().await;

    assert_eq!(s.pack_status(id), "short");
    assert_eq!(s.on_hand(), 1, "nothing taken from a short kit");
    assert_eq!(
        s.app
            .count("SELECT COUNT(*) FROM notifications WHERE kind = 'kit_short'"),
        1,
        "one manager, told once"
    );

    let res =
        s.w.manager
            .post_form(
                &format!("/manage/stock/{}/receive", s.detergent),
                &[("quantity", "10"), ("note", "Supplier delivery 42")],
            )
            .await;
    assert_eq!(flash(&res), "success:flash-stock-received");
    s.app.drain().await;

    assert_eq!(s.pack_status(id), "packed");
    assert_eq!(s.on_hand(), 9);
    s.assert_consistent();
}

#[tokio::test]
async fn a_cancelled_order_returns_its_materials() {
    let s = supplied(5, no_faults(), |_| {}).await;
    let id = s.assigned_order("10:00").await;
    s.app.drain().await;
    assert_eq!(s.on_hand(), 3);

    s.w.manager
        .post_form(
            &format!("/manage/orders/{id}/cancel"),
            &[("reason", "Client moved house")],
        )
        .await;

    assert_eq!(status_of(&s.app, id), "cancelled");
    assert_eq!(s.pack_status(id), "cancelled");
    assert_eq!(s.on_hand(), 5);
    assert_eq!(
        s.app.count(&format!(
            "SELECT quantity FROM stock_movements WHERE order_id = {id} AND kind = 'return'"
        )),
        2
    );
    s.assert_consistent();
}

#[tokio::test]
async fn a_reply_lost_after_reserving_is_recovered_after_a_restart_with_one_pack_and_one_cookie() {
    // The bakery bakes, then the connection drops: the job fails between reserving stock
    // and recording the pack.
    let faults = Faults {
        drop_rate: 1.0,
        ..Faults::default()
    };
    let s = supplied(5, faults, |_| {}).await;
    let id = s.assigned_order("10:00").await;
    s.app.drain().await;
    assert_eq!(s.pack_status(id), "reserved");
    assert_eq!(s.bakery.sim.baked(), 1, "the bakery did bake");

    let restarted = restart(&s.app).await;
    s.bakery.sim.set_faults(Faults::default());
    restarted.clock.advance(Duration::minutes(1));
    restarted.drain().await;

    assert_eq!(
        s.app
            .count(&format!("SELECT COUNT(*) FROM packs WHERE order_id = {id}")),
        1
    );
    assert_eq!(s.pack_status(id), "packed");
    assert_eq!(s.bakery.sim.baked(), 1, "the retry got the same cookie");
    assert_eq!(
        s.app.count(&format!(
            "SELECT COUNT(*) FROM stock_movements WHERE order_id = {id}"
        )),
        1
    );
    assert_eq!(s.on_hand(), 3);
    s.assert_consistent();
}

#[tokio::test]
async fn two_orders_racing_for_the_last_units_pack_one_and_leave_one_short() {
    let s = supplied(2, no_faults(), |_| {}).await;
    let first = s.assigned_order("10:00").await;
    let second = s.assigned_order("15:00").await;

    let (a, b) = (s.app.runner.clone(), s.app.runner.clone());
    let run = |runner: whiskerworks::jobs::Runner| {
        tokio::task::spawn_blocking(move || whiskerworks::jobs::drain(&runner))
    };
    let (ra, rb) = tokio::join!(run(a), run(b));
    ra.unwrap().unwrap();
    rb.unwrap().unwrap();

    let mut statuses = vec![s.pack_status(first), s.pack_status(second)];
    statuses.sort();
    assert_eq!(statuses, vec!["packed", "short"]);
    assert_eq!(s.on_hand(), 0, "never below zero");
    assert_eq!(
        s.app
            .count("SELECT COUNT(*) FROM stock_movements WHERE kind = 'pack'"),
        1
    );
    s.assert_consistent();
}

#[tokio::test]
async fn a_slow_bakery_times_out_and_the_retry_gets_the_cookie() {
    let faults = Faults {
        latency_ms: 1_500,
        ..Faults::default()
    };
    let s = supplied(5, faults, |st| {
        st.supply.bakery_timeout = std::time::Duration::from_millis(200)
    })
    .await;
    let id = s.assigned_order("10:00").await;

    s.app.drain().await;
    assert_eq!(s.pack_status(id), "reserved", "timed out: outcome unknown");
    s.bakery.sim.set_faults(Faults::default());
    s.app.clock.advance(Duration::seconds(30));
    s.app.drain().await;

    assert_eq!(s.pack_status(id), "packed");
    assert_eq!(
        s.bakery.sim.baked(),
        1,
        "the slow request and the retry share one cookie"
    );
}
