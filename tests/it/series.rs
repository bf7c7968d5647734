//! Repeating bookings through HTTP, as the client meets them: starting a series from the
//! order form, visits placed as they come within the window (month ends and daylight saving
//! kept), the ends of a series, skip, move one or all, end, and another client's series.

use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

/// Posts the new-order form with a repeat; returns the response.
pub(crate) async fn order_repeating(
    w: &World,
    date: &str,
    time: &str,
    repeat: &str,
    end: (&str, &str),
) -> reqwest::Response {
    let service = w.service_id.to_string();
    let (end_kind, value) = end;
    let mut fields = vec![
        ("service", service.as_str()),
        ("address", "new"),
        ("new_address", "1 Test St"),
        ("date", date),
        ("time", time),
        ("repeat", repeat),
        ("repeat_end", end_kind),
    ];
    fields.push(if end_kind == "until" {
        ("repeat_until", value)
    } else {
        ("repeat_visits", value)
    });
    w.client.post_form("/client/orders", &fields).await
}

/// Starts a series and returns its id.
pub(crate) async fn start(
    w: &World,
    date: &str,
    time: &str,
    repeat: &str,
    end: (&str, &str),
) -> i64 {
    let res = order_repeating(w, date, time, repeat, end).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let to = location(&res);
    assert!(to.starts_with("/client/series/"), "{to}");
    to.rsplit('/').next().unwrap().parse().unwrap()
}

/// The placed visits of a series: (rule date, start in UTC), by date.
pub(crate) fn visits(app: &TestApp, series_id: i64) -> Vec<(String, DateTime<Utc>)> {
    let conn = app.state.pool.get().unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT series_on, scheduled_at FROM orders WHERE series_id = ?1 ORDER BY series_on",
        )
        .unwrap();
    stmt.query_map([series_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

pub(crate) fn dates(app: &TestApp, series_id: i64) -> Vec<String> {
    visits(app, series_id).into_iter().map(|v| v.0).collect()
}

pub(crate) fn order_on(app: &TestApp, series_id: i64, on: &str) -> i64 {
    app.count(&format!(
        "SELECT id FROM orders WHERE series_id = {series_id} AND series_on = '{on}'"
    ))
}

pub(crate) async fn app_with(
    configure: impl FnOnce(&mut whiskerworks::config::Settings),
) -> (TestApp, World) {
    let app = spawn_app_with(|s| {
        s.security.session_idle_minutes = 60 * 24 * 90;
        s.session_days = 365;
        configure(s);
    })
    .await;
    let w = world(&app).await;
    (app, w)
}

pub(crate) fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

#[tokio::test]
async fn a_weekly_series_places_the_visits_within_the_window_and_the_pass_the_next() {
    // Monday 2 March 2026, 12:00 in Moscow; visits are placed 14 days ahead.
    let (app, w) = app_with(|_| {}).await;
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "6")).await;
    assert_eq!(dates(&app, id), ["2026-03-03", "2026-03-10"]);
    assert_eq!(visits(&app, id)[1].1, at(2026, 3, 10, 7), "10:00 in Moscow");

    app.drain().await;
    assert_eq!(dates(&app, id).len(), 2, "nothing new inside the window");
    app.clock.advance(Duration::days(7));
    app.drain().await;
    app.drain().await;
    assert_eq!(
        dates(&app, id),
        ["2026-03-03", "2026-03-10", "2026-03-17"],
        "placed once"
    );

    let (_, page) = w.client.get_html(&format!("/client/series/{id}")).await;
    assert!(text(&page, "hgroup").contains("Every week at 10:00"));
    let first = order_on(&app, id, "2026-03-10");
    let (_, order) = w.client.get_html(&format!("/client/orders/{first}")).await;
    assert!(text(&order, ".series-note").contains("repeating booking"));
    let (_, list) = w.client.get_html("/client/series").await;
    assert!(text(&list, ".series-list").contains("Deep cleaning"));
    let (_, orders) = w.client.get_html("/client?tab=active").await;
    assert!(first_attr(&orders, "a[href='/client/series']", "href").is_some());
}

