//! Who hears about an order's later steps: the worker when the client signs or refuses,
//! managers when a kit gets a local fortune, the client and worker on a refund or a lower
//! price, and the completion email with the price the client pays in the end.

use chrono::Duration;
use whiskerworks::billing::service::gateway::Faults as GatewayFaults;
use whiskerworks::supply::service::bakery::Faults;

use crate::billing_helpers::*;
use crate::helpers::*;
use crate::quality::{decide, disputed_order, review_of};
use crate::supply_helpers::supplied;

fn kinds_of(app: &TestApp, user_id: i64) -> Vec<String> {
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn
        .prepare("SELECT kind FROM notifications WHERE user_id = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([user_id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test]
async fn the_worker_hears_when_the_client_signs_and_when_they_refuse() {
    let (app, w, _gw) = billed(GatewayFaults::default()).await;
    let signed = complete_order(&app, &w, "09:00").await;
    disputed_order(&app, &w, "13:00").await;

    let kinds = kinds_of(&app, w.worker_id);
    assert_eq!(kinds.iter().filter(|k| *k == "order_signed").count(), 1);
    assert_eq!(kinds.iter().filter(|k| *k == "order_refused").count(), 1);
    let (_, list) = w.worker.get_html("/notifications").await;
    assert!(text(&list, "main").contains(&format!("Order #{signed} signed")));
}

#[tokio::test]
async fn a_lower_price_tells_both_and_the_completion_email_shows_it() {
    let (app, w, _gw) = billed(GatewayFaults::default()).await;
    let order = disputed_order(&app, &w, "09:00").await;
    let review = review_of(&app, order);
    let fields = [
        ("score", "3"),
        ("findings", "Oven left dirty"),
        ("resolution", "adjust"),
        ("price", "3000.00"),
    ];
    assert_eq!(
        decide(&w, review, &fields).await,
        "success:flash-review-done"
    );
    app.drain().await;

    assert!(kinds_of(&app, w.client_id).contains(&"price_adjusted".to_string()));
    assert!(kinds_of(&app, w.worker_id).contains(&"price_adjusted".to_string()));
    let completion = app
        .mail_files()
        .into_iter()
        .find(|m| m.contains(&format!("Order #{order} completed")))
        .expect("the completion email was sent");
    assert!(completion.contains("3,000.00"), "{completion}");
    assert!(!completion.contains("5,300.00"), "not the old total");
}

#[tokio::test]
async fn a_refund_tells_the_client_what_came_back_and_the_worker_what_it_took() {
    let (app, w, _gw) = billed(GatewayFaults::default()).await;
    let order = complete_order(&app, &w, "09:00").await;

    let res = w
        .manager
        .post_form(
            &format!("/manage/billing/orders/{order}/refund"),
            &[("reason", "Goodwill after a complaint")],
        )
        .await;
    assert_eq!(location(&res), format!("/manage/orders/{order}"));

    let body = |user: i64| {
        app.state
            .pool
            .get()
            .unwrap()
            .query_row(
                "SELECT body FROM notifications WHERE user_id = ?1 AND kind = 'order_refunded'",
                [user],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
    };
    assert!(
        body(w.client_id).contains("5,300.00"),
        "{}",
        body(w.client_id)
    );
    assert!(body(w.client_id).contains("Goodwill"));
    assert!(
        body(w.worker_id).contains("4,240.00"),
        "{}",
        body(w.worker_id)
    );
}

#[tokio::test]
async fn managers_hear_when_a_kit_gets_a_local_fortune() {
    let faults = Faults {
        error_rate: 1.0,
        ..Faults::default()
    };
    let s = supplied(5, faults, |st| st.supply.bakery_max_attempts = 2).await;
    let id = s.assigned_order("10:00").await;
    for _ in 0..2 {
        s.app.drain().await;
        s.app.clock.advance(Duration::minutes(5));
    }

    assert_eq!(s.pack_status(id), "packed");
    assert_eq!(
        s.app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'kit_local_fortune' AND link = '/manage/packs'
               AND title LIKE '%#{id}%'"
        )),
        s.app.count("SELECT COUNT(*) FROM users WHERE role = 'manager'"),
        "every manager is told once"
    );
}
