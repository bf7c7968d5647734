//! The open job board: unassigned orders and orders a manager opened are listed to eligible
//! workers on duty; the first eligible volunteer gets the order under matching's rules, and
//! matching's decision records who and why.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::matching::{another_worker, make_available, offered_to};
use crate::order_helpers::*;

fn board_ids(html: &scraper::Html) -> Vec<String> {
    let sel = scraper::Selector::parse(".board-order form").unwrap();
    html.select(&sel)
        .filter_map(|f| f.value().attr("action").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn an_unassigned_order_goes_to_the_first_eligible_volunteer() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    app.drain().await;
    assert_eq!(status_of(&app, id), "unassigned", "nobody was on duty");
    let (off_duty, _) = app.login_as("worker").await;
    make_available(&app, w.worker_id);
    let (late, _) = another_worker(&app).await;
    let volunteer = format!("/worker/board/{id}/volunteer");

    let (status, board) = w.worker.get_html("/worker/board").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(board_ids(&board), vec![volunteer.clone()]);
    let (_, nothing) = off_duty.get_html("/worker/board").await;
    assert!(
        board_ids(&nothing).is_empty(),
        "an ineligible worker sees nothing"
    );
    let refused = off_duty.post_form(&volunteer, &[]).await;
    assert_eq!(location(&refused), "/worker/board");
    assert_eq!(status_of(&app, id), "unassigned");

    let res = w.worker.post_form(&volunteer, &[]).await;

    assert_eq!(location(&res), format!("/worker/jobs/{id}"));
    assert_eq!(status_of(&app, id), "assigned");
    assert_eq!(
        app.count(&format!("SELECT worker_id FROM orders WHERE id = {id}")),
        w.worker_id
    );
    let (chosen, considered): (i64, String) = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT chosen_worker_id, candidates_json FROM matching_decisions
             WHERE order_id = ?1 AND strategy = 'volunteer'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(chosen, w.worker_id);
    let (admin, _) = app.login_as("admin").await;
    let decision = app.count(&format!(
        "SELECT id FROM matching_decisions WHERE order_id = {id} AND strategy = 'volunteer'"
    ));
    let (_, page) = admin
        .get_html(&format!("/admin/matching/decisions/{decision}"))
        .await;
    assert!(
        text(&page, "p.lead").contains("volunteered"),
        "the decision says why"
    );
    assert!(
        considered.contains(&format!(
            "{{\"worker_id\":{},\"excluded\":null",
            w.worker_id
        )),
        "the volunteer passed every rule: {considered}"
    );
    assert!(
        considered.contains("\"off_duty\""),
        "and the others are recorded with why"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND action = 'volunteer'"
        )),
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {} AND kind = 'order_assigned'",
            w.client_id
        )),
        1
    );
    let second = late.post_form(&volunteer, &[]).await;
    assert_eq!(location(&second), "/worker/board");
    assert_eq!(
        app.count(&format!("SELECT worker_id FROM orders WHERE id = {id}")),
        w.worker_id,
        "the first volunteer keeps it"
    );
}

#[tokio::test]
async fn an_order_a_manager_opens_waits_for_a_volunteer_who_is_free_at_that_time() {
    let app = spawn_app().await;
    let w = world(&app).await;
    make_available(&app, w.worker_id);
    let first = place_order_at(&app, &w, "10:00").await;
    offer_to_worker(&w, first).await;
    w.worker
        .post_form(&format!("/worker/jobs/{first}/accept"), &[])
        .await;
    let overlapping = place_order_at(&app, &w, "11:00").await;

    let res = w
        .manager
        .post_form(&format!("/manage/orders/{overlapping}/board"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (other, other_id) = another_worker(&app).await;
    app.drain().await;

    assert_eq!(status_of(&app, overlapping), "new");
    assert_eq!(
        offered_to(&app, overlapping),
        None,
        "matching leaves it to volunteers"
    );
    let (_, busy_board) = w.worker.get_html("/worker/board").await;
    assert!(board_ids(&busy_board).is_empty(), "the worker is busy then");
    let busy = w
        .worker
        .post_form(&format!("/worker/board/{overlapping}/volunteer"), &[])
        .await;
    assert_eq!(location(&busy), "/worker/board");
    let (_, board) = other.get_html("/worker/board").await;
    assert_eq!(board_ids(&board).len(), 1);
    other
        .post_form(&format!("/worker/board/{overlapping}/volunteer"), &[])
        .await;
    assert_eq!(status_of(&app, overlapping), "assigned");
    assert_eq!(
        app.count(&format!(
            "SELECT worker_id FROM orders WHERE id = {overlapping}"
        )),
        other_id
    );
    let started = w
        .manager
        .post_form(&format!("/manage/orders/{first}/board"), &[])
        .await;
    assert_eq!(location(&started), format!("/manage/orders/{first}"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM job_board"),
        0,
        "an assigned order cannot be opened, and a taken one leaves the board"
    );
}

#[tokio::test]
async fn a_job_taken_from_the_board_is_recorded_as_the_workers_own_step() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    app.drain().await;
    assert_eq!(status_of(&app, id), "unassigned");
    make_available(&app, w.worker_id);
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET name = 'Vasilisa Mop' WHERE id = ?1",
            [w.worker_id],
        )
    });

    let res = w
        .worker
        .post_form(&format!("/worker/board/{id}/volunteer"), &[])
        .await;

    assert_eq!(location(&res), format!("/worker/jobs/{id}"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND action = 'volunteer'
               AND actor_id = {} AND actor_role = 'worker'",
            w.worker_id
        )),
        1,
        "the step is recorded under the worker who took it"
    );
    let (_, page) = w.manager.get_html(&format!("/manage/orders/{id}")).await;
    let li = scraper::Selector::parse("ol.timeline li").unwrap();
    let taken: Vec<String> = page
        .select(&li)
        .map(|l| l.text().collect::<String>())
        .filter(|l| l.contains("Taken from the job board"))
        .collect();
    assert_eq!(taken.len(), 1, "one line for the step");
    assert!(
        taken[0].contains("Vasilisa Mop") && !taken[0].contains("System"),
        "the history names the worker who took it: {taken:?}"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT chosen_worker_id FROM matching_decisions WHERE order_id = {id} AND strategy = 'volunteer'"
        )),
        w.worker_id,
        "the decision stays matching's"
    );
}