#[tokio::test]
async fn a_client_without_series_sees_how_to_start_one() {
    let (_app, w) = app_with(|_| {}).await;
    let (status, page) = w.client.get_html("/client/series").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, ".empty-state").contains("Repeat"));
}

#[tokio::test]
async fn biweekly_and_monthly_series_step_by_two_weeks_and_by_month_end() {
    let (app, w) = app_with(|_| {}).await;
    let two = start(
        &w,
        "2026-03-03",
        "10:00",
        "biweekly",
        ("until", "2026-03-31"),
    )
    .await;
    assert_eq!(
        dates(&app, two),
        ["2026-03-03"],
        "17 March is 15 days ahead"
    );
    let monthly = start(&w, "2026-03-31", "12:00", "monthly", ("visits", "3")).await;
    assert_eq!(
        dates(&app, monthly),
        ["2026-03-31"],
        "the first visit is placed at once"
    );
    for day in [(3, 5), (3, 20), (4, 20), (5, 25), (6, 30)] {
        app.clock.set(at(2026, day.0, day.1, 6));
        app.drain().await;
    }
    assert_eq!(
        dates(&app, two),
        ["2026-03-03", "2026-03-17", "2026-03-31"],
        "until is inclusive"
    );
    assert_eq!(
        dates(&app, monthly),
        ["2026-03-31", "2026-04-30", "2026-05-31"],
        "April's last day, then the 31st again; three visits and no more"
    );
    assert_eq!(visits(&app, monthly)[1].1, at(2026, 4, 30, 9));
}

#[tokio::test]
async fn a_visit_keeps_its_local_hour_across_the_spring_daylight_saving_change() {
    let (app, w) = app_with(|s| s.time_zone = chrono_tz::Europe::Berlin).await;
    app.clock.set(at(2026, 3, 20, 9));
    let id = start(&w, "2026-03-23", "10:00", "weekly", ("visits", "2")).await;
    let placed = visits(&app, id);
    assert_eq!(placed[0].1, at(2026, 3, 23, 9), "winter time: UTC+1");
    assert_eq!(
        placed[1].1,
        at(2026, 3, 30, 8),
        "summer time: UTC+2, still 10:00"
    );
}

