//! Managers' money controls through HTTP: adjustments with their refusals, pricing changes
//! that apply to new orders only, and promo codes.

use reqwest::StatusCode;
use whiskerworks::billing::model::periods::RunKind;
use whiskerworks::billing::service::gateway::Faults;

use crate::billing_helpers::*;
use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::flash;

async fn nonce(manager: &TestClient) -> String {
    let (_, page) = manager.get_html("/manage/billing/controls").await;
    first_attr(&page, "input[name=nonce]", "value").unwrap()
}

#[tokio::test]
async fn a_fine_is_posted_once_audited_and_told_and_absurd_ones_change_nothing() {
    let (app, w, _gw) = billed(Faults::default()).await;
    let worker_email: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT email FROM users WHERE id = ?1",
            [w.worker_id],
            |r| r.get(0),
        )
        .unwrap();
    let entries = || app.count("SELECT COUNT(*) FROM ledger_entries");
    for (amount, reason, kind) in [
        ("0", "Late", "fine"),
        ("-5", "Late", "fine"),
        ("99999999999", "Late", "fine"),
        ("abc", "Late", "fine"),
        ("100", "", "fine"),
        ("100", "Late", "payday"),
        ("100", "Late", "debit-everyone"),
    ] {
        let n = nonce(&w.manager).await;
        let res = w
            .manager
            .post_form(
                "/manage/billing/adjustments",
                &[
                    ("email", &worker_email),
                    ("kind", kind),
                    ("amount", amount),
                    ("reason", reason),
                    ("nonce", &n),
                ],
            )
            .await;
        assert_eq!(
            flash(&res),
            "error:flash-adjustment-invalid",
            "{amount} {reason} {kind}"
        );
    }
    assert_eq!(entries(), 0);

    let n = nonce(&w.manager).await;
    let fine = [
        ("email", worker_email.as_str()),
        ("kind", "fine"),
        ("amount", "250.50"),
        ("reason", "Late twice"),
        ("nonce", &n),
    ];
    let res = w
        .manager
        .post_form("/manage/billing/adjustments", &fine)
        .await;
    assert_eq!(flash(&res), "success:flash-adjustment-posted");
    w.manager
        .post_form("/manage/billing/adjustments", &fine)
        .await;
    assert_eq!(entries(), 2, "the double submit posted once");
    assert_eq!(
        app.count(&format!(
            "SELECT SUM(amount_minor) FROM ledger_entries WHERE account = 'worker:{}'",
            w.worker_id
        )),
        25_050
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.adjustment'"),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'fine_or_bonus'"),
        1
    );
    let (_, page) = w.worker.get_html("/worker/earnings").await;
    let rows = table_rows(&page, "#entries tbody tr");
    let fine = rows.iter().find(|r| r[1].contains("Late twice")).unwrap();
    assert!(fine[2].starts_with('-'), "a fine is a deduction: {fine:?}");
    assert_eq!(rows[0][3], text(&page, "p.big").trim(), "{rows:?}");
    assert_eq!(
        w.worker.get("/manage/billing/controls").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_new_commission_applies_to_orders_placed_after_it() {
    let (app, w, _gw) = billed(Faults::default()).await;
    let before = place_order_at(&app, &w, "10:00").await;
    let res = w
        .manager
        .post_form(
            "/manage/billing/settings",
            &[
                ("commission", "25"),
                ("first_order", "0"),
                ("tiers", "5:5, 20:10"),
            ],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-saved");
    let bad = w
        .manager
        .post_form(
            "/manage/billing/settings",
            &[
                ("commission", "120"),
                ("first_order", "0"),
                ("tiers", "5:5"),
            ],
        )
        .await;
    assert_eq!(flash(&bad), "error:flash-pricing-invalid");
    let after = place_order_at(&app, &w, "15:00").await;
    let commission =
        |id: i64| app.count(&format!("SELECT commission_bp FROM orders WHERE id = {id}"));
    assert_eq!((commission(before), commission(after)), (2_000, 2_500));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.pricing'"),
        1
    );
}

#[tokio::test]
async fn promo_codes_are_created_checked_and_switched_off_by_managers() {
    let (app, w, _gw) = billed(Faults::default()).await;
    let promo = [
        ("code", "cat-day"),
        ("kind", "fixed"),
        ("value", "500"),
        ("valid_from", ""),
        ("valid_until", ""),
        ("max_uses", "2"),
        ("once_per_client", "1"),
    ];
    assert_eq!(
        flash(&w.manager.post_form("/manage/billing/promos", &promo).await),
        "success:flash-promo-created"
    );
    assert_eq!(
        flash(&w.manager.post_form("/manage/billing/promos", &promo).await),
        "error:flash-promo-taken"
    );
    for bad in [
        [("code", "x"), ("kind", "fixed"), ("value", "5")],
        [("code", "GOOD1"), ("kind", "percent"), ("value", "150")],
        [("code", "GOOD2"), ("kind", "gift"), ("value", "5")],
    ] {
        assert_eq!(
            flash(&w.manager.post_form("/manage/billing/promos", &bad).await),
            "error:flash-promo-invalid"
        );
    }
    let (_, page) = w
        .client
        .get_html(&format!(
            "/client/orders/quote?service={}&promo=CAT-DAY",
            w.service_id
        ))
        .await;
    assert!(text(&page, "#quote").contains("CAT-DAY"));
    let id = app.count("SELECT id FROM promo_codes WHERE code = 'CAT-DAY'");
    w.manager
        .post_form(&format!("/manage/billing/promos/{id}/active"), &[])
        .await;
    let (_, page) = w
        .client
        .get_html(&format!(
            "/client/orders/quote?service={}&promo=CAT-DAY",
            w.service_id
        ))
        .await;
    // Beside the promo field (an out-of-band swap), not in the price column.
    assert!(text(&page, "#promo-error").contains("no longer active"));
    assert!(!text(&page, "#quote").contains("no longer active"));
}

#[tokio::test]
async fn a_refund_credits_the_client_once_and_the_credit_carries_into_later_invoices() {
    let (app, w, gw) = billed(Faults::default()).await;
    let refunded = complete_order(&app, &w, "10:00").await;
    pass_cutoff(&app, RunKind::Weekly).await;
    assert_eq!(invoice_of(&app, w.client_id).1, "paid");
    let refund = format!("/manage/billing/orders/{refunded}/refund");

    let res = w.manager.post_form(&refund, &[("reason", "  ")]).await;
    assert_eq!(flash(&res), "error:flash-refund-reason");
    assert_eq!(
        w.client
            .post_form(&refund, &[("reason", "x")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'refund'"),
        0
    );

    let res = w
        .manager
        .post_form(&refund, &[("reason", "Work redone by another crew")])
        .await;
    assert_eq!(flash(&res), "success:flash-refund-posted");
    let again = w.manager.post_form(&refund, &[("reason", "Twice")]).await;
    assert_eq!(flash(&again), "error:flash-refund-nothing");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'refund'"),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.refund'"),
        1
    );
    let (_, page) = w
        .manager
        .get_html(&format!("/manage/orders/{refunded}"))
        .await;
    assert!(text(&page, "#money").contains("Refund"));
    assert!(
        first_attr(&page, "#money form", "action").is_none(),
        "no second refund form"
    );

    // The week with only the refund closes with a credit; nothing is charged.
    app.clock.set(app.clock_now() + chrono::Duration::days(1));
    pass_cutoff(&app, RunKind::Weekly).await;
    let (_, status, total) = invoice_of(&app, w.client_id);
    assert_eq!((status.as_str(), total), ("nothing_due", -530_000));

    // Two new orders the week after: the credit comes off, one order's worth is charged.
    app.clock.set(app.clock_now() + chrono::Duration::days(1));
    log_in_again(&app, &w.client, w.client_id).await;
    log_in_again(&app, &w.worker, w.worker_id).await;
    let manager_id = app.count("SELECT MIN(id) FROM users WHERE role = 'manager'");
    log_in_again(&app, &w.manager, manager_id).await;
    complete_order(&app, &w, "10:00").await;
    complete_order(&app, &w, "15:00").await;
    pass_cutoff(&app, RunKind::Weekly).await;
    let (invoice_id, status, total) = invoice_of(&app, w.client_id);
    assert_eq!((status.as_str(), total), ("paid", 530_000));
    assert_eq!(gw.sim.charges().last().unwrap().1.amount_minor, 530_000);
    let (_, page) = w.client.get_html(&format!("/invoices/{invoice_id}")).await;
    assert!(text(&page, "tbody").contains("Credit carried"));
    let csv = w
        .client
        .get(&format!("/invoices/{invoice_id}/download"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("carried_credit"));
    // The worker gave back their 80 % of the refunded order.
    assert_eq!(
        app.count(&format!(
            "SELECT -SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
             WHERE e.account = 'worker:{}' AND t.kind <> 'payout'",
            w.worker_id
        )),
        2 * 424_000
    );
    assert_checks_pass(&app);
}

/// The worker's language, as if they had chosen it on their account page.
fn set_language(app: &TestApp, user_id: i64, code: &str) {
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = ?1 WHERE id = ?2",
            rusqlite::params![code, user_id],
        )
    });
}

