//! The managers' dispatch board: jobs in their workers' rows by day and hour, the waiting
//! orders beside them, filters and paging, bad query values, and offering or assigning from
//! the board under the manual rules.

use reqwest::StatusCode;
use scraper::{Html, Selector};
use whiskerworks::matching::store::availability::set_skills;

use crate::helpers::*;
use crate::matching::offered_to;
use crate::order_helpers::*;

fn count(html: &Html, selector: &str) -> usize {
    html.select(&Selector::parse(selector).unwrap()).count()
}

/// The worker ids of the board's rows, top to bottom.
fn rows(html: &Html) -> Vec<i64> {
    let sel = Selector::parse(".board-row").unwrap();
    html.select(&sel)
        .filter_map(|r| r.value().attr("data-worker")?.parse().ok())
        .collect()
}

async fn assign(app: &TestApp, w: &World, order: i64, worker: i64) {
    let res = w
        .manager
        .post_form(
            &format!("/manage/orders/{order}/assign"),
            &[("worker", &worker.to_string())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(app, order), "assigned", "set-up assignment");
}

#[tokio::test]
async fn a_week_and_a_day_show_each_job_in_its_workers_row_and_waiting_orders_beside_it() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (held, waiting) = (
        place_order_at(&app, &w, "10:00").await,
        place_order_at(&app, &w, "15:00").await,
    );
    assign(&app, &w, held, w.worker_id).await;
    let day = tomorrow(&app);

    for view in ["week", "day"] {
        let (status, html) = w
            .manager
            .get_html(&format!("/manage/schedule?view={view}&date={day}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{view}");
        let row = format!(".board-row[data-worker='{}']", w.worker_id);
        assert_eq!(
            count(&html, &format!("{row} article[data-order='{held}']")),
            1
        );
        assert!(
            text(&html, &format!("{row} article[data-order='{held}']")).contains("10:00–13:00")
        );
        assert!(text(&html, &format!("{row} article")).contains("Deep cleaning"));
        assert_eq!(
            count(
                &html,
                &format!(".board-row article[data-order='{waiting}']")
            ),
            0
        );
        assert_eq!(
            count(&html, &format!(".board-open li[data-order='{waiting}']")),
            1
        );
        assert_eq!(
            count(&html, &format!(".board-open li[data-order='{held}']")),
            0
        );
    }
    // In the day view the block is placed by its hour: 10:00 is 2 of the 08:00–21:00 hours.
    let (_, html) = w
        .manager
        .get_html(&format!("/manage/schedule?view=day&date={day}"))
        .await;
    let class = first_attr(&html, &format!("article[data-order='{held}']"), "class").unwrap();
    assert!(class.contains("l-15") && class.contains("w-23"), "{class}");
    // Another week shows neither.
    let (_, html) = w.manager.get_html("/manage/schedule?date=2020-01-01").await;
    assert_eq!(count(&html, "[data-order]"), 0);
}

#[tokio::test]
async fn filters_narrow_the_workers_and_the_orders() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let other = app.create_user("worker", "other-worker@example.com");
    app.write(|tx| set_skills(tx, w.worker_id, &["cleaning".into()]));
    let (held, waiting) = (
        place_order_at(&app, &w, "10:00").await,
        place_order_at(&app, &w, "15:00").await,
    );
    assign(&app, &w, held, w.worker_id).await;
    let day = tomorrow(&app);
    let board = |q: &str| {
        let (m, path) = (&w.manager, format!("/manage/schedule?date={day}&{q}"));
        async move { m.get_html(&path).await.1 }
    };

    let html = board("skill=cleaning").await;
    assert_eq!(rows(&html), vec![w.worker_id]);
    let html = board("").await;
    assert!(rows(&html).contains(&other));

    let html = board("status=assigned").await;
    assert_eq!(count(&html, &format!("[data-order='{held}']")), 1);
    assert_eq!(count(&html, &format!("[data-order='{waiting}']")), 0);

    let html = board("area=nowhere").await;
    assert_eq!(count(&html, "[data-order]"), 0);
    let html = board("area=test+st").await;
    assert_eq!(count(&html, "[data-order]"), 2);
}

#[tokio::test]
async fn workers_are_paged_twenty_five_at_a_time_in_a_stable_order() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    for i in 0..30 {
        app.create_user("worker", &format!("paged-{i}@example.com"));
    }
    let (_, first) = manager.get_html("/manage/schedule").await;
    let (_, second) = manager.get_html("/manage/schedule?page=2").await;
    let (first, second) = (rows(&first), rows(&second));
    assert_eq!((first.len(), second.len()), (25, 5));
    assert!(first.iter().all(|id| !second.contains(id)));
    let (_, again) = manager.get_html("/manage/schedule").await;
    assert_eq!(rows(&again), first);
}

