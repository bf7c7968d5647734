//! One order walked from creation to completion through HTTP only, then checked in depth.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

#[tokio::test]
async fn an_order_goes_from_creation_to_a_signed_completion() {
    let app = spawn_app().await;
    let w = world(&app).await;

    // The client places the order; the price is the server's: base + option.
    let id = place_order(&app, &w).await;
    assert_eq!(status_of(&app, id), "new");
    assert_eq!(
        app.count(&format!("SELECT total_minor FROM orders WHERE id = {id}")),
        530_000
    );

    // The manager offers it; the worker sees the offer on the phone and accepts.
    let worker = w.worker_id.to_string();
    let res = w
        .manager
        .post_form(
            &format!("/manage/orders/{id}/offer"),
            &[("worker", &worker)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id), "offered");
    let (_, home) = w.worker.get_html("/worker").await;
    assert!(text(&home, ".offer").contains("Deep cleaning"));
    w.worker
        .post_form(&format!("/worker/jobs/{id}/accept"), &[])
        .await;
    assert_eq!(status_of(&app, id), "assigned");

    // Kit first, then start, then the report with a real photo.
    let early = w
        .worker
        .post_form(&format!("/worker/jobs/{id}/start"), &[])
        .await;
    assert_eq!(
        status_of(&app, id),
        "assigned",
        "no start before the kit: {}",
        location(&early)
    );
    let not_packed = w
        .worker
        .post_form(&format!("/worker/jobs/{id}/kit"), &[])
        .await;
    assert!(location(&not_packed).contains(&format!("/worker/jobs/{id}")));
    assert!(
        app.state
            .pool
            .get()
            .unwrap()
            .query_row(
                "SELECT kit_received_at IS NULL FROM orders WHERE id = ?1",
                [id],
                |r| r.get::<_, bool>(0)
            )
            .unwrap(),
        "no handover before the kit is packed"
    );
    app.drain().await;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/kit"), &[])
        .await;
    w.worker
        .post_form(&format!("/worker/jobs/{id}/start"), &[])
        .await;
    assert_eq!(status_of(&app, id), "in_progress");
    let res = w
        .worker
        .post_multipart(
            &format!("/worker/jobs/{id}/report"),
            report_form(&w, vec![("kitchen.png", PNG.to_vec())]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id), "reported");

    // The client reviews and signs.
    let (status, sign_page) = w
        .client
        .get_html(&format!("/client/orders/{id}/sign"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&sign_page, ".report").contains("All done, kitchen sparkling"));
    let res = w
        .client
        .post_form(
            &format!("/client/orders/{id}/sign"),
            &[
                ("full_name", "Clara Ivanova"),
                ("signature", &signature_data_url()),
                ("rating", "5"),
                ("comment", "Purr-fect"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id), "completed");

    // Events: one per step, in order, from → to chained.
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn.prepare("SELECT action, COALESCE(from_status, ''), to_status FROM order_events WHERE order_id = ?1 ORDER BY id").unwrap();
    let events: Vec<(String, String, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let actions: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        actions,
        [
            "create",
            "offer",
            "accept_offer",
            "confirm_kit",
            "start",
            "report",
            "sign"
        ]
    );
    for pair in events.windows(2) {
        assert_eq!(
            pair[1].1, pair[0].2,
            "each event starts where the last ended"
        );
    }

    // The signature record: name, time, IP, user agent, report hash, image stored by hash.
    let (name, ip, ua, report_hash, image_hash, rating): (String, String, String, String, String, i64) = conn
        .query_row("SELECT signed_name, ip, user_agent, report_sha256, signature_sha256, rating FROM order_signatures WHERE order_id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap();
    assert_eq!(
        (name.as_str(), ip.as_str(), rating),
        ("Clara Ivanova", "127.0.0.1", 5)
    );
    assert!(ua.is_empty() || !ua.contains('\n'));
    assert_eq!(report_hash.len(), 64);
    assert!(
        app.dir
            .path()
            .join("files")
            .join(&image_hash[..2])
            .join(&image_hash)
            .exists()
    );
    let sig = w.client.get(&format!("/orders/{id}/signature.png")).await;
    assert_eq!(sig.status(), StatusCode::OK);
    assert_eq!(sig.bytes().await.unwrap().as_ref(), PNG);

    // The photo is served to the client, byte for byte.
    let file_id: i64 = conn
        .query_row(
            "SELECT id FROM order_files WHERE order_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    let photo = w.client.get(&format!("/orders/{id}/files/{file_id}")).await;
    assert_eq!(photo.headers().get("content-type").unwrap(), "image/png");
    assert_eq!(photo.bytes().await.unwrap().as_ref(), PNG);

    // Notifications along the way.
    let kinds = |user: i64| -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT kind FROM notifications WHERE user_id = ?1 ORDER BY id")
            .unwrap();
        stmt.query_map([user], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        kinds(w.client_id)
            .into_iter()
            .filter(|k| k != "welcome")
            .collect::<Vec<_>>(),
        [
            "order_received",
            "order_assigned",
            "order_started",
            "order_reported",
            "order_completed"
        ]
    );
    assert!(kinds(w.worker_id).contains(&"offer_new".to_string()));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'order_to_assign'"),
        0,
        "matching is on: managers are not called for every order"
    );
    app.drain().await;
    assert!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'") >= 8,
        "the emails go out too (the kit-ready notice among them)"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'"),
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'order_completed' AND body_text LIKE '%₽5,300.00%' AND status = 'sent'"), 1, "the receipt shows the total");
}

#[tokio::test]
async fn the_client_cancels_after_assignment_and_sees_the_fee_first() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    let worker = w.worker_id.to_string();
    w.manager
        .post_form(
            &format!("/manage/orders/{id}/assign"),
            &[("worker", &worker)],
        )
        .await;
    assert_eq!(status_of(&app, id), "assigned");

    let (_, page) = w
        .client
        .get_html(&format!("/client/orders/{id}/cancel"))
        .await;
    assert!(
        text(&page, ".flash").contains("₽530.00"),
        "10% of ₽5,300.00 is shown before confirming"
    );

    w.client
        .post_form(
            &format!("/client/orders/{id}/cancel"),
            &[("reason", "Plans changed")],
        )
        .await;

    assert_eq!(status_of(&app, id), "cancelled");
    assert_eq!(
        app.count(&format!(
            "SELECT cancellation_fee_minor FROM orders WHERE id = {id}"
        )),
        53_000
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {} AND kind = 'job_cancelled'",
            w.worker_id
        )),
        1
    );
}

