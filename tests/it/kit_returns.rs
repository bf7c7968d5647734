//! Cancelling a job already started: the manager states what of the kit comes back; the
//! rest is recorded as used up, not returned to the shelf.

use whiskerworks::supply::service::bakery::Faults;

use crate::order_helpers::*;
use crate::supply_helpers::{Supplied, flash, supplied};

async fn started(s: &Supplied) -> i64 {
    let id = s.assigned_order("10:00").await;
    s.app.drain().await;
    for step in ["kit", "start"] {
        s.w.worker
            .post_form(&format!("/worker/jobs/{id}/{step}"), &[])
            .await;
    }
    assert_eq!(status_of(&s.app, id), "in_progress");
    id
}

fn returns_of(s: &Supplied, order_id: i64) -> (i64, i64, i64) {
    s.app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT issued, returned, consumed FROM kit_returns WHERE order_id = ?1 AND consumable_id = ?2",
            [order_id, s.detergent],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[tokio::test]
async fn a_manager_cancelling_a_started_job_says_what_came_back_and_the_rest_is_consumed() {
    let s = supplied(5, Faults::default(), |_| {}).await;
    let id = started(&s).await;
    assert_eq!(s.on_hand(), 3, "two bottles packed");
    let (_, page) = s.w.manager.get_html(&format!("/manage/orders/{id}")).await;
    let field = format!("returned_{}", s.detergent);
    assert!(
        crate::helpers::first_attr(&page, &format!("input[name={field}]"), "max").as_deref()
            == Some("2"),
        "the cancel form asks about each issued item"
    );
    let path = format!("/manage/orders/{id}/cancel");

    let bad =
        s.w.manager
            .post_form(&path, &[("reason", "Client sent us away"), (&field, "-1")])
            .await;
    assert_eq!(flash(&bad), "error:flash-returned-invalid");
    assert_eq!(status_of(&s.app, id), "in_progress");

    s.w.manager
        .post_form(&path, &[("reason", "Client sent us away"), (&field, "1")])
        .await;

    assert_eq!(status_of(&s.app, id), "cancelled");
    assert_eq!(s.on_hand(), 4, "one bottle back on the shelf");
    assert_eq!(returns_of(&s, id), (2, 1, 1));
    assert_eq!(
        s.app.count(&format!(
            "SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE order_id = {id} AND kind = 'return'"
        )),
        1
    );
    s.assert_consistent();
}

#[tokio::test]
async fn a_cancellation_before_the_start_still_returns_everything() {
    let s = supplied(5, Faults::default(), |_| {}).await;
    let id = s.assigned_order("10:00").await;
    s.app.drain().await;
    assert_eq!(s.on_hand(), 3);

    s.w.manager
        .post_form(
            &format!("/manage/orders/{id}/cancel"),
            &[("reason", "Double booking")],
        )
        .await;

    assert_eq!(status_of(&s.app, id), "cancelled");
    assert_eq!(s.on_hand(), 5);
    assert_eq!(s.app.count("SELECT COUNT(*) FROM kit_returns"), 0);
    s.assert_consistent();
}
