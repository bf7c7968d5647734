//! What a client sees of their orders: tabs that hold every status, open orders first.

use crate::helpers::*;
use crate::order_helpers::*;

fn cards(page: &scraper::Html) -> usize {
    page.select(&scraper::Selector::parse(".order-card").unwrap())
        .count()
}

#[tokio::test]
async fn offered_and_new_orders_show_under_open_and_every_status_has_a_tab() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let first = place_order_at(&app, &w, "10:00").await;
    place_order_at(&app, &w, "15:00").await;
    w.manager
        .post_form(
            &format!("/manage/orders/{first}/offer"),
            &[("worker", &w.worker_id.to_string())],
        )
        .await;
    assert_eq!(status_of(&app, first), "offered");

    let (_, open) = w.client.get_html("/client").await;
    assert_eq!(cards(&open), 2, "the default tab shows both open orders");
    assert!(text(&open, "nav.tabs [aria-current=page]").contains("Open"));
    let (_, waiting) = w.client.get_html("/client?tab=waiting").await;
    assert_eq!(cards(&waiting), 2);
    let (_, done) = w.client.get_html("/client?tab=completed").await;
    assert_eq!(cards(&done), 0);
    assert!(text(&done, "main").contains("No orders are in this state"));
    let (_, all) = w.client.get_html("/client?tab=all").await;
    assert_eq!(cards(&all), 2);
}

#[tokio::test]
async fn an_unknown_promo_code_is_explained_beside_its_field_and_the_hours_are_named() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (_, page) = w
        .client
        .get_html(&format!(
            "/client/orders/quote?service={}&promo=NO-SUCH-CODE",
            w.service_id
        ))
        .await;
    assert!(text(&page, "#promo-error").contains("does not exist"));
    assert!(!text(&page, "#quote").contains("does not exist"));

    let (_, form) = w
        .client
        .get_html(&format!("/client/orders/new?service={}", w.service_id))
        .await;
    assert!(text(&form, "form").contains("Working hours are 08:00–21:00"));
}
