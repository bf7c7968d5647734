//! Bets: permission gating, closing, automatic settlement, the access log and isolation.

use reqwest::StatusCode;
use whiskerworks::auth::store as users;

use crate::helpers::*;
use crate::order_helpers::*;

/// A manager holding the `bets` permission.
async fn bettor(app: &TestApp) -> (TestClient, i64) {
    let email = format!(
        "bettor-{}@example.com",
        app.count("SELECT COUNT(*) FROM users")
    );
    let id = app.create_user("manager", &email);
    app.write(|tx| users::set_permission(tx, id, "bets", true));
    let client = app.client();
    client.login(&email, PASSWORD).await;
    (client, id)
}

async fn bet(
    client: &TestClient,
    order: i64,
    proposition: &str,
    side: &str,
    amount: &str,
) -> reqwest::Response {
    client
        .post_form(
            &format!("/bets/orders/{order}"),
            &[
                ("proposition", proposition),
                ("side", side),
                ("amount", amount),
            ],
        )
        .await
}

#[tokio::test]
async fn only_managers_holding_the_permission_see_bets_everyone_else_gets_404() {
    let app = spawn_app().await;
    let (holder, _) = bettor(&app).await;
    assert_eq!(holder.get("/bets").await.status(), StatusCode::OK);
    for role in ["manager", "admin", "client", "worker", "candidate"] {
        let (client, _) = app.login_as(role).await;
        for path in ["/bets", "/bets/standings", "/bets/books/1"] {
            assert_eq!(
                client.get(path).await.status(),
                StatusCode::NOT_FOUND,
                "{role} {path}"
            );
        }
        let res = client
            .post_form(
                "/bets/orders/1",
                &[
                    ("proposition", "cancelled"),
                    ("side", "yes"),
                    ("amount", "10"),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{role} cannot bet");
    }
    assert_eq!(
        app.client().get("/bets").await.status(),
        StatusCode::NOT_FOUND,
        "visitors too"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM bets_stakes"), 0);
}

#[tokio::test]
async fn a_completed_order_settles_its_books_and_shows_who_pays_whom() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (alice, alice_id) = bettor(&app).await;
    let (bob, bob_id) = bettor(&app).await;
    let id = place_order(&app, &w).await;
    assert_eq!(
        bet(&alice, id, "client_rating_5", "yes", "100")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    bet(&bob, id, "client_rating_5", "no", "60").await;
    bet(&bob, id, "qc_score_at_least_4", "yes", "25").await;

    start_job(&app, &w, id).await;
    let late = bet(&alice, id, "cancelled", "no", "10").await;
    let (_, page) = alice.get_html(&location(&late)).await;
    assert!(text(&page, ".flash.error").contains("closed"));
    w.worker
        .post_multipart(
            &format!("/worker/jobs/{id}/report"),
            report_form(&w, vec![]),
        )
        .await;
    w.client
        .post_form(
            &format!("/client/orders/{id}/sign"),
            &[
                ("full_name", "Clara Ivanova"),
                ("signature", &signature_data_url()),
                ("rating", "5"),
            ],
        )
        .await;
    app.drain().await;

    let book = app.count(&format!(
        "SELECT id FROM bets_books WHERE order_id = {id} AND proposition = 'client_rating_5'"
    ));
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM bets_books WHERE id = {book} AND status = 'settled' AND outcome = 1")), 1);
    assert_eq!(app.count(&format!("SELECT payout_minor FROM bets_results WHERE book_id = {book} AND manager_id = {alice_id}")), 16_000);
    assert_eq!(
        app.count(&format!(
            "SELECT payout_minor FROM bets_results WHERE book_id = {book} AND manager_id = {bob_id}"
        )),
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM bets_books WHERE proposition = 'qc_score_at_least_4' AND status = 'void'"), 1);
    let void = app.count("SELECT id FROM bets_books WHERE status = 'void'");
    let (_, void_page) = alice.get_html(&format!("/bets/books/{void}")).await;
    assert!(
        !text(&void_page, "main > p").contains("Outcome"),
        "a void book has no outcome: {}",
        text(&void_page, "main > p")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM bets_stakes WHERE amount_minor = 1000"),
        0,
        "the late bet was refused"
    );
    let (_, page) = alice.get_html(&format!("/bets/books/{book}")).await;
    let who_pays = text(&page, ".who-pays");
    assert!(
        who_pays.contains("₽60.00"),
        "Bob pays Alice his ₽60 stake: {who_pays}"
    );
    assert!(
        whiskerworks::ops::check::check(app.dir.path())
            .unwrap()
            .is_empty()
    );
    // Settling again changes nothing.
    app.drain().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM bets_results"), 3);
}

#[tokio::test]
async fn a_cancelled_order_settles_the_cancellation_book() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (alice, alice_id) = bettor(&app).await;
    let (bob, _) = bettor(&app).await;
    let id = place_order(&app, &w).await;
    bet(&alice, id, "cancelled", "yes", "50").await;
    bet(&bob, id, "cancelled", "no", "50").await;

    w.client
        .post_form(&format!("/client/orders/{id}/cancel"), &[])
        .await;
    app.drain().await;

    assert_eq!(
        app.count("SELECT COUNT(*) FROM bets_books WHERE status = 'settled' AND outcome = 1"),
        1
    );
    assert_eq!(
        app.count(&format!(
            "SELECT payout_minor - staked_minor FROM bets_results WHERE manager_id = {alice_id}"
        )),
        5_000
    );
    let (_, standings) = alice.get_html("/bets/standings").await;
    assert!(text(&standings, "main").contains("₽50.00"));
}

#[tokio::test]
async fn every_bets_page_view_and_bet_is_logged() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (alice, alice_id) = bettor(&app).await;
    let id = place_order(&app, &w).await;

    alice.get("/bets").await;
    bet(&alice, id, "cancelled", "yes", "10").await;
    alice.get("/bets/standings").await;

    let logged = |action: &str| {
        app.count(&format!("SELECT COUNT(*) FROM bets_access_log WHERE manager_id = {alice_id} AND action = '{action}'"))
    };
    assert_eq!(logged("bet"), 1);
    assert_eq!(logged("view"), 2, "the index and the standings");
}

#[test]
fn the_bets_tables_have_no_foreign_keys_and_no_other_module_mentions_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bets_sql = std::fs::read_to_string(root.join("migrations/0004_bets.sql")).unwrap();
    assert!(
        !bets_sql.to_uppercase().contains("REFERENCES"),
        "no foreign keys out of bets tables"
    );
    let mut offenders = Vec::new();
    let mut stack = vec![root.join("src"), root.join("migrations")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("src/bets") {
                    stack.push(path);
                }
                continue;
            }
            let bets_migration = ["0004_bets.sql", "0028_bets_fair_play.sql"];
            if bets_migration.iter().any(|m| path.ends_with(m)) || path.ends_with("src/bets.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if [
                "bets_books",
                "bets_stakes",
                "bets_results",
                "bets_access_log",
            ]
            .iter()
            .any(|t| text.contains(t))
            {
                offenders.push(path.display().to_string());
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "outside the bets module: {offenders:?}"
    );
}

#[tokio::test]
async fn every_field_of_the_bet_form_has_a_visible_label() {
    let app = spawn_app().await;
    let w = crate::order_helpers::world(&app).await;
    crate::order_helpers::place_order(&app, &w).await;
    let (manager, manager_id) = app.login_as("manager").await;
    app.write(|tx| {
        tx.execute(
            "INSERT INTO user_permissions (user_id, permission) VALUES (?1, 'bets')",
            [manager_id],
        )
    });
    let (_, page) = manager.get_html("/bets").await;
    for field in ["proposition", "side", "amount"] {
        let label = text(&page, &format!("form.bet-form label:has([name={field}])"));
        assert!(!label.trim().is_empty(), "{field} has no visible label");
    }
}

/// An order worked, reported and signed with five stars, books settled by a drain.
async fn signed(app: &TestApp, w: &World, id: i64) {
    start_job(app, w, id).await;
    let report = format!("/worker/jobs/{id}/report");
    w.worker
        .post_multipart(&report, report_form(w, vec![]))
        .await;
    let sign = [
        ("full_name", "Clara Ivanova".to_string()),
        ("signature", signature_data_url()),
        ("rating", "5".to_string()),
    ];
    let sign: Vec<(&str, &str)> = sign.iter().map(|(k, v)| (*k, v.as_str())).collect();
    w.client
        .post_form(&format!("/client/orders/{id}/sign"), &sign)
        .await;
    app.drain().await;
}

fn qc_book(app: &TestApp, id: i64) -> (String, Option<i64>) {
    let conn = app.state.pool.get().unwrap();
    conn.query_row(
        "SELECT status, outcome FROM bets_books WHERE order_id = ?1 AND proposition = 'qc_score_at_least_4'",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[tokio::test]
async fn a_bet_on_the_qc_score_waits_for_the_review_and_settles_on_its_score() {
    let app = spawn_app_with(|s| s.quality.sample_percent = 100).await;
    let w = world(&app).await;
    let (alice, alice_id) = bettor(&app).await;
    let (bob, _) = bettor(&app).await;
    let id = place_order(&app, &w).await;
    bet(&alice, id, "qc_score_at_least_4", "yes", "100").await;
    bet(&bob, id, "qc_score_at_least_4", "no", "40").await;
    signed(&app, &w, id).await;
    assert_eq!(
        qc_book(&app, id).0,
        "closed",
        "picked for review: waits for the score"
    );

    // Alice has money on it: she may not score it; a manager without a stake does.
    let review = app.count(&format!("SELECT id FROM qc_reviews WHERE order_id = {id}"));
    let fields = [("score", "4"), ("findings", "Tidy work")];
    let refused = alice
        .post_form(&format!("/manage/qc/{review}"), &fields)
        .await;
    let (_, page) = alice.get_html(&location(&refused)).await;
    assert!(
        text(&page, ".flash").contains("another manager must decide"),
        "{}",
        text(&page, ".flash")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM qc_reviews WHERE id = {review} AND status = 'open'"
        )),
        1
    );
    w.manager
        .post_form(&format!("/manage/qc/{review}"), &fields)
        .await;
    app.drain().await;

    assert_eq!(qc_book(&app, id), ("settled".to_string(), Some(1)));
    assert_eq!(
        app.count(&format!(
            "SELECT payout_minor - staked_minor FROM bets_results WHERE manager_id = {alice_id}"
        )),
        4_000
    );
}

#[tokio::test]
async fn an_unpicked_order_voids_the_qc_book_and_says_why() {
    let app = spawn_app_with(|s| s.quality.sample_percent = 0).await;
    let w = world(&app).await;
    let (alice, _) = bettor(&app).await;
    let (bob, _) = bettor(&app).await;
    let id = place_order(&app, &w).await;
    bet(&alice, id, "qc_score_at_least_4", "yes", "100").await;
    bet(&bob, id, "qc_score_at_least_4", "no", "40").await;
    signed(&app, &w, id).await;

    assert_eq!(qc_book(&app, id).0, "void");
    let book = app.count(&format!(
        "SELECT id FROM bets_books WHERE order_id = {id} AND proposition = 'qc_score_at_least_4'"
    ));
    let (_, page) = alice.get_html(&format!("/bets/books/{book}")).await;
    assert!(text(&page, "main > p").contains("did not pick this order"));
}

#[tokio::test]
async fn a_manager_with_a_stake_cannot_decide_the_order_and_one_who_acted_cannot_bet() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (alice, _) = bettor(&app).await;
    let id = place_order(&app, &w).await;
    bet(&alice, id, "cancelled", "yes", "500").await;

    // Alice's own cancellation would win her the pool: refused, and nothing changes.
    let res = alice
        .post_form(
            &format!("/manage/orders/{id}/cancel"),
            &[("reason", "Slow client")],
        )
        .await;
    let (_, page) = alice.get_html(&location(&res)).await;
    assert!(text(&page, ".flash").contains("another manager must decide"));
    let worker = w.worker_id.to_string();
    let offer = format!("/manage/orders/{id}/offer");
    alice
        .post_form(&offer, &[("worker", worker.as_str())])
        .await;
    assert_eq!(status_of(&app, id), "new", "neither cancelled nor offered");

    // Another manager offers it, and so may not bet on it afterwards.
    let (carol, _) = bettor(&app).await;
    carol
        .post_form(&offer, &[("worker", worker.as_str())])
        .await;
    assert_eq!(status_of(&app, id), "offered");
    let res = bet(&carol, id, "cancelled", "no", "500").await;
    let (_, page) = carol.get_html(&location(&res)).await;
    assert!(text(&page, ".flash").contains("acted on this order"));
    assert_eq!(app.count("SELECT COUNT(*) FROM bets_stakes"), 1);
}

