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
    offer_to_worker(&w, first).await;
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

#[tokio::test]
async fn a_card_added_from_the_order_form_brings_the_client_back_to_the_form_as_typed() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (client, _) = app.login_as("client").await; // no card yet
    let typed = format!(
        "/client/orders/new?service={}&date=2026-03-05&time=11%3A15&notes=Two+cats&option={}",
        w.service_id, w.option_id
    );

    let (_, form) = client.get_html(&typed).await;
    assert_eq!(
        text(&form, ".notice.error")
            .matches("Add a payment card")
            .count(),
        1,
        "the reason is said once"
    );
    let action = first_attr(&form, "#card form", "action").unwrap();
    assert!(action.starts_with("/client/profile/card?back="), "{action}");
    let res = client
        .post_form(
            &action,
            &[
                ("card_number", "4242 4242 4242 4242"),
                ("exp_month", "12"),
                ("exp_year", "2035"),
                ("cvc", "123"),
            ],
        )
        .await;

    assert_eq!(location(&res), typed);
    let (_, back) = client.get_html(&typed).await;
    assert_eq!(text(&back, "textarea[name=notes]"), "Two cats");
    assert_eq!(
        first_attr(&back, "input[name=time]", "value").as_deref(),
        Some("11:15")
    );
    assert!(first_attr(&back, "input[name=option][checked]", "value").is_some());
    assert!(
        text(&back, ".notice.error").is_empty(),
        "no card notice any more"
    );
}

#[tokio::test]
async fn the_completed_orders_tile_opens_the_clients_completed_orders() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let done = crate::billing_helpers::complete_order(&app, &w, "10:00").await;
    place_order_at(&app, &w, "15:00").await;

    let (_, home) = w.client.get_html("/client").await;
    let tile = first_attr(&home, "[data-kpi=completed_orders]", "href").unwrap();
    let (_, completed) = w.client.get_html(&tile).await;

    assert!(
        text(&completed, "nav.tabs [aria-current=page]").contains("Completed"),
        "{tile} opens the completed tab"
    );
    assert_eq!(cards(&completed), 1, "{tile} lists the completed order");
    assert_eq!(
        first_attr(&completed, ".order-card", "href"),
        Some(format!("/client/orders/{done}"))
    );
}

#[tokio::test]
async fn the_address_a_refused_order_form_stands_at_opens_the_order_list() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let refused = w
        .client
        .post_form("/client/orders", &[("service", "")])
        .await;
    assert_eq!(refused.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);

    let res = w.client.get("/client/orders").await;

    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    let (status, list) = w.client.get_html(&location(&res)).await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(
        text(&list, "nav.tabs").contains("Completed"),
        "the order list"
    );
}
