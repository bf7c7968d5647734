//! The retention of personal data: report photos and signature images go after their limit
//! from the sign-off, closed accounts are anonymised after theirs, and the ledger, the audit
//! log and the pages that showed them stay whole.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

/// A completed, signed order with one report photo (the same bytes as the signature).
async fn signed_order(app: &TestApp, w: &World) -> i64 {
    let id = place_order(app, w).await;
    start_job(app, w, id).await;
    w.worker
        .post_multipart(
            &format!("/worker/jobs/{id}/report"),
            report_form(w, vec![("kitchen.png", PNG.to_vec())]),
        )
        .await;
    w.client
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
    assert_eq!(status_of(app, id), "completed");
    id
}

/// Every ledger line, in order (billing keeps running while the days pass, so later checks
/// compare the lines that existed, which must be untouched, and `check` the balances).
fn ledger_lines(app: &TestApp) -> Vec<(i64, String, i64)> {
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn
        .prepare("SELECT transaction_id, account, amount_minor FROM ledger_entries ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn stored_file(app: &TestApp) -> std::path::PathBuf {
    let sha = whiskerworks::orders::service::files::sha256_hex(PNG);
    whiskerworks::orders::service::files::path_for(app.dir.path(), &sha)
}

fn check_passes(app: &TestApp) {
    let problems = whiskerworks::ops::check::check(app.dir.path()).unwrap();
    assert!(problems.is_empty(), "check: {problems:?}");
}

#[tokio::test]
async fn photos_signatures_and_closed_accounts_go_after_their_limits_and_nothing_breaks() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = signed_order(&app, &w).await;
    app.drain().await;
    let (admin, _) = app.login_as("admin").await;
    let res = admin
        .post_form(
            &format!("/admin/users/{}/active", w.client_id),
            &[("active", "0")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    app.set_business("retain_report_photos_days", "30");
    app.set_business("retain_signatures_days", "60");
    app.set_business("retain_closed_accounts_days", "45");
    let lines = ledger_lines(&app);
    let file_id = app.count(&format!("SELECT id FROM order_files WHERE order_id = {id}"));
    let photo_url = format!("/orders/{id}/files/{file_id}");
    assert_eq!(w.manager.get(&photo_url).await.status(), StatusCode::OK);

    // Day 29: nothing is due yet.
    app.clock.advance(Duration::days(29));
    assert_eq!(app.drain().await.retention.photos, 0);

    // Day 31: the photo is gone; the signature (same bytes) keeps the stored file.
    app.clock.advance(Duration::days(2));
    let report = app.drain().await.retention;
    assert_eq!(
        (report.photos, report.signatures, report.accounts),
        (1, 0, 0)
    );
    // Sessions end long before the limits; a manager signs in afresh each time.
    let (manager, _) = app.login_as("manager").await;
    assert_eq!(
        manager.get(&photo_url).await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, page) = manager.get_html(&format!("/manage/orders/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, ".report .files").contains("removed under the data retention policy"));
    assert!(
        stored_file(&app).exists(),
        "the signature still refers to the bytes"
    );
    let signature_url = format!("/orders/{id}/signature.png");
    assert_eq!(manager.get(&signature_url).await.status(), StatusCode::OK);
    // A second pass the same day changes nothing.
    assert_eq!(app.drain().await.retention, Default::default());

    // Day 46: the closed client is anonymised; the ledger is untouched and check passes.
    app.clock.advance(Duration::days(15));
    assert_eq!(app.drain().await.retention.accounts, 1);
    let conn = app.state.pool.get().unwrap();
    let (name, email, address): (String, String, String) = conn
        .query_row(
            "SELECT u.name, u.email, o.address_text FROM users u JOIN orders o ON o.client_id = u.id WHERE u.id = ?1",
            [w.client_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(name, format!("Former user #{}", w.client_id));
    assert!(email.ends_with(".invalid") && email.contains(&w.client_id.to_string()));
    assert_eq!(address, name);
    for table in ["sessions", "trusted_devices"] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM {table} WHERE user_id = {}",
                w.client_id
            )),
            0
        );
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM payment_cards WHERE user_id = {} AND (token != '' OR removed_at IS NULL)",
            w.client_id
        )),
        0
    );
    assert!(ledger_lines(&app).starts_with(&lines));
    check_passes(&app);
    let (manager, _) = app.login_as("manager").await;
    let (status, page) = manager.get_html(&format!("/manage/orders/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.html().contains(&name));

    // Day 61, read in Russian: the signature image is gone, and with it the stored bytes.
    app.clock.advance(Duration::days(15));
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 3600);
    std::fs::File::options()
        .append(true)
        .open(stored_file(&app))
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    let report = app.drain().await.retention;
    assert_eq!((report.signatures, report.files_deleted), (1, 1));
    assert!(!stored_file(&app).exists());
    let (manager, _) = app.login_as("manager").await;
    assert_eq!(
        manager.get(&signature_url).await.status(),
        StatusCode::NOT_FOUND
    );
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE role = 'manager'",
            [],
        )
    });
    let (status, page) = manager.get_html(&format!("/manage/orders/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, ".signature").contains("удалено по правилам хранения данных"));
    assert!(ledger_lines(&app).starts_with(&lines));
    check_passes(&app);

    // Each removal is in the audit log, with its counts.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.anonymise' AND subject = 'user:{}'",
            w.client_id
        )),
        1
    );
    assert_eq!(
        app.count(
            "SELECT SUM(json_extract(details, '$.report_photos') + json_extract(details, '$.signatures'))
             FROM audit_log WHERE action = 'retention.pass'"
        ),
        2
    );
}

#[tokio::test]
async fn nothing_is_removed_while_the_business_keeps_everything() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = signed_order(&app, &w).await;
    app.clock.advance(Duration::days(3650));
    assert_eq!(app.drain().await.retention, Default::default());
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_files WHERE order_id = {id} AND removed_at IS NULL"
        )),
        1
    );
    assert!(stored_file(&app).exists());
}
