//! Business settings changed in the app reaching the work: a kit sent to another pickup
//! point, bets switched off and on again, and the cancellation fee frozen when an order is
//! placed.

use mailparse::MailHeaderMap;
use reqwest::StatusCode;
use whiskerworks::auth::store as users;
use whiskerworks::supply::service::bakery::Faults;

use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::*;

const DEPOT: &str = "Depot, 1 Main Street";
const ANNEX: &str = "Annex, 2 Side Street";

/// The plain-text part of every mail to `email`.
fn mail_texts(app: &TestApp, email: &str) -> Vec<String> {
    app.mail_files()
        .iter()
        .filter_map(|file| {
            let mail = mailparse::parse_mail(file.as_bytes()).ok()?;
            let to = mail.headers.get_first_value("To")?;
            if !to.contains(email) {
                return None;
            }
            let plain = find_plain(&mail)?;
            plain.get_body().ok()
        })
        .collect()
}

fn find_plain<'a>(mail: &'a mailparse::ParsedMail<'a>) -> Option<&'a mailparse::ParsedMail<'a>> {
    if mail.ctype.mimetype == "text/plain" {
        return Some(mail);
    }
    mail.subparts.iter().find_map(find_plain)
}

/// The worker's calendar feed, its folded lines joined again.
async fn worker_feed(app: &TestApp, worker: &TestClient) -> String {
    let res = worker.post_form("/account/calendar/renew", &[]).await;
    let html = scraper::Html::parse_document(&res.text().await.unwrap());
    let url = first_attr(&html, "#calendar-url", "value").expect("the new link is shown");
    let path = url.split_once("://").unwrap().1.split_once('/').unwrap().1;
    let body = app
        .client()
        .get(&format!("/{path}"))
        .await
        .text()
        .await
        .unwrap();
    body.replace("\r\n ", "").replace("\\,", ",")
}

#[tokio::test]
async fn a_kit_moved_to_the_second_point_is_collected_there_and_keeps_it_when_the_point_goes() {
    let s = supplied(5, Faults::default(), |_| {}).await;
    let (app, w) = (&s.app, &s.w);
    app.set_business("pickup_points", &format!("{DEPOT}\n{ANNEX}"));
    let id = s.assigned_order("10:00").await;
    let pack = app.count(&format!("SELECT id FROM packs WHERE order_id = {id}"));

    let (_, page) = w.manager.get_html("/manage/packs").await;
    let options = text(
        &page,
        &format!("form[action='/manage/packs/{pack}/point'] option"),
    );
    assert!(
        options.contains(DEPOT) && options.contains(ANNEX),
        "{options}"
    );
    let res = w
        .manager
        .post_form(&format!("/manage/packs/{pack}/point"), &[("point", ANNEX)])
        .await;
    assert_eq!(flash(&res), "success:flash-kit-point-saved");
    let res = w
        .manager
        .post_form(
            &format!("/manage/packs/{pack}/point"),
            &[("point", "Nowhere")],
        )
        .await;
    assert_eq!(flash(&res), "error:refuse-unknown-pickup-point");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'supply.pickup_point' \
             AND subject = 'order:{id}' AND details LIKE '%Annex%'"
        )),
        1,
        "the move is audited"
    );

    app.drain().await;
    assert_eq!(s.pack_status(id), "packed");
    let (_, job) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert!(
        text(&job, "article.kit").contains(ANNEX),
        "the worker's kit page"
    );
    assert!(!text(&job, "article.kit").contains(DEPOT));
    let ready: Vec<String> = mail_texts(app, &email_of(app, w.worker_id))
        .into_iter()
        .filter(|m| m.contains(ANNEX))
        .collect();
    assert_eq!(ready.len(), 1, "the kit-ready mail names the second point");
    let (_, order) = w.manager.get_html(&format!("/manage/orders/{id}")).await;
    assert!(
        text(&order, "article.kit").contains(ANNEX),
        "the order page"
    );
    let feed = worker_feed(app, &w.worker).await;
    assert!(feed.contains(&format!("Kit pickup: {ANNEX}")), "{feed}");

    // The point leaves the settings: the kit still says where it is.
    app.set_business("pickup_points", DEPOT);
    let (_, job) = w.worker.get_html(&format!("/worker/jobs/{id}")).await;
    assert!(text(&job, "article.kit").contains(ANNEX));
    let (_, packs) = w.manager.get_html("/manage/packs").await;
    assert!(text(&packs, "tbody").contains(ANNEX));
    assert!(
        first_attr(&packs, "select[name=point]", "name").is_none(),
        "one point left: nothing to choose"
    );
    s.assert_consistent();
}

/// A manager holding the `bets` permission.
async fn bettor(app: &TestApp, email: &str) -> TestClient {
    let id = app.create_user("manager", email);
    app.write(|tx| users::set_permission(tx, id, "bets", true));
    let client = app.client();
    client.login(email, PASSWORD).await;
    client
}

async fn bet(who: &TestClient, order: i64, side: &str, amount: &str) -> reqwest::Response {
    who.post_form(
        &format!("/bets/orders/{order}"),
        &[
            ("proposition", "cancelled"),
            ("side", side),
            ("amount", amount),
        ],
    )
    .await
}