#[tokio::test]
async fn a_refused_signature_opens_a_dispute_that_a_manager_settles() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = place_order(&app, &w).await;
    start_job(&app, &w, id).await;
    w.worker
        .post_multipart(
            &format!("/worker/jobs/{id}/report"),
            report_form(&w, vec![]),
        )
        .await;

    w.client
        .post_form(
            &format!("/client/orders/{id}/refuse"),
            &[("reason", "The oven was not cleaned")],
        )
        .await;
    assert_eq!(status_of(&app, id), "disputed");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'order_disputed'"),
        1
    );

    w.manager
        .post_form(&format!("/manage/orders/{id}/resolve"), &[])
        .await;
    assert_eq!(status_of(&app, id), "completed");
}

#[tokio::test]
async fn a_declined_offer_goes_back_to_new_and_managers_hear_of_it() {
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

    w.worker
        .post_form(&format!("/worker/jobs/{id}/decline"), &[])
        .await;

    assert_eq!(status_of(&app, id), "new");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'offer_declined'"),
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_offers WHERE order_id = {id} AND status = 'declined'"
        )),
        1
    );
}

#[tokio::test]
async fn the_managers_table_filters_and_searches() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let first = place_order(&app, &w).await;
    let second = place_order(&app, &w).await;
    w.manager
        .post_form(
            &format!("/manage/orders/{second}/cancel"),
            &[("reason", "Duplicate")],
        )
        .await;

    let (status, html) = w.manager.get_html("/manage/orders?status=cancelled").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        text(&html, "tbody tr td:first-child a"),
        second.to_string(),
        "only the cancelled order"
    );
    let (_, html) = w
        .manager
        .get_html(&format!("/manage/orders?q=%23{first}"))
        .await;
    assert_eq!(
        scraper::Selector::parse("tbody tr")
            .map(|s| html.select(&s).count())
            .unwrap(),
        1
    );
    assert_eq!(
        w.manager.get("/manage/orders?status=lost").await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_date_filter_keeps_a_day_whose_midnight_is_skipped() {
    // Chile springs forward at midnight: 2024-09-08 starts at 01:00 local (04:00 UTC).
    let app = spawn_app_with(|s| s.time_zone = chrono_tz::America::Santiago).await;
    let w = world(&app).await;
    let on_the_day = place_order(&app, &w).await;
    let day_before = place_order(&app, &w).await;
    app.write(|c| {
        for (id, at) in [
            (on_the_day, "2024-09-08 04:30:00+00:00"), // 01:30 on the 8th
            (day_before, "2024-09-08 03:30:00+00:00"), // 23:30 on the 7th
        ] {
            c.execute(
                "UPDATE orders SET scheduled_at = ?2 WHERE id = ?1",
                rusqlite::params![id, at],
            )?;
        }
        Ok(())
    });

    let (status, html) = w
        .manager
        .get_html("/manage/orders?from=2024-09-08&to=2024-09-08")
        .await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<String> = table_rows(&html, "tbody tr")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert_eq!(ids, [on_the_day.to_string()], "only the order on the 8th");
}
