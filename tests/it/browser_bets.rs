//! Bets in Chromium: a manager places a bet and reads the settled results page.
#![cfg(feature = "browser")]

use fantoccini::Locator;

use crate::browser::*;
use crate::helpers::*;

#[tokio::test]
async fn a_manager_bets_in_chromium_and_sees_the_settled_results() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    // The demo client orders a window wash for tomorrow through HTTP.
    let client = app.client();
    client.login("client@example.com", "whiskers-demo").await;
    let service = app
        .count("SELECT id FROM services WHERE code = 'window-wash'")
        .to_string();
    let address = app.count("SELECT id FROM client_addresses").to_string();
    let date = crate::order_helpers::tomorrow(&app);
    client
        .post_form(
            "/client/orders",
            &[
                ("service", &service),
                ("address", &address),
                ("date", &date),
                ("time", "11:00"),
            ],
        )
        .await;
    let order_id = app.count("SELECT MAX(id) FROM orders");
    // A rival manager takes the other side.
    let rival_id = app.create_user("manager", "rival@example.com");
    app.write(|tx| whiskerworks::auth::store::set_permission(tx, rival_id, "bets", true));
    let rival = app.client();
    rival.login("rival@example.com", PASSWORD).await;
    rival
        .post_form(
            &format!("/bets/orders/{order_id}"),
            &[
                ("proposition", "cancelled"),
                ("side", "no"),
                ("amount", "80"),
            ],
        )
        .await;

    let driver = start_chromedriver();
    let manager = browser(&driver, 1280, 900).await;
    log_in(&manager, &app.base, "manager@example.com").await;
    manager
        .wait()
        .for_element(Locator::Css(".nav-links a[href='/bets']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let form = manager
        .wait()
        .for_element(Locator::Css(&format!(
            "form[action='/bets/orders/{order_id}']"
        )))
        .await
        .unwrap();
    form.find(Locator::Css("select[name=proposition]"))
        .await
        .unwrap()
        .select_by_value("cancelled")
        .await
        .unwrap();
    form.find(Locator::Css("select[name=side]"))
        .await
        .unwrap()
        .select_by_value("yes")
        .await
        .unwrap();
    form.find(Locator::Css("input[name=amount]"))
        .await
        .unwrap()
        .send_keys("120")
        .await
        .unwrap();
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    manager
        .wait()
        .for_element(Locator::Css(".flash.success"))
        .await
        .unwrap();
    let book_url = manager.current_url().await.unwrap();

    // The client cancels; the reconciler settles the book.
    client
        .post_form(&format!("/client/orders/{order_id}/cancel"), &[])
        .await;
    app.drain().await;

    visit(&manager, book_url.as_str()).await;
    let results = manager
        .wait()
        .for_element(Locator::Css("table.results"))
        .await
        .unwrap();
    let text = results.text().await.unwrap();
    assert!(
        text.contains("₽80.00"),
        "the manager wins the rival's stake: {text}"
    );
    save_screenshot(&manager, "bets-results").await;
    manager.close().await.unwrap();
}