#[tokio::test]
async fn bets_off_hide_every_page_and_link_and_settle_nothing_until_on_again() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let alice = bettor(&app, "alice@example.com").await;
    let other = bettor(&app, "bob@example.com").await;
    let id = place_order(&app, &w).await;
    assert_eq!(
        bet(&alice, id, "yes", "100").await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        bet(&other, id, "no", "60").await.status(),
        StatusCode::SEE_OTHER
    );
    let bettor = alice;
    let book = app.count(&format!("SELECT id FROM bets_books WHERE order_id = {id}"));
    let (_, home) = bettor.get_html("/manage").await;
    assert!(first_attr(&home, "a[href='/bets']", "href").is_some());

    app.set_business("bets", "off");
    for path in [
        "/bets",
        "/bets/standings",
        &format!("/bets/books/{book}"),
        "/bets/log",
    ] {
        assert_eq!(
            bettor.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        bet(&bettor, id, "yes", "50").await.status(),
        StatusCode::NOT_FOUND
    );
    for path in ["/manage", "/manage/orders", &format!("/manage/orders/{id}")] {
        let (status, page) = bettor.get_html(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            first_attr(&page, "a[href^='/bets']", "href").is_none(),
            "no way to bets on {path}"
        );
    }
    // The order's outcome is known, but the books wait while bets are off.
    w.client
        .post_form(&format!("/client/orders/{id}/cancel"), &[])
        .await;
    assert_eq!(status_of(&app, id), "cancelled");
    app.drain().await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM bets_books WHERE id = {book} AND status = 'open'"
        )),
        1,
        "nothing settled"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM bets_results"), 0);

    app.set_business("bets", "on");
    assert_eq!(bettor.get("/bets").await.status(), StatusCode::OK);
    let (_, book_page) = bettor.get_html(&format!("/bets/books/{book}")).await;
    assert!(
        text(&book_page, "main").contains("₽100.00"),
        "the stake is still there"
    );
    app.drain().await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM bets_books WHERE id = {book} AND status = 'settled'"
        )),
        1,
        "settled once bets are back"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM bets_results"), 2);
}

/// The client's cancellation fee booked in the ledger for `order`, in minor units.
fn ledger_fee(app: &TestApp, order: i64, client: i64) -> i64 {
    app.count(&format!(
        "SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entries e
         JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE t.kind = 'cancellation_fee' AND t.reference = 'order:{order}'
           AND e.account = 'client:{client}'"
    ))
}

async fn assign(app: &TestApp, w: &World, id: i64) {
    let worker = w.worker_id.to_string();
    w.manager
        .post_form(
            &format!("/manage/orders/{id}/assign"),
            &[("worker", &worker)],
        )
        .await;
    assert_eq!(status_of(app, id), "assigned");
}

#[tokio::test]
async fn a_changed_fee_applies_to_orders_placed_after_it_and_older_orders_keep_theirs() {
    let app = spawn_app().await;
    let w = world(&app).await;
    app.set_business("cancellation_fee_percent", "10");
    let before = place_order_at(&app, &w, "08:00").await;
    let legacy = place_order_at(&app, &w, "12:00").await;
    // An order placed before fees were frozen: charged the setting at the time.
    app.write(|tx| {
        tx.execute(
            "UPDATE orders SET cancellation_fee_percent = NULL WHERE id = ?1",
            [legacy],
        )
    });
    app.set_business("cancellation_fee_percent", "25");
    let after = place_order_at(&app, &w, "16:00").await;
    for id in [before, legacy, after] {
        assign(&app, &w, id).await;
    }

    let (_, page) = w.client.get_html(&format!("/client/orders/{before}")).await;
    let terms = text(&page, ".cancellation-terms");
    assert!(terms.contains("10") && terms.contains("₽530.00"), "{terms}");
    let (_, page) = w.client.get_html(&format!("/client/orders/{after}")).await;
    let terms = text(&page, ".cancellation-terms");
    assert!(
        terms.contains("25") && terms.contains("₽1,325.00"),
        "{terms}"
    );
    let (_, page) = w
        .client
        .get_html(&format!("/client/orders/{before}/cancel"))
        .await;
    assert!(
        text(&page, ".flash").contains("₽530.00"),
        "the old order's own fee"
    );
    let (_, page) = w
        .client
        .get_html(&format!("/client/orders/{after}/cancel"))
        .await;
    assert!(text(&page, ".flash").contains("₽1,325.00"), "the new fee");

    for id in [before, legacy, after] {
        w.client
            .post_form(
                &format!("/client/orders/{id}/cancel"),
                &[("reason", "Plans changed")],
            )
            .await;
        assert_eq!(status_of(&app, id), "cancelled");
    }
    let charged = |id: i64| {
        app.count(&format!(
            "SELECT cancellation_fee_minor FROM orders WHERE id = {id}"
        ))
    };
    assert_eq!(charged(before), 53_000, "10 % of ₽5,300.00");
    assert_eq!(charged(legacy), 132_500, "no frozen fee: the setting now");
    assert_eq!(charged(after), 132_500, "25 % of ₽5,300.00");
    assert_eq!(ledger_fee(&app, before, w.client_id), 53_000);
    assert_eq!(ledger_fee(&app, legacy, w.client_id), 132_500);
    assert_eq!(ledger_fee(&app, after, w.client_id), 132_500);
    assert_eq!(
        app.count(&format!(
            "SELECT cancellation_fee_percent FROM orders WHERE id = {before}"
        )),
        10
    );
}