#[tokio::test]
async fn a_refused_first_visit_stores_nothing_and_bad_repeats_are_explained() {
    let (app, w) = app_with(|_| {}).await;
    let res = order_repeating(&w, "2026-03-03", "22:00", "weekly", ("visits", "4")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = order_repeating(&w, "2026-03-03", "10:00", "weekly", ("visits", "500")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = scraper::Html::parse_document(&res.text().await.unwrap());
    assert!(text(&page, "#repeat-error").contains("104"));
    let res = order_repeating(
        &w,
        "2026-03-03",
        "10:00",
        "monthly",
        ("until", "2028-01-01"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("SELECT COUNT(*) FROM order_series"), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM orders"), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM client_addresses"), 0);
}

#[tokio::test]
async fn skipping_and_moving_planned_visits_change_what_the_pass_places() {
    let (app, w) = app_with(|_| {}).await;
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "5")).await;
    let base = format!("/client/series/{id}");
    let res = w
        .client
        .post_form(&format!("{base}/skip?on=2026-03-17"), &[])
        .await;
    assert_eq!(location(&res), base);
    let res = w
        .client
        .post_form(
            &format!("{base}/move"),
            &[
                ("on", "2026-03-24"),
                ("date", "2026-03-25"),
                ("time", "14:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // Bad input changes nothing: outside working hours, onto another visit's day, unreadable,
    // or a visit already placed.
    for (on, date, time) in [
        ("2026-03-31", "2026-03-31", "23:00"),
        ("2026-03-31", "2026-03-25", "10:00"),
        ("2026-03-31", "soon", "10:00"),
        ("2026-03-10", "2026-03-11", "10:00"),
    ] {
        let res = w
            .client
            .post_form(
                &format!("{base}/move"),
                &[("on", on), ("date", date), ("time", time)],
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{on} {date} {time}"
        );
    }
    let res = w
        .client
        .post_form(&format!("{base}/skip?on=2026-03-10"), &[])
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a placed visit is cancelled instead"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM order_series_changes"), 2);

    app.clock.set(at(2026, 3, 25, 6));
    app.drain().await;
    app.drain().await;
    assert_eq!(
        dates(&app, id),
        ["2026-03-03", "2026-03-10", "2026-03-24", "2026-03-31"]
    );
    assert_eq!(
        visits(&app, id)[2].1,
        at(2026, 3, 25, 11),
        "moved to 25 March, 14:00"
    );
}

#[tokio::test]
async fn moving_all_future_visits_moves_planned_and_booked_ones_to_the_new_weekday_and_time() {
    let (app, w) = app_with(|_| {}).await;
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "4")).await;
    let booked = order_on(&app, id, "2026-03-10");
    let res = w
        .client
        .post_form(
            &format!("/client/series/{id}/move-all"),
            &[("from", "2026-03-10"), ("time", "15:00"), ("weekday", "3")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    app.clock.set(at(2026, 3, 12, 6));
    app.drain().await;
    let placed = visits(&app, id);
    assert_eq!(placed.len(), 4);
    assert_eq!(placed[0].1, at(2026, 3, 3, 7), "before the date: unchanged");
    assert_eq!(
        placed[1].1,
        at(2026, 3, 12, 12),
        "booked: moved through its order"
    );
    assert_eq!(
        order_on(&app, id, "2026-03-10"),
        booked,
        "the same order, moved"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM order_events WHERE order_id = {booked} AND action = 'reschedule'"
        )),
        1
    );
    assert_eq!(placed[2].1, at(2026, 3, 19, 12), "planned: Thursday 15:00");
    assert_eq!(placed[3].1, at(2026, 3, 26, 12));
    let res = w
        .client
        .post_form(
            &format!("/client/series/{id}/move-all"),
            &[("from", "2026-03-17"), ("time", "25:00")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn ending_a_series_stops_new_visits_and_may_cancel_the_placed_ones() {
    let (app, w) = app_with(|_| {}).await;
    let keep = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "8")).await;
    let cancel = start(&w, "2026-03-04", "10:00", "weekly", ("visits", "8")).await;
    let res = w
        .client
        .post_form(&format!("/client/series/{keep}/end"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = w
        .client
        .post_form(
            &format!("/client/series/{cancel}/end"),
            &[("cancel_placed", "1")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    app.clock.advance(Duration::days(14));
    app.drain().await;
    assert_eq!(dates(&app, keep).len(), 2);
    assert_eq!(dates(&app, cancel).len(), 2);
    let statuses = |id: i64| {
        app.count(&format!(
            "SELECT COUNT(*) FROM orders WHERE series_id = {id} AND status = 'cancelled'"
        ))
    };
    assert_eq!(statuses(keep), 0);
    assert_eq!(statuses(cancel), 2);
    let res = w
        .client
        .post_form(&format!("/client/series/{keep}/skip?on=2026-03-24"), &[])
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "an ended series takes no changes"
    );
}

#[tokio::test]
async fn another_clients_series_does_not_exist_for_them() {
    let (app, w) = app_with(|_| {}).await;
    let id = start(&w, "2026-03-03", "10:00", "weekly", ("visits", "3")).await;
    let (other, _) = app.login_as("client").await;
    let (status, _) = other.get_html(&format!("/client/series/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let res = other
        .post_form(&format!("/client/series/{id}/end"), &[])
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM order_series WHERE ended_at IS NULL"),
        1
    );
}
