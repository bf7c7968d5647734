//! Per-object authorization: people who may not see an order are told it does not exist.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

async fn completed_order(app: &TestApp, w: &World) -> (i64, i64) {
    let id = place_order(app, w).await;
    start_job(app, w, id).await;
    w.worker
        .post_multipart(
            &format!("/worker/jobs/{id}/report"),
            report_form(w, vec![("a.png", PNG.to_vec())]),
        )
        .await;
    w.client
        .post_form(
            &format!("/client/orders/{id}/sign"),
            &[
                ("full_name", "Clara Ivanova"),
                ("signature", &signature_data_url()),
                ("rating", "4"),
            ],
        )
        .await;
    assert_eq!(status_of(app, id), "completed");
    let file_id = app.count(&format!("SELECT id FROM order_files WHERE order_id = {id}"));
    (id, file_id)
}

#[tokio::test]
async fn another_client_cannot_see_or_touch_the_order_its_files_or_signature() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (id, file_id) = completed_order(&app, &w).await;
    let (other, _) = app.login_as("client").await;

    for path in [
        format!("/client/orders/{id}"),
        format!("/client/orders/{id}/sign"),
        format!("/client/orders/{id}/cancel"),
        format!("/orders/{id}/files/{file_id}"),
        format!("/orders/{id}/signature.png"),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let res = other
        .post_form(
            &format!("/client/orders/{id}/refuse"),
            &[("reason", "mine now")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // A form the rules would refuse answers the same: the ownership check comes first.
    let too_long = "x".repeat(5_000);
    for (step, reason) in [
        ("refuse", ""),
        ("refuse", too_long.as_str()),
        ("cancel", ""),
    ] {
        let res = other
            .post_form(
                &format!("/client/orders/{id}/{step}"),
                &[("reason", reason)],
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::NOT_FOUND,
            "{step} {}",
            reason.len()
        );
    }
    assert_eq!(status_of(&app, id), "completed");
}

#[tokio::test]
async fn a_worker_not_on_the_order_cannot_see_or_act_on_it() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    let worker = w.worker_id.to_string();
    w.manager
        .post_form(
            &format!("/manage/orders/{id}/offer"),
            &[("worker", &worker)],
        )
        .await;
    let (stranger, _) = app.login_as("worker").await;

    assert_eq!(
        stranger.get(&format!("/worker/jobs/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stranger
            .post_form(&format!("/worker/jobs/{id}/accept"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(status_of(&app, id), "offered");
    let (_, home) = stranger.get_html("/worker").await;
    assert!(!text(&home, "main").contains("Deep cleaning"));
}

#[tokio::test]
async fn candidates_and_visitors_reach_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (id, file_id) = completed_order(&app, &w).await;
    let (candidate, _) = app.login_as("candidate").await;
    let visitor = app.client();

    assert_eq!(
        candidate
            .get(&format!("/client/orders/{id}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        candidate.get(&format!("/worker/jobs/{id}")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        candidate
            .get(&format!("/orders/{id}/files/{file_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    for path in [
        format!("/client/orders/{id}"),
        format!("/orders/{id}/files/{file_id}"),
        format!("/manage/orders/{id}"),
    ] {
        assert!(
            location(&visitor.get(&path).await).starts_with("/login"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_worker_and_managers_see_the_files_of_their_orders() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (id, file_id) = completed_order(&app, &w).await;

    assert_eq!(
        w.worker
            .get(&format!("/orders/{id}/files/{file_id}"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        w.manager
            .get(&format!("/orders/{id}/files/{file_id}"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        w.manager
            .get(&format!("/orders/{id}/files/{}", file_id + 100))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
