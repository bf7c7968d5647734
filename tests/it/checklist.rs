//! The getting-started checklist on the admin home: every step undone on a fresh app, each
//! ticked as its data appears, and the list gone once all are done.

use scraper::{Html, Selector};

use crate::helpers::*;
use crate::order_helpers::*;

/// (step, done) as the admin home shows them; empty when the checklist is gone.
async fn steps(admin: &TestClient) -> Vec<(String, bool)> {
    let (_, page) = admin.get_html("/admin").await;
    let li = Selector::parse("#getting-started li").unwrap();
    page.select(&li)
        .map(|e| {
            let v = e.value();
            (
                v.attr("data-step").unwrap_or_default().to_string(),
                v.classes().any(|c| c == "done"),
            )
        })
        .collect()
}

fn done(steps: &[(String, bool)]) -> Vec<&str> {
    steps.iter().filter(|s| s.1).map(|s| s.0.as_str()).collect()
}

#[tokio::test]
async fn the_checklist_ticks_steps_as_the_data_appears_and_goes_when_all_are_done() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;

    // A fresh app: every step is listed, none done, each with a link to where it is done.
    let fresh = steps(&admin).await;
    assert_eq!(fresh.len(), 7, "{fresh:?}");
    assert!(done(&fresh).is_empty(), "{fresh:?}");
    let (_, page) = admin.get_html("/admin").await;
    let links = Selector::parse("#getting-started li a[href]").unwrap();
    assert_eq!(page.select(&links).count(), 7);
    assert!(text(&page, "#getting-started").contains("top 3 %"));

    // A service and people: services and staff are done; workers lack hours and a card.
    let w = world(&app).await;
    give_skills(&app, w.worker_id, &[]);
    assert_eq!(
        done(&steps(&admin).await),
        ["checklist-services", "checklist-staff"]
    );

    // Looking at the screening policies counts as reviewing them.
    w.manager.get("/manage/policies").await;
    assert!(done(&steps(&admin).await).contains(&"checklist-screening"));

    // Stock with a bill of materials, a skill a worker holds, the worker's hours and card.
    let now = app.clock_now();
    app.write(|tx| {
        tx.execute(
            "INSERT INTO consumables (sku, name, unit, created_at) VALUES ('gloves', 'Gloves', 'pair', ?1)",
            [now],
        )?;
        let c = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO stock_movements (consumable_id, kind, quantity, created_at) VALUES (?1, 'receipt', 10, ?2)",
            rusqlite::params![c, now],
        )?;
        tx.execute(
            "INSERT INTO service_materials (service_id, consumable_id, quantity) VALUES (?1, ?2, 1)",
            rusqlite::params![w.service_id, c],
        )?;
        tx.execute("INSERT OR IGNORE INTO skills (code, name_en, name_ru) VALUES ('cleaning', 'Cleaning', 'Уборка')", [])?;
        tx.execute(
            "INSERT OR IGNORE INTO worker_skills (user_id, skill) VALUES (?1, 'cleaning')",
            [w.worker_id],
        )?;
        tx.execute(
            "INSERT INTO worker_hours (user_id, weekday, start_minute, end_minute) VALUES (?1, 1, 540, 1080)",
            [w.worker_id],
        )
    });
    let after_setup = steps(&admin).await;
    let now_done = done(&after_setup);
    assert!(now_done.contains(&"checklist-stock") && now_done.contains(&"checklist-skills"));
    assert!(!now_done.contains(&"checklist-hours"), "no payout card yet");
    add_card(&w.worker, "/worker/earnings/card", "4242 4242 4242 4242").await;
    let left: Vec<(String, bool)> = steps(&admin).await.into_iter().filter(|s| !s.1).collect();
    assert_eq!(left, [("checklist-order".to_string(), false)]);

    // The first order: everything is done and the checklist is gone.
    place_order(&app, &w).await;
    assert!(steps(&admin).await.is_empty());
    let (_, page) = admin.get_html("/admin").await;
    assert!(
        Html::parse_document(&page.html())
            .select(&Selector::parse("#getting-started").unwrap())
            .next()
            .is_none()
    );
}

#[tokio::test]
async fn the_checklist_reads_in_russian() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    app.write(|tx| tx.execute("UPDATE users SET language = 'ru'", []));
    let (_, page) = admin.get_html("/admin").await;
    let card = text(&page, "#getting-started");
    assert!(
        card.contains("Первые шаги") && card.contains("Первый пробный заказ"),
        "{card}"
    );
}
