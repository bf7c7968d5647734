//! The client's phone: validated on the profile, shown to the assigned worker from the
//! assignment until the job is completed, and never after.

use crate::billing_helpers::complete_order;
use crate::helpers::*;
use crate::order_helpers::*;

fn stored_phone(app: &TestApp, client_id: i64) -> String {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT phone FROM client_preferences WHERE client_id = ?1",
            [client_id],
            |r| r.get(0),
        )
        .unwrap_or_default()
}

#[tokio::test]
async fn a_client_saves_a_valid_phone_and_a_wrong_one_changes_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;

    let bad = w
        .client
        .post_form("/client/profile/phone", &[("phone", "call me maybe")])
        .await;
    assert_eq!(location(&bad), "/client/profile");
    assert_eq!(stored_phone(&app, w.client_id), "");
    let (_, page) = w.client.get_html("/client/profile").await;
    assert!(text(&page, ".flash").contains("international form"));

    w.client
        .post_form("/client/profile/phone", &[("phone", "+7 (916) 123-45-67")])
        .await;
    assert_eq!(stored_phone(&app, w.client_id), "+79161234567");
    let (_, page) = w.client.get_html("/client/profile").await;
    assert_eq!(
        first_attr(&page, "input[name=phone]", "value").as_deref(),
        Some("+79161234567")
    );
    w.client
        .post_form("/client/profile/phone", &[("phone", "")])
        .await;
    assert_eq!(stored_phone(&app, w.client_id), "", "empty removes it");
}

#[tokio::test]
async fn the_worker_sees_the_phone_from_assignment_until_completion_only() {
    let app = spawn_app().await;
    let w = world(&app).await;
    w.client
        .post_form("/client/profile/phone", &[("phone", "+7 916 123 45 67")])
        .await;
    let phone_on = |page: &scraper::Html| first_attr(page, "a.client-phone", "href");

    let id = place_order(&app, &w).await;
    offer_to_worker(&w, id).await;
    let (_, offered) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert_eq!(phone_on(&offered), None, "not while only offered");

    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    let (_, assigned) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert_eq!(phone_on(&assigned).as_deref(), Some("tel:+79161234567"));

    let done = complete_order(&app, &w, "14:00").await;
    let (_, completed) = w.worker.get_html(&format!("/worker/jobs/{done}")).await;
    assert_eq!(phone_on(&completed), None, "never after completion");
    assert!(!completed.html().contains("+79161234567"));
}
