//! Quality control through HTTP: the queue fills from cancellations, disputes and the sample;
//! reviews settle disputes three ways with their ledger effect, fine and reward workers, and
//! refuse bad input; only managers reach it.

use reqwest::StatusCode;
use whiskerworks::billing::service::gateway::Faults;
use whiskerworks::quality::model::sampling;

use crate::billing_helpers::*;
use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::flash;

pub fn review_of(app: &TestApp, order_id: i64) -> i64 {
    app.count(&format!(
        "SELECT id FROM qc_reviews WHERE order_id = {order_id}"
    ))
}

/// What the client pays for the order after everything it posted.
fn client_net(app: &TestApp, order_id: i64) -> i64 {
    app.count(&format!(
        "SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE t.reference = 'order:{order_id}' AND e.account LIKE 'client:%'"
    ))
}

/// An order worked and reported, then refused by the client.
pub async fn disputed_order(app: &TestApp, w: &World, time: &str) -> i64 {
    let id = place_order_at(app, w, time).await;
    start_job(app, w, id).await;
    w.worker
        .post_multipart(&format!("/worker/jobs/{id}/report"), report_form(w, vec![]))
        .await;
    let res = w
        .client
        .post_form(
            &format!("/client/orders/{id}/refuse"),
            &[("reason", "The windows are still dirty")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(app, id), "disputed");
    id
}

pub async fn decide(w: &World, review: i64, fields: &[(&str, &str)]) -> String {
    flash(
        &w.manager
            .post_form(&format!("/manage/qc/{review}"), fields)
            .await,
    )
}

#[tokio::test]
async fn cancellations_and_disputes_join_the_queue_and_a_reviewer_is_assigned() {
    let (app, w, _gw) = billed(Faults::default()).await;
    let cancelled = place_order_at(&app, &w, "10:00").await;
    let res = w
        .client
        .post_form(
            &format!("/client/orders/{cancelled}/cancel"),
            &[("reason", "Plans changed")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, cancelled), "cancelled");
    let disputed = disputed_order(&app, &w, "15:00").await;

    let (status, page) = w.manager.get_html("/manage/qc?status=open").await;
    assert_eq!(status, StatusCode::OK);
    let rows = text(&page, "tbody");
    assert!(
        rows.contains(&format!("#{cancelled}")) && rows.contains(&format!("#{disputed}")),
        "{rows}"
    );
    let (_, page) = w.manager.get_html("/manage/qc?reason=disputed").await;
    assert!(!text(&page, "tbody").contains(&format!("#{cancelled}")));
    let badge = w
        .manager
        .get("/manage/qc/badge")
        .await
        .text()
        .await
        .unwrap();
    assert!(badge.contains(">2<"), "{badge}");

    let review = review_of(&app, disputed);
    let (_, page) = w
        .manager
        .get_html(&format!("/manage/orders/{disputed}"))
        .await;
    assert_eq!(
        first_attr(&page, &format!("a[href='/manage/qc/{review}']"), "href"),
        Some(format!("/manage/qc/{review}")),
        "the order page links to its review"
    );
    let (status, page) = w.manager.get_html(&format!("/manage/qc/{review}")).await;
    assert_eq!(status, StatusCode::OK);
    let story = text(&page, "main");
    for part in ["The windows are still dirty", "Ring twice"] {
        assert!(story.contains(part), "the review shows {part}");
    }

    let manager_id = app.count("SELECT MIN(id) FROM users WHERE role = 'manager'");
    let assign = format!("/manage/qc/{review}/assign");
    let past = (app.clock_now() - chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    let res = w
        .manager
        .post_form(
            &assign,
            &[("reviewer", &manager_id.to_string()), ("due", &past)],
        )
        .await;
    assert_eq!(flash(&res), "error:flash-review-due");
    let worker = w.worker_id.to_string();
    let soon = (app.clock_now() + chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    let res = w
        .manager
        .post_form(&assign, &[("reviewer", &worker), ("due", &soon)])
        .await;
    assert_eq!(flash(&res), "error:flash-review-reviewer");
    let res = w
        .manager
        .post_form(
            &assign,
            &[("reviewer", &manager_id.to_string()), ("due", &soon)],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-review-assigned");
    assert_eq!(
        app.count(&format!(
            "SELECT assignee_id FROM qc_reviews WHERE id = {review}"
        )),
        manager_id
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'review_assigned'"),
        1
    );
    let (_, page) = w.manager.get_html("/manage/qc?assignee=me").await;
    assert!(text(&page, "tbody").contains(&format!("#{disputed}")));
    assert!(!text(&page, "tbody").contains(&format!("#{cancelled}")));
    assert_checks_pass(&app);
}

#[tokio::test]
async fn a_dispute_is_resolved_each_of_three_ways_with_its_ledger_effect() {
    let (app, w, _gw) = billed(Faults::default()).await;
    let price = 530_000;
    let ways: [(&str, &str, &str, i64); 3] = [
        ("complete", "", "completed", price),
        ("adjust", "3000.00", "completed", 300_000),
        ("cancel", "", "cancelled", 0),
    ];
    for (i, (way, new_price, status, net)) in ways.into_iter().enumerate() {
        let order = disputed_order(&app, &w, ["09:00", "12:00", "16:00"][i]).await;
        assert_eq!(client_net(&app, order), 0, "nothing is owed while disputed");
        let review = review_of(&app, order);
        let fields = [
            ("score", "3"),
            ("findings", "Partly done"),
            ("resolution", way),
            ("price", new_price),
        ];
        assert_eq!(
            decide(&w, review, &fields).await,
            "success:flash-review-done",
            "{way}"
        );
        assert_eq!(status_of(&app, order), status, "{way}");
        assert_eq!(client_net(&app, order), net, "{way}");
        if way == "adjust" {
            // The client sees the final price on the order and in the list, and the
            // completion notice says it.
            let (_, page) = w.client.get_html(&format!("/client/orders/{order}")).await;
            assert!(text(&page, "table.adjusted").contains("₽3,000.00"), "{way}");
            let (_, list) = w.client.get_html("/client?tab=completed").await;
            assert!(text(&list, ".order-card del").contains("₽5,300.00"));
            let notice = app.count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE kind = 'order_completed'
                 AND body LIKE '%3,000.00%' AND link LIKE '%/{order}'"
            ));
            assert_eq!(notice, 1, "the completion notice names the final price");
        }

        let before = app.count("SELECT COUNT(*) FROM ledger_transactions");
        assert_eq!(
            decide(&w, review, &fields).await,
            "error:flash-review-closed",
            "{way}: resolved twice"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM ledger_transactions"),
            before
        );
    }
    // The adjusted order's worker gives back 80 % of the 2,300.00 taken off.
    assert_eq!(
        app.count(&format!(
            "SELECT -SUM(amount_minor) FROM ledger_entries WHERE account = 'worker:{}'",
            w.worker_id
        )),
        424_000 + 240_000
    );
    assert_checks_pass(&app);
}

#[tokio::test]
async fn a_fine_reaches_the_workers_statement_and_bad_reviews_change_nothing() {
    let (app, w, _gw) = billed(Faults::default()).await;
    let order = disputed_order(&app, &w, "10:00").await;
    let review = review_of(&app, order);
    let base = [
        ("score", "2"),
        ("findings", "Left a mess in the hall"),
        ("resolution", "complete"),
    ];
    let with = |extra: (&'static str, &'static str)| {
        let mut f = base.to_vec();
        f.push(extra);
        f
    };
    for bad in ["0", "-5", "abc", "99999999"] {
        assert_eq!(
            decide(&w, review, &with(("fine", bad))).await,
            "error:err-review-amount",
            "{bad}"
        );
    }
    assert_eq!(
        decide(&w, review, &[("findings", "x"), ("resolution", "complete")]).await,
        "error:err-review-score"
    );
    assert_eq!(
        decide(&w, review, &[("score", "2"), ("findings", "x")]).await,
        "error:err-review-resolution"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM qc_reviews WHERE status = 'done'"),
        0
    );
    assert_eq!(status_of(&app, order), "disputed");
    assert_eq!(app.count("SELECT COUNT(*) FROM ledger_transactions"), 0);
    assert_eq!(
        w.manager.get("/manage/qc/999999").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.manager
            .post_form("/manage/qc/999999", &base)
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "an order not in the queue cannot be reviewed"
    );

    assert_eq!(
        decide(&w, review, &with(("fine", "500"))).await,
        "success:flash-review-done"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'fine'"),
        1
    );
    let (_, page) = w.worker.get_html("/worker/earnings").await;
    let statement = text(&page, "#entries");
    assert!(statement.contains("Left a mess in the hall"), "{statement}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'fine_or_bonus'"),
        1
    );
    // The score feeds the worker's running QC average that the score matcher reads.
    assert_eq!(
        app.count(&format!(
            "SELECT score_sum * 100 + score_count FROM worker_qc WHERE worker_id = {}",
            w.worker_id
        )),
        201
    );

    // Another worker does not see it; clients and workers do not reach quality control.
    let (other, _) = app.login_as("worker").await;
    let (_, page) = other.get_html("/worker/earnings").await;
    assert!(!text(&page, "main").contains("Left a mess"));
    for path in [
        "/manage/qc",
        &format!("/manage/qc/{review}"),
        "/manage/insights",
    ] {
        assert_eq!(
            w.worker.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            w.client.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(
        w.worker
            .post_form(&format!("/manage/qc/{review}"), &with(("bonus", "100")))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_checks_pass(&app);

    // `check` names a fine that does not match its posting, and a dispute without a review.
    app.write(|tx| {
        tx.execute(
            "UPDATE qc_reviews SET fine_minor = 70000 WHERE id = ?1",
            [review],
        )
    });
    let problems = whiskerworks::ops::check::check(app.dir.path()).unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&format!("review {review} decided a fine of 70000"))),
        "{problems:?}"
    );
    app.write(|tx| tx.execute("DELETE FROM qc_reviews WHERE id = ?1", [review]));
    let problems = whiskerworks::ops::check::check(app.dir.path()).unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&format!("order #{order} (completed) has no review"))),
        "{problems:?}"
    );
}