/// A manager fines the world's worker 250.50 through the adjustments form.
async fn fine_the_worker(app: &TestApp, w: &World) {
    let n = nonce(&w.manager).await;
    let res = w
        .manager
        .post_form(
            "/manage/billing/adjustments",
            &[
                ("email", email_of(app, w.worker_id).as_str()),
                ("kind", "fine"),
                ("amount", "250.50"),
                ("reason", "Опоздание"),
                ("nonce", &n),
            ],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-adjustment-posted");
}

fn subjects(app: &TestApp, user_id: i64, kind: &str) -> Vec<String> {
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn
        .prepare("SELECT subject FROM outbox WHERE user_id = ?1 AND kind = ?2 ORDER BY id")
        .unwrap();
    stmt.query_map(rusqlite::params![user_id, kind], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn a_fine_is_told_in_the_language_of_whoever_reads_it() {
    let (app, w, _gw) = billed(Faults::default()).await;
    set_language(&app, w.worker_id, "ru");

    fine_the_worker(&app, &w).await;
    app.drain().await; // the mail is written as it is sent

    assert_eq!(
        subjects(&app, w.worker_id, "fine_or_bonus"),
        vec!["Штраф: 250,50\u{a0}₽"]
    );
    let (_, ru) = w.worker.get_html("/notifications").await;
    let list = text(&ru, ".notification-list");
    assert!(list.contains("Штраф: 250,50"), "{list}");
    set_language(&app, w.worker_id, "en");
    let (_, en) = w.worker.get_html("/notifications").await;
    let list = text(&en, ".notification-list");
    assert!(list.contains("Fine of ₽250.50"), "{list}");
    assert!(!list.contains("Штраф"), "{list}");
}

#[tokio::test]
async fn the_days_earnings_mail_writes_its_date_the_workers_way() {
    let (app, w, _gw) = billed(Faults::default()).await;
    set_language(&app, w.worker_id, "ru");
    fine_the_worker(&app, &w).await;

    let day = pass_cutoff(&app, RunKind::Daily).await;

    let date = day.first_day().format("%d.%m.%Y").to_string();
    assert_eq!(
        subjects(&app, w.worker_id, "daily_earnings"),
        vec![format!("Ваш заработок за {date}")]
    );
}