#[tokio::test]
async fn values_not_understood_fall_back_and_say_so() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    let (status, html) = manager
        .get_html(
            "/manage/schedule?view=month&date=2026-99-99&status=lost&skill=flying&page=x&area=%25",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&html, "p.notice"), 5);
    assert_eq!(count(&html, ".board-grid.week"), 1);
}

#[tokio::test]
async fn the_boards_form_offers_and_assigns_and_comes_back_to_the_same_board() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let other = app.create_user("worker", "other-worker@example.com");
    give_skills(&app, other, &["cleaning"]);
    let (first, second) = (
        place_order_at(&app, &w, "10:00").await,
        place_order_at(&app, &w, "15:00").await,
    );
    let back = format!("view=day&date={}", tomorrow(&app));

    let res = w
        .manager
        .post_form(
            &format!("/manage/schedule/orders/{first}/assign"),
            &[("worker", &w.worker_id.to_string()), ("back", &back)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/manage/schedule?{back}"));
    assert_eq!(status_of(&app, first), "assigned");
    let (_, html) = w.manager.get_html(&location(&res)).await;
    assert!(text(&html, "main").contains("The worker is assigned."));

    let res = w
        .manager
        .post_form(
            &format!("/manage/schedule/orders/{second}/offer"),
            &[("worker", &other.to_string()), ("back", "x=<script>")],
        )
        .await;
    assert_eq!(location(&res), "/manage/schedule");
    assert_eq!(status_of(&app, second), "offered");
    assert_eq!(offered_to(&app, second), Some(other));
}

#[tokio::test]
async fn a_refused_assignment_changes_nothing_and_says_why() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (held, clashing) = (
        place_order_at(&app, &w, "10:00").await,
        place_order_at(&app, &w, "11:00").await,
    );
    assign(&app, &w, held, w.worker_id).await;
    let events = app.count(&format!(
        "SELECT COUNT(*) FROM order_events WHERE order_id = {clashing}"
    ));

    for how in ["assign", "offer"] {
        let res = w
            .manager
            .post_form(
                &format!("/manage/schedule/orders/{clashing}/{how}"),
                &[("worker", &w.worker_id.to_string()), ("back", "view=day")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (_, html) = w.manager.get_html(&location(&res)).await;
        assert!(
            text(&html, "main").contains("This worker has another job at that time."),
            "{how}"
        );
    }
    assert_eq!(status_of(&app, clashing), "new");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {clashing}"
        )),
        events
    );
    // A worker without the service's skill, or whom the client blocked: refused in words,
    // on the board as on the order page, and nothing changes.
    let unskilled = app.create_user("worker", "unskilled@example.com");
    let blocked = app.create_user("worker", "blocked@example.com");
    give_skills(&app, blocked, &["cleaning"]);
    app.write(|tx| {
        tx.execute(
            "INSERT INTO client_worker_preferences (client_id, worker_id, kind)
             VALUES (?1, ?2, 'blocked')",
            rusqlite::params![w.client_id, blocked],
        )
    });
    for (worker, says, path) in [
        (
            unskilled,
            "does not have the skill",
            format!("/manage/schedule/orders/{clashing}/assign"),
        ),
        (
            blocked,
            "asked not to be sent this worker",
            format!("/manage/orders/{clashing}/offer"),
        ),
    ] {
        let res = w
            .manager
            .post_form(&path, &[("worker", &worker.to_string()), ("back", "")])
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (_, html) = w.manager.get_html(&location(&res)).await;
        assert!(text(&html, "main").contains(says), "{says}");
    }
    assert_eq!(status_of(&app, clashing), "new");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {clashing}"
        )),
        events
    );
    // No worker chosen: said, and nothing changes.
    let res = w
        .manager
        .post_form(
            &format!("/manage/schedule/orders/{clashing}/assign"),
            &[("worker", ""), ("back", "")],
        )
        .await;
    let (_, html) = w.manager.get_html(&location(&res)).await;
    assert!(text(&html, "main").contains("Choose a worker"));
    assert_eq!(status_of(&app, clashing), "new");
}

#[tokio::test]
async fn only_managers_and_admins_see_the_board() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let order = place_order(&app, &w).await;
    let (admin, _) = app.login_as("admin").await;
    assert_eq!(admin.get("/manage/schedule").await.status(), StatusCode::OK);
    for who in [&w.client, &w.worker] {
        assert_eq!(
            who.get("/manage/schedule").await.status(),
            StatusCode::FORBIDDEN
        );
        let res = who
            .post_form(
                &format!("/manage/schedule/orders/{order}/assign"),
                &[("worker", &w.worker_id.to_string())],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    let res = w
        .manager
        .post_raw(
            &format!("/manage/schedule/orders/{order}/assign"),
            &[("worker", &w.worker_id.to_string())],
        )
        .await;
    assert_ne!(res.status(), StatusCode::SEE_OTHER, "no CSRF token");
    assert_eq!(status_of(&app, order), "new");
}
