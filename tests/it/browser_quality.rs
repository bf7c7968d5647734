//! Quality control in Chromium: a manager opens the queue, reads a disputed order's story,
//! settles it at a lower price with a score and findings, and looks at the insights.
#![cfg(feature = "browser")]

use crate::browser::*;
use crate::helpers::*;
use crate::order_helpers::*;
use crate::quality::disputed_order;

#[tokio::test]
async fn a_manager_settles_a_dispute_at_a_lower_price_in_chromium() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = disputed_order(&app, &w, "11:00").await;
    let review = app.count(&format!(
        "SELECT id FROM qc_reviews WHERE order_id = {order}"
    ));
    let driver = start_chromedriver();

    let manager = browser(&driver, 1280, 900).await;
    let email: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row("SELECT email FROM users WHERE role = 'manager'", [], |r| {
            r.get(0)
        })
        .unwrap();
    log_in_with(&manager, &app.base, &email, PASSWORD).await;
    visit(&manager, &format!("{}/manage/qc", app.base)).await;
    wait_for(&manager, "nav .badge:not(.empty)").await;
    save_screenshot(&manager, "manager-qc-queue").await;
    click(&manager, &format!("a[href='/manage/qc/{review}']")).await;
    wait_for(&manager, "textarea[name=findings]").await;
    click(&manager, "input[name=score][value='4']").await;
    fill(
        &manager,
        "textarea[name=findings]",
        "Windows done, frames left dirty.",
    )
    .await;
    click(&manager, "input[name=resolution][value=adjust]").await;
    fill(&manager, "input[name=price]", "4000").await;
    save_screenshot(&manager, "manager-qc-review").await;
    manager
        .execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
    click(
        &manager,
        "form[action$='/manage/qc/REVIEW'] button[type=submit]"
            .replace("REVIEW", &review.to_string())
            .as_str(),
    )
    .await;
    wait_for(&manager, ".flash.success").await;
    assert_eq!(status_of(&app, order), "completed");
    assert_eq!(
        app.count(&format!(
            "SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
             WHERE t.reference = 'order:{order}' AND e.account LIKE 'client:%'"
        )),
        400_000
    );
    wait_for(&manager, "article.decision").await;

    // The client's phone shows the final price under the quote.
    let client_email = email_of(&app, w.client_id);
    let client = browser(&driver, 360, 740).await;
    log_in_with(&client, &app.base, &client_email, PASSWORD).await;
    visit(&client, &format!("{}/client/orders/{order}", app.base)).await;
    let adjusted = wait_for(&client, "table.adjusted").await;
    adjusted
        .find(fantoccini::Locator::Css("tfoot"))
        .await
        .unwrap()
        .text()
        .await
        .map(|t| assert!(t.contains("4,000.00"), "{t}"))
        .unwrap();
    client
        .execute(
            "document.querySelector('table.adjusted').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .unwrap();
    save_screenshot(&client, "client-order-final-price-phone").await;
    client.close().await.unwrap();
    visit(&manager, &format!("{}/manage/orders/{order}", app.base)).await;
    wait_for(&manager, "table.adjusted").await;
    manager
        .execute(
            "document.querySelector('table.adjusted').scrollIntoView({block: 'center'});",
            vec![],
        )
        .await
        .unwrap();
    save_screenshot(&manager, "manager-order-final-price-desktop").await;

    visit(&manager, &format!("{}/manage/insights", app.base)).await;
    wait_for(&manager, "#hours").await;
    save_screenshot(&manager, "manager-insights").await;
}