#[test]
fn the_sample_over_a_simulated_month_is_near_its_rate_and_reproducible() {
    let draws = |dir: &std::path::Path| -> Vec<(i64, i64, i64, i64)> {
        let settings = whiskerworks::config::Settings::defaults(dir);
        whiskerworks::ops::simulate::run(settings, 30, 11).unwrap();
        let conn = rusqlite::Connection::open(dir.join("whiskerworks.db")).unwrap();
        let mut stmt = conn
            .prepare("SELECT order_id, seed, draw, picked FROM qc_sample_draws ORDER BY order_id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = draws(a.path());
    assert_eq!(
        first,
        draws(b.path()),
        "the same seed draws the same sample"
    );

    let n = first.len() as f64;
    let picked = first.iter().filter(|d| d.3 == 1).count() as f64;
    // Binomial(n, 0.1): within three standard deviations.
    let bound = 3.0 * (n * 0.1 * 0.9).sqrt();
    assert!(n > 150.0, "a month of completed orders: {n}");
    assert!((picked - 0.1 * n).abs() <= bound, "{picked} of {n}");
    for (order, seed, draw, picked) in &first {
        let again = sampling::draw(*seed as u64, *order);
        assert_eq!(
            i64::from(again),
            *draw,
            "the draw of order {order} recomputes"
        );
        assert_eq!(sampling::picked(again, 10), *picked == 1);
    }
    let conn = rusqlite::Connection::open(a.path().join("whiskerworks.db")).unwrap();
    let sampled: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM qc_reviews WHERE reason = 'sample'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sampled as f64, picked, "every picked order has a review");
}

#[tokio::test]
async fn the_queue_opens_on_open_reviews_and_a_cancellation_reads_as_one() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    w.client
        .post_form(
            &format!("/client/orders/{order}/cancel"),
            &[("reason", "Plans changed")],
        )
        .await;
    let review = review_of(&app, order);

    let (_, queue) = w.manager.get_html("/manage/qc").await;
    assert_eq!(
        first_attr(&queue, "select[name=status] option[selected]", "value").as_deref(),
        Some("open")
    );
    assert!(text(&queue, "tbody").contains(&format!("#{order}")));
    let (_, page) = w.manager.get_html(&format!("/manage/qc/{review}")).await;
    let title = text(&page, "h1");
    assert!(
        title.contains("Cancellation") && title.contains("Cancelled"),
        "{title}"
    );

    // Once done, the queue names who reviewed it (here not the one it was assigned to).
    whiskerworks::ops::users::create_user(
        &app.state,
        "manager",
        "olga@example.com",
        "Olga Reviewer",
        Some(PASSWORD.into()),
    )
    .unwrap();
    let olga = app.client();
    olga.login("olga@example.com", PASSWORD).await;
    let decided = olga
        .post_form(
            &format!("/manage/qc/{review}"),
            &[("score", "4"), ("findings", "Fine")],
        )
        .await;
    assert_eq!(flash(&decided), "success:flash-review-done");
    let (_, done) = w.manager.get_html("/manage/qc?status=done").await;
    let rows = text(&done, "tbody");
    assert!(rows.contains("Olga Reviewer"), "{rows}");
}