#[tokio::test]
async fn a_stake_holder_can_neither_rerun_matching_nor_open_the_board_and_who_did_cannot_bet() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (alice, _) = bettor(&app).await;
    let id = place_order(&app, &w).await;
    bet(&alice, id, "cancelled", "no", "500").await;

    // Both would change who does the order: refused to the stake holder, nothing recorded.
    for step in ["rerun", "board"] {
        let res = alice
            .post_form(&format!("/manage/orders/{id}/{step}"), &[])
            .await;
        let (_, page) = alice.get_html(&location(&res)).await;
        assert!(
            text(&page, ".flash").contains("another manager must decide"),
            "{step} refused"
        );
    }
    assert_eq!(status_of(&app, id), "new", "not offered");
    assert_eq!(app.count("SELECT COUNT(*) FROM job_board"), 0);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {id} AND action <> 'create'"
        )),
        0
    );

    // Managers without a stake may, each step recorded under them, and so may not bet after.
    let (carol, carol_id) = bettor(&app).await;
    carol
        .post_form(&format!("/manage/orders/{id}/rerun"), &[])
        .await;
    assert_ne!(status_of(&app, id), "new", "matching ran");
    let (dave, dave_id) = bettor(&app).await;
    let other = place_order(&app, &w).await;
    dave.post_form(&format!("/manage/orders/{other}/board"), &[])
        .await;
    for (manager, manager_id, order, action) in [
        (&carol, carol_id, id, "rematch"),
        (&dave, dave_id, other, "open_board"),
    ] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM order_events WHERE order_id = {order}
                 AND actor_id = {manager_id} AND action = '{action}'"
            )),
            1,
            "{action} recorded under its manager"
        );
        let res = bet(manager, order, "cancelled", "yes", "500").await;
        let (_, page) = manager.get_html(&location(&res)).await;
        assert!(text(&page, ".flash").contains("acted on this order"));
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM bets_stakes"), 1);
}

#[tokio::test]
async fn the_access_log_is_readable_by_holders_of_bets_in_words() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (alice, _) = bettor(&app).await;
    let id = place_order(&app, &w).await;
    alice.get("/bets/standings").await;
    bet(&alice, id, "cancelled", "yes", "10").await;

    let (status, page) = alice.get_html("/bets/log").await;
    assert_eq!(status, StatusCode::OK);
    let log = text(&page, "table");
    assert!(log.contains("Looked at the standings"), "{log}");
    assert!(log.contains(&format!("Bet on order #{id}: ")), "{log}");
    assert_eq!(
        w.manager.get("/bets/log").await.status(),
        StatusCode::NOT_FOUND
    );
}
