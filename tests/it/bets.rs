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
    users::set_permission(&app.state.pool.get().unwrap(), id, "bets", true).unwrap();
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
            if path.ends_with("0004_bets.sql") || path.ends_with("src/bets.rs") {
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
    app.state
        .pool
        .get()
        .unwrap()
        .execute(
            "INSERT INTO user_permissions (user_id, permission) VALUES (?1, 'bets')",
            [manager_id],
        )
        .unwrap();
    let (_, page) = manager.get_html("/bets").await;
    for field in ["proposition", "side", "amount"] {
        let label = text(&page, &format!("form.bet-form label:has([name={field}])"));
        assert!(!label.trim().is_empty(), "{field} has no visible label");
    }
}
