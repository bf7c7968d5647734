//! Billing through the real app and `golden-hat-sim` over real HTTP: weekly invoices and
//! charges, declines and dunning, gateway faults, lost replies across a restart, monthly
//! payouts with fines, bonuses and carry-forward.

use chrono::Duration;
use reqwest::StatusCode;
use whiskerworks::billing::model::periods::{RunKind, period_containing};
use whiskerworks::billing::postings::{WorkerMove, worker_move};
use whiskerworks::billing::service::gateway::Faults;
use whiskerworks::db::write_tx;

use crate::billing_helpers::*;
use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::flash;

#[tokio::test]
async fn a_week_of_orders_is_invoiced_once_and_charged_once() {
    let (app, w, gw) = billed(Faults::default()).await;
    complete_order(&app, &w, "10:00").await;
    complete_order(&app, &w, "15:00").await;

    let period = pass_cutoff(&app, RunKind::Weekly).await;
    app.drain().await;

    let (invoice_id, status, total) = invoice_of(&app, w.client_id);
    assert_eq!(status, "paid");
    assert_eq!(total, 2 * 530_000, "both orders at base + option");
    let charges = gw.sim.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(
        charges[0].0,
        format!("INV-{}-{:06}", period.label().replace('-', ""), w.client_id)
    );
    assert_eq!(charges[0].1.amount_minor, total);
    assert_eq!(app.count("SELECT COUNT(*) FROM invoices"), 1);
    assert_eq!(
        app.count(&format!(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account = 'client:{}'",
            w.client_id
        )),
        0
    );
    // The worker is owed 80 %, the company keeps 20 %.
    assert_eq!(
        app.count(&format!(
            "SELECT -SUM(amount_minor) FROM ledger_entries WHERE account = 'worker:{}'",
            w.worker_id
        )),
        848_000
    );
    let (status, page) = w.client.get_html(&format!("/invoices/{invoice_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, "h1").contains("INV-"));
    let csv = w
        .client
        .get(&format!("/invoices/{invoice_id}/download"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("invoice,period,kind"));
    assert_eq!(csv.lines().count(), 3, "a header and two order lines");
    let (status, page) = w.worker.get_html("/worker/earnings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text(&page, "p.big").contains("8,480.00"),
        "{}",
        text(&page, "p.big")
    );
    // The worker's own side: each job a positive earning, the running total ending at the
    // figure at the top.
    let rows = table_rows(&page, "#entries tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    for row in &rows {
        assert!(row[1].contains('#') && !row[2].contains('-'), "{row:?}");
    }
    assert_eq!(rows[0][3], text(&page, "p.big").trim(), "{rows:?}");
    let (status, page) = w.manager.get_html("/manage/billing").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, "table").contains(&period.label()));
    assert_eq!(
        w.client.get("/manage/billing").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_checks_pass(&app);
}

#[tokio::test]
async fn statements_list_entries_by_month_and_refuse_bad_months() {
    let (app, w, _gw) = billed(Faults::default()).await;
    complete_order(&app, &w, "10:00").await;
    let tz = app.state.settings().time_zone;
    let this = period_containing(RunKind::Monthly, tz, app.clock_now());
    let rows = |page: &scraper::Html| {
        page.select(&scraper::Selector::parse("#entries tbody tr").unwrap())
            .count()
    };

    for (who, path) in [
        (&w.client, "/client/billing"),
        (&w.worker, "/worker/earnings"),
    ] {
        let (status, page) = who.get_html(path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(rows(&page), 1, "{path}: this month's order");
        let month = |label: String| {
            whiskerworks::i18n::Tr::new(whiskerworks::i18n::Lang::En, chrono_tz::UTC).month(&label)
        };
        assert!(text(&page, "#entries h2").contains(&month(this.label())));

        let earlier = format!("{path}?month={}", this.prev().label());
        let (_, page) = who.get_html(&earlier).await;
        assert_eq!(rows(&page), 0, "{path}: nothing last month");
        assert!(text(&page, "#entries").contains(&month(this.prev().label())));

        for bad in ["2026-13", "garbage", "2999-01", "2026-1"] {
            let (status, page) = who.get_html(&format!("{path}?month={bad}")).await;
            assert_eq!(status, StatusCode::OK, "{bad}");
            assert!(
                text(&page, "#entries .notice").contains("year-month"),
                "{bad}"
            );
            assert_eq!(rows(&page), 1, "{bad}: this month instead");
        }
    }
}

#[tokio::test]
async fn a_declined_card_goes_past_due_through_dunning_blocks_orders_and_another_card_pays() {
    let (app, w, gw) = billed(Faults::default()).await;
    add_card(&w.client, "/client/profile/card", "4000 0000 0000 0002").await;
    complete_order(&app, &w, "10:00").await;
    pass_cutoff(&app, RunKind::Weekly).await;
    let (invoice_id, status, _) = invoice_of(&app, w.client_id);
    assert_eq!(status, "past_due");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'payment_failed'"),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'charge_failed'"),
        1
    );

    // Retries after 1, 3 and 7 days, each declined and told.
    let declined_at = app.clock_now();
    for day in [1, 3, 7] {
        app.clock
            .set(declined_at + Duration::days(day) + Duration::seconds(1));
        app.drain().await;
    }
    assert_eq!(gw.sim.charges().len(), 4);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'payment_retry_failed'"),
        3
    );
    assert_eq!(app.count("SELECT retries_done FROM invoices"), 3);

    // Past due for more than 7 days: new orders are refused with a way to pay.
    app.clock
        .set(declined_at + Duration::days(7) + Duration::minutes(5));
    let res = w
        .client
        .post_form(
            "/client/orders",
            &[
                ("service", &w.service_id.to_string()),
                ("address", "new"),
                ("new_address", "1 Test St"),
                ("date", &tomorrow(&app)),
                ("time", "10:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("past due"));
    let orders_before = app.count("SELECT COUNT(*) FROM orders");

    add_card(&w.client, "/client/profile/card", "4242 4242 4242 4242").await;
    let res = w
        .client
        .post_form(&format!("/invoices/{invoice_id}/pay"), &[])
        .await;
    assert_eq!(flash(&res), "success:flash-invoice-paid");
    assert_eq!(invoice_of(&app, w.client_id).1, "paid");
    assert_eq!(app.count("SELECT COUNT(*) FROM orders"), orders_before);
    place_order(&app, &w).await;
    assert_checks_pass(&app);
}

#[tokio::test]
async fn gateway_errors_then_recovery_charge_exactly_once() {
    let (app, w, gw) = billed(Faults::default()).await;
    complete_order(&app, &w, "10:00").await;
    gw.sim.set_faults(Faults {
        fail_next: 2,
        ..Faults::default()
    });

    pass_cutoff(&app, RunKind::Weekly).await;
    assert_eq!(invoice_of(&app, w.client_id).1, "due");
    app.clock.advance(Duration::seconds(31));
    app.drain().await;
    assert_eq!(
        invoice_of(&app, w.client_id).1,
        "due",
        "the lookup failed too"
    );
    app.clock.advance(Duration::seconds(61));
    app.drain().await;

    assert_eq!(invoice_of(&app, w.client_id).1, "paid");
    assert_eq!(gw.sim.charges().len(), 1);
    let keys = gw.sim.requests();
    assert!(
        keys.windows(2).all(|k| k[0] == k[1]),
        "one key throughout: {keys:?}"
    );
    assert_checks_pass(&app);
}

#[tokio::test]
async fn a_lost_reply_is_resolved_after_a_restart_by_asking_not_charging() {
    let (app, w, gw) = billed(Faults::default()).await;
    complete_order(&app, &w, "10:00").await;
    gw.sim.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    pass_cutoff(&app, RunKind::Weekly).await;
    assert_eq!(gw.sim.charges().len(), 1, "the gateway charged");
    assert_eq!(invoice_of(&app, w.client_id).1, "due", "but we never heard");

    gw.sim.set_faults(Faults::default());
    let restarted = restart(&app).await;
    restarted.drain().await;

    assert_eq!(invoice_of(&restarted, w.client_id).1, "paid");
    assert_eq!(gw.sim.charges().len(), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'payment'"),
        1
    );
    assert_checks_pass(&app);
}

#[tokio::test]
async fn monthly_payouts_net_fines_and_bonuses_and_carry_a_negative_forward() {
    let (app, w, gw) = billed(Faults::default()).await;
    add_card(&w.worker, "/worker/earnings/card", "4242 4242 4242 4242").await;
    complete_order(&app, &w, "10:00").await;
    let conn = || app.state.pool.get().unwrap();
    write_tx(&mut conn(), |tx| {
        worker_move(
            tx,
            "t-fine-1",
            (WorkerMove::Fine, w.worker_id, 24_000),
            "Late",
            None,
            app.clock_now(),
        )
    })
    .unwrap();
    write_tx(&mut conn(), |tx| {
        worker_move(
            tx,
            "t-bonus-1",
            (WorkerMove::Bonus, w.worker_id, 10_000),
            "Great review",
            None,
            app.clock_now(),
        )
    })
    .unwrap();

    let march = pass_cutoff(&app, RunKind::Monthly).await;
    let paid: (String, i64) = conn()
        .query_row(
            "SELECT status, amount_minor FROM payouts WHERE period = ?1",
            [march.label()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(paid, ("paid".into(), 424_000 - 24_000 + 10_000));
    assert_eq!(gw.sim.payouts().len(), 1);

    // April: only a fine → nothing paid, carried forward.
    app.clock.advance(Duration::days(2));
    write_tx(&mut conn(), |tx| {
        worker_move(
            tx,
            "t-fine-2",
            (WorkerMove::Fine, w.worker_id, 50_000),
            "Broken vase",
            None,
            app.clock_now(),
        )
    })
    .unwrap();
    let april = pass_cutoff(&app, RunKind::Monthly).await;
    let carried: (String, i64) = conn()
        .query_row(
            "SELECT status, amount_minor FROM payouts WHERE period = ?1",
            [april.label()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(carried, ("carried_forward".into(), -50_000));

    // May: a bonus larger than what was carried → the difference is paid.
    app.clock.advance(Duration::days(2));
    write_tx(&mut conn(), |tx| {
        worker_move(
            tx,
            "t-bonus-2",
            (WorkerMove::Bonus, w.worker_id, 80_000),
            "Month's best",
            None,
            app.clock_now(),
        )
    })
    .unwrap();
    let may = pass_cutoff(&app, RunKind::Monthly).await;
    let row: (String, i64, i64) = conn()
        .query_row(
            "SELECT status, amount_minor, carried_in_minor FROM payouts WHERE period = ?1",
            [may.label()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(row, ("paid".into(), 30_000, -50_000));
    assert_eq!(gw.sim.payouts().len(), 2);
    assert_eq!(
        app.count(&format!(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account = 'worker:{}'",
            w.worker_id
        )),
        0,
        "everything owed was paid"
    );
    assert_checks_pass(&app);
}

#[tokio::test]
async fn two_runs_at_once_and_a_second_run_change_nothing_twice() {
    let (app, w, gw) = billed(Faults::default()).await;
    complete_order(&app, &w, "10:00").await;
    let tz = app.state.settings().time_zone;
    let period = period_containing(RunKind::Weekly, tz, app.clock_now());
    app.clock.set(period.cutoff(tz) + Duration::minutes(1));
    let snapshot = |app: &TestApp| {
        (
            app.count("SELECT COUNT(*) FROM invoices"),
            app.count("SELECT COUNT(*) FROM charges"),
            app.count("SELECT COUNT(*) FROM ledger_entries"),
            app.count("SELECT COUNT(*) FROM billing_runs"),
        )
    };
    let two_at_once = |app: &TestApp| {
        let billing = app.runner.billing();
        let (a, b) = (billing.clone(), billing);
        let one =
            tokio::task::spawn_blocking(move || whiskerworks::billing::runs::run_due(&a).unwrap());
        let two =
            tokio::task::spawn_blocking(move || whiskerworks::billing::runs::run_due(&b).unwrap());
        async move {
            one.await.unwrap();
            two.await.unwrap();
        }
    };

    two_at_once(&app).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM invoices WHERE total_minor > 0"),
        1
    );
    assert_eq!(gw.sim.charges().len(), 1, "racing runs charge once");
    let after_first = snapshot(&app);

    two_at_once(&app).await;
    app.drain().await;
    assert_eq!(snapshot(&app), after_first);
    assert_eq!(gw.sim.charges().len(), 1);
    assert_checks_pass(&app);
}

#[tokio::test]
async fn ledger_rows_cannot_be_changed_or_deleted() {
    let (app, w, _gw) = billed(Faults::default()).await;
    complete_order(&app, &w, "10:00").await;
    let mut conn = app.state.pool.get().unwrap();
    for sql in [
        "UPDATE ledger_entries SET amount_minor = 1",
        "DELETE FROM ledger_entries",
        "UPDATE ledger_transactions SET kind = 'fine'",
        "DELETE FROM ledger_transactions",
    ] {
        let err = whiskerworks::db::write_tx(&mut conn, |tx| tx.execute(sql, []))
            .unwrap_err()
            .to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM ledger_entries"), 3);
}

#[tokio::test]
async fn bad_cards_other_peoples_invoices_and_promo_abuse_are_refused() {
    let (app, w, gw) = billed(Faults::default()).await;
    let cards_before = app.count("SELECT COUNT(*) FROM payment_cards");
    for (number, month, year, expected) in [
        (
            "4242 4242 4242 4241",
            "12",
            "2030",
            "error:flash-card-number",
        ),
        ("4242", "12", "2030", "error:flash-card-number"),
        ("4242424242424242", "13", "2030", "error:flash-card-expiry"),
        ("4242424242424242", "1", "2020", "error:flash-card-expiry"),
    ] {
        let res = w
            .client
            .post_form(
                "/client/profile/card",
                &[
                    ("card_number", number),
                    ("exp_month", month),
                    ("exp_year", year),
                    ("cvc", "123"),
                ],
            )
            .await;
        assert_eq!(flash(&res), expected, "{number}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payment_cards"),
        cards_before
    );
    assert_eq!(
        gw.sim.tokens().len(),
        1,
        "only the good card from set-up reached the gateway"
    );

    complete_order(&app, &w, "10:00").await;
    gw.sim.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    pass_cutoff(&app, RunKind::Weekly).await;
    let (invoice_id, _, _) = invoice_of(&app, w.client_id);
    let (stranger, _) = app.login_as("client").await;
    assert_eq!(
        stranger
            .get(&format!("/invoices/{invoice_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let res = stranger
        .post_form(&format!("/invoices/{invoice_id}/pay"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM charges"), 1);

    // Promo codes: once per client, a total limit, validity dates.
    gw.sim.set_faults(Faults::default());
    {
        use whiskerworks::billing::model::discounts::{PromoRules, PromoTerms, PromoValue};
        let rules = |until: Option<chrono::NaiveDate>, max_uses| PromoRules {
            valid_from: None,
            valid_until: until,
            max_uses,
            once_per_client: true,
            active: true,
        };
        let terms = |code: &str| PromoTerms {
            code: code.into(),
            value: PromoValue::PercentBp(1_000),
            stacks: false,
        };
        app.write(|tx| {
            whiskerworks::billing::pricing::insert_promo(
                tx,
                &terms("SPRING10"),
                &rules(None, Some(5)),
                1,
                app.clock_now(),
            )?;
            whiskerworks::billing::pricing::insert_promo(
                tx,
                &terms("OLD"),
                &rules(chrono::NaiveDate::from_ymd_opt(2025, 1, 1), None),
                1,
                app.clock_now(),
            )
        });
    }
    let order = |promo: &'static str, time: &'static str| {
        let (service, date) = (w.service_id.to_string(), tomorrow(&app));
        let client = &w.client;
        async move {
            client
                .post_form(
                    "/client/orders",
                    &[
                        ("service", &service),
                        ("address", "new"),
                        ("new_address", "1 Test St"),
                        ("date", &date),
                        ("time", time),
                        ("promo", promo),
                    ],
                )
                .await
        }
    };
    assert_eq!(
        order("spring10", "10:00").await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.count("SELECT total_minor FROM orders ORDER BY id DESC LIMIT 1"),
        450_000 - 45_000
    );
    let again = order("SPRING10", "16:00").await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("already used"));
    assert!(
        order("OLD", "16:00")
            .await
            .text()
            .await
            .unwrap()
            .contains("expired")
    );
    assert!(
        order("NOPE-1", "16:00")
            .await
            .text()
            .await
            .unwrap()
            .contains("does not exist")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM promo_redemptions"), 1);
}

#[tokio::test]
async fn a_hire_without_a_card_is_held_told_asked_and_paid_minutes_after_adding_one() {
    let (app, w, gw) = billed(Faults::default()).await;
    complete_order(&app, &w, "10:00").await;
    let (_, home) = w.worker.get_html("/worker").await;
    assert!(
        text(&home, ".card-prompt").contains("Add a card"),
        "asked for a card on the home page"
    );

    let march = pass_cutoff(&app, RunKind::Monthly).await;
    let row = || -> (String, i64, i64) {
        app.state
            .pool
            .get()
            .unwrap()
            .query_row(
                "SELECT status, amount_minor, attempt FROM payouts WHERE period = ?1",
                [march.label()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    };
    assert_eq!(row(), ("held".into(), 424_000, 1), "held, not failed");
    assert_eq!(gw.sim.payouts().len(), 0);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'payout_held' AND user_id = {}",
            w.worker_id
        )),
        1,
        "the worker is told"
    );
    let (manager, _) = app.login_as("manager").await;
    let (_, billing) = manager.get_html("/manage/billing").await;
    assert!(
        text(&billing, "main").contains("Held payouts"),
        "{}",
        text(&billing, "body")
    );
    assert_checks_pass(&app);

    // A card reopens the held statement as its next try; the next pass pays it, once.
    log_in_again(&app, &w.worker, w.worker_id).await;
    add_card(&w.worker, "/worker/earnings/card", "4242 4242 4242 4242").await;
    app.clock.advance(Duration::minutes(1));
    app.drain().await;
    app.drain().await;
    assert_eq!(row(), ("paid".into(), 424_000, 2));
    assert_eq!(gw.sim.payouts().len(), 1);
    let key = format!("payout-{}-{}-2", w.worker_id, march.label());
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM ledger_transactions WHERE idempotency_key = 'paid-{key}'"
        )),
        1
    );
    let (_, home) = w.worker.get_html("/worker").await;
    assert!(
        home.select(&scraper::Selector::parse(".card-prompt").unwrap())
            .next()
            .is_none()
    );
    assert_checks_pass(&app);
}

#[tokio::test]
async fn a_manual_credit_or_debit_tells_the_person_whose_balance_it_is() {
    let (app, w, _gw) = billed(Faults::default()).await;
    let email = email_of(&app, w.client_id);
    let res = w
        .manager
        .post_form(
            "/manage/billing/adjustments",
            &[
                ("email", email.as_str()),
                ("kind", "credit"),
                ("amount", "150"),
                ("reason", "Sorry for the wait"),
                ("nonce", "0123456789abcdef0123456789abcdef"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'balance_adjusted' AND user_id = {}",
            w.client_id
        )),
        1
    );
}
