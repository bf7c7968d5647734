//! A slow bakery does not take the site down: packing holds no connection while it waits,
//! each kit has at most one bakery call in flight however many passes run, and every call
//! is counted on the kit.

use std::time::Duration;

use reqwest::StatusCode;
use whiskerworks::supply::service::bakery::Faults;

use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::*;

/// Places an order `days` from now at 10:00 and assigns it to the world's worker.
async fn assigned_in(s: &Supplied, days: i64) -> i64 {
    let local = s
        .app
        .clock_now()
        .with_timezone(&s.app.state.settings().time_zone)
        + chrono::Duration::days(days);
    let date = local.date_naive().to_string();
    let (service, option) = (s.w.service_id.to_string(), s.w.option_id.to_string());
    let res =
        s.w.client
            .post_form(
                "/client/orders",
                &[
                    ("service", service.as_str()),
                    ("option", &option),
                    ("address", "new"),
                    ("new_address", "1 Test St"),
                    ("date", &date),
                    ("time", "10:00"),
                    ("notes", ""),
                ],
            )
            .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id: i64 = location(&res).rsplit('/').next().unwrap().parse().unwrap();
    let worker = s.w.worker_id.to_string();
    s.w.manager
        .post_form(
            &format!("/manage/orders/{id}/assign"),
            &[("worker", &worker)],
        )
        .await;
    assert_eq!(status_of(&s.app, id), "assigned");
    id
}

/// Client, manager and health requests made while the passes run; each must succeed.
async fn browse(s: &Supplied) -> usize {
    let health = s.app.client().get("/healthz").await;
    assert_eq!(
        health.status(),
        StatusCode::OK,
        "healthz during a slow bakery"
    );
    let client = s.w.client.get("/client").await;
    assert_eq!(client.status(), StatusCode::OK, "client page");
    let manager = s.w.manager.get("/manage/orders").await;
    assert_eq!(manager.status(), StatusCode::OK, "manager page");
    3
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bakery_twenty_seconds_slow_leaves_the_site_up_and_calls_once_per_kit() {
    // Arrange: ten kits due, the bakery answering after 20 s, the app giving up after 1 s.
    let faults = Faults {
        latency_ms: 20_000,
        ..Faults::default()
    };
    let s = supplied(100, faults, |st| {
        st.supply.bakery_timeout = Duration::from_secs(1);
    })
    .await;
    let mut orders = Vec::new();
    for day in 1..=10 {
        orders.push(assigned_in(&s, day).await);
    }

    // Act: three packing passes at once (ticks piling up), while people use the site.
    let passes: Vec<_> = (0..3)
        .map(|_| {
            let runner = s.app.runner.clone();
            tokio::task::spawn_blocking(move || whiskerworks::jobs::drain(&runner))
        })
        .collect();
    // Ordering and assigning go through while the bakery is being waited on.
    assigned_in(&s, 11).await;
    let mut requests = 0;
    while !passes.iter().all(|p| p.is_finished()) {
        requests += browse(&s).await;
    }
    for pass in passes {
        pass.await.unwrap().unwrap();
    }

    // Assert: one call per kit, never two at once, and each counted on its kit.
    assert!(requests >= 3, "the site was used during the passes");
    let arrivals = s.bakery.sim.arrivals();
    assert!(arrivals.values().all(|&n| n == 1), "{arrivals:?}");
    assert_eq!(s.bakery.sim.max_in_flight_per_key(), 1);
    for id in &orders {
        assert_eq!(s.pack_status(*id), "reserved", "timed out: outcome unknown");
        assert_eq!(calls(&s, *id), 1);
        assert_eq!(attempts(&s, *id), 1);
    }

    // The bakery recovers: the retry gets each cookie, and the count says two calls.
    s.bakery.sim.set_faults(Faults::default());
    s.app.clock.advance(chrono::Duration::seconds(31));
    s.app.drain().await;
    for id in &orders {
        assert_eq!(s.pack_status(*id), "packed");
        assert_eq!(calls(&s, *id), 2);
        assert_eq!(attempts(&s, *id), 2);
    }
}

/// Requests the bakery received for the order's kit.
fn calls(s: &Supplied, order_id: i64) -> i64 {
    let arrivals = s.bakery.sim.arrivals();
    i64::from(
        arrivals
            .get(&format!("order-{order_id}"))
            .copied()
            .unwrap_or(0),
    )
}

fn attempts(s: &Supplied, order_id: i64) -> i64 {
    s.app.count(&format!(
        "SELECT bakery_attempts FROM packs WHERE order_id = {order_id}"
    ))
}
