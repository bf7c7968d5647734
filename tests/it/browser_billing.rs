//! Billing in Chromium: a client whose card was declined adds another card and pays the
//! past-due invoice; the worker reads earnings on a 360-px phone; the manager's overview.
#![cfg(feature = "browser")]

use whiskerworks::billing::cards::{self, CardForm, Purpose};
use whiskerworks::billing::model::Account;
use whiskerworks::billing::model::periods::RunKind;
use whiskerworks::billing::postings::{self, WorkerMove};

use crate::billing_helpers::pass_cutoff;
use crate::browser::*;
use crate::helpers::*;

#[tokio::test]
async fn a_client_pays_a_declined_invoice_with_another_card_and_the_worker_sees_earnings() {
    let app = spawn_app().await;
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let client_id = app.count("SELECT id FROM users WHERE email = 'client@example.com'");
    let worker_id = app.count("SELECT id FROM users WHERE email = 'worker@example.com'");
    {
        let state = app.state.clone();
        let billing = app.runner.billing();
        let declining = CardForm {
            card_number: "4000 0000 0000 0002".into(),
            exp_month: "12".into(),
            exp_year: "2035".into(),
            cvc: "123".into(),
        };
        let now = app.clock_now();
        tokio::task::spawn_blocking(move || {
            cards::add(&billing, client_id, Purpose::Charge, &declining)
                .unwrap()
                .unwrap();
            let mut conn = state.pool.get().unwrap();
            whiskerworks::db::write_tx(&mut conn, |conn| {
                postings::adjustment(
                    conn,
                    "b-debit",
                    &Account::Client(client_id),
                    450_000,
                    "Deep cleaning, 2 March",
                    None,
                    now,
                )
                .unwrap();
                postings::worker_move(
                    conn,
                    "b-bonus",
                    (WorkerMove::Bonus, worker_id, 50_000),
                    "Five-star week",
                    None,
                    now,
                )
                .unwrap();
                Ok::<_, rusqlite::Error>(())
            })
            .unwrap();
        })
        .await
        .unwrap();
    }
    pass_cutoff(&app, RunKind::Weekly).await;
    let invoice = app.count("SELECT id FROM invoices WHERE status = 'past_due'");
    let driver = start_chromedriver();

    let client = browser(&driver, 1280, 900).await;
    log_in(&client, &app.base, "client@example.com").await;
    visit(&client, &format!("{}/invoices/{invoice}", app.base)).await;
    wait_for(&client, "article.invoice").await;
    save_screenshot(&client, "client-invoice-past-due").await;
    visit(&client, &format!("{}/client/profile", app.base)).await;
    click(&client, "#card summary").await;
    fill(
        &client,
        "#card input[name=card_number]",
        "4242 4242 4242 4242",
    )
    .await;
    fill(&client, "#card input[name=exp_month]", "12").await;
    fill(&client, "#card input[name=exp_year]", "2031").await;
    fill(&client, "#card input[name=cvc]", "321").await;
    click(&client, "#card button[type=submit]").await;
    wait_for(&client, ".flash.success").await;
    visit(&client, &format!("{}/invoices/{invoice}", app.base)).await;
    client
        .execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
    click(
        &client,
        &format!("form[action='/invoices/{invoice}/pay'] button"),
    )
    .await;
    wait_for(&client, ".flash.success").await;
    assert_eq!(
        app.count(&format!(
            "SELECT status = 'paid' FROM invoices WHERE id = {invoice}"
        )),
        1
    );
    save_screenshot(&client, "client-invoice-paid").await;

    let worker = browser(&driver, 360, 740).await;
    log_in(&worker, &app.base, "worker@example.com").await;
    visit(&worker, &format!("{}/worker/earnings", app.base)).await;
    wait_for(&worker, "p.big").await;
    // The bonus reads as a positive earning, and the running total ends at the top figure.
    let cells = worker
        .execute(
            "return [...document.querySelectorAll('#entries tbody tr:first-child td.num')]
                 .map(td => td.textContent.trim())
                 .concat(document.querySelector('p.big').textContent.trim());",
            vec![],
        )
        .await
        .unwrap();
    let cells: Vec<String> = serde_json::from_value(cells).unwrap();
    assert!(!cells[0].starts_with('-'), "{cells:?}");
    assert_eq!(cells[1], cells[2], "{cells:?}");
    save_screenshot(&worker, "worker-earnings").await;
    worker
        .execute(
            "document.getElementById('entries').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    save_screenshot(&worker, "worker-earnings-entries").await;
    let desktop = browser(&driver, 1280, 900).await;
    log_in(&desktop, &app.base, "worker@example.com").await;
    visit(&desktop, &format!("{}/worker/earnings#entries", app.base)).await;
    wait_for(&desktop, "#entries tbody tr").await;
    save_screenshot(&desktop, "worker-earnings-desktop").await;

    let manager = browser(&driver, 1280, 900).await;
    log_in(&manager, &app.base, "manager@example.com").await;
    visit(&manager, &format!("{}/manage/billing", app.base)).await;
    wait_for(&manager, ".kpis").await;
    save_screenshot(&manager, "manager-billing").await;
}
