//! Renders every page of every role in English and Russian on a simulated history, and reads
//! every notification and email that history produced: fails on a missing message, a raw
//! message id where a person reads, or a count printed without its plural form. The history
//! also holds an order with an event of every action (read by its client, its manager and
//! quality control) and a notification of every kind (`render_every`).

use std::collections::BTreeSet;

use reqwest::StatusCode;
use scraper::{Html, node::Node};
use whiskerworks::hiring::model::grading::Question;
use whiskerworks::hiring::store::screening_tests as tests_store;
use whiskerworks::i18n::{Lang, audit};

use crate::helpers::*;
use crate::order_helpers::*;
use crate::render_every::{composed_ids, every_event, every_notification};

/// GET routes that are not pages a person reads: files, feeds, fragments and probes.
const NOT_PAGES: &[&str] = &[
    "/healthz",
    "/readyz",
    "/metrics",
    "/events",
    "/badge",
    "/qc/badge",
    "/orders/quote",
    "/{}/download",
    "/billing/invoices.csv",
    "/balances.csv",
    "/consumption.csv",
    "/reports/{}",
    "/{}/files/{}",
    "/{}/signature.png",
    "/orders/{}/appointment.ics",
    "/calendar/{}",
    "/experiments/{}/results.csv",
    // The company's logo, an image (read in `brand`).
    "/brand/logo",
    // Refused (404) once an admin exists, as here; its form is read in `setup`.
    "/setup",
];

/// The people whose pages are read, each logged in with their own client (the phone widths'
/// browser test reads the same pages).
pub(crate) struct Cast {
    pub(crate) anonymous: TestClient,
    /// A client from the simulated history (invoices, completed and cancelled orders) and
    /// one whose orders stand in every live status.
    clients: Vec<(TestClient, i64)>,
    workers: Vec<(TestClient, i64)>,
    pub(crate) manager: (TestClient, i64),
    pub(crate) admin: (TestClient, i64),
    candidate: (TestClient, i64),
    /// The disputed order, holding an event of every action.
    every_event_order: i64,
    /// Someone sent a notification of every kind, and how many pages of them they have.
    reader: (TestClient, i64),
}

#[tokio::test]
async fn every_page_of_every_role_reads_right_in_english_and_in_russian() {
    let app = spawn_app().await;
    let cast = history(&app).await;
    let pages = pages(&app, &cast);
    assert_every_get_route_is_visited(&pages);

    let known = known_ids();
    let mut faults = Vec::new();
    for lang in [Lang::En, Lang::Ru] {
        app.write(|tx| tx.execute("UPDATE users SET language = ?1", [lang.code()]));
        let visitor = [("lang", lang.code()), ("back", "/")];
        cast.anonymous.post_form("/lang", &visitor).await;
        for (who, path) in &pages {
            let res = who.get(path).await;
            let status = res.status();
            let body = res.text().await.unwrap();
            if status != StatusCode::OK {
                faults.push(format!("{} {path}: {status}", lang.code()));
                continue;
            }
            let html = Html::parse_document(&body);
            if first_attr(&html, "html", "lang").as_deref() != Some(lang.code()) {
                faults.push(format!("{} {path}: shown in another language", lang.code()));
            }
            for raw in raw_ids(&html, &known) {
                faults.push(format!("{} {path}: raw message id {raw:?}", lang.code()));
            }
        }
    }
    faults.extend(outbox_faults(&app, &known));
    faults.extend(audit::problems());
    assert!(
        faults.is_empty(),
        "{} problems:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

/// Nine simulated days (a weekly billing run among them) of business, the demo accounts, a screening test taken half way and a
/// candidate who applied: something to show on every page.
pub(crate) async fn history(app: &TestApp) -> Cast {
    let settings = (*app.state.settings()).clone();
    tokio::task::spawn_blocking(move || whiskerworks::ops::simulate::run(settings, 9, 7))
        .await
        .unwrap()
        .unwrap();
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let sim_login = |email: String| async move {
        let who = app.client();
        let handle = email.split('@').next().unwrap().to_string();
        let res = who.login(&email, &format!("sim-password-{handle}")).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{email} logs in");
        who
    };
    let busiest = |column: &str, among: &str| {
        app.count(&format!(
            "SELECT {column} FROM orders WHERE {column} IN ({among})
             GROUP BY {column} ORDER BY COUNT(DISTINCT status) DESC, COUNT(*) DESC LIMIT 1"
        ))
    };
    let client_id = busiest("client_id", "SELECT client_id FROM invoices");
    let worker_id = busiest("worker_id", "SELECT id FROM users");
    let client = sim_login(email_of(app, client_id)).await;
    let worker = sim_login(email_of(app, worker_id)).await;
    let manager_id = app.count("SELECT id FROM users WHERE email = 'manager-1@sim.example.com'");
    let manager = sim_login(email_of(app, manager_id)).await;
    let (admin, admin_id) = app.login_as("admin").await;
    let candidate = applicant(app, &manager).await;
    let w = live_orders(app, worker_id).await;
    let every_event_order = app.count(&format!(
        "SELECT id FROM orders WHERE client_id = {} AND status = 'disputed'",
        w.client_id
    ));
    every_event(app, every_event_order, w.worker_id);
    let (reader, reader_id) = app.login_as("client").await;
    every_notification(app, reader_id);
    Cast {
        anonymous: app.client(),
        clients: vec![(client, client_id), (w.client, w.client_id)],
        workers: vec![(worker, worker_id), (w.worker, w.worker_id)],
        manager: (manager, manager_id),
        admin: (admin, admin_id),
        candidate,
        every_event_order,
        reader: (reader, reader_id),
    }
}

/// Orders in every status the simulation ends without: new, offered (to the simulated
/// worker), in progress, reported and disputed.
async fn live_orders(app: &TestApp, offered_to: i64) -> World {
    // `world` adds its own deep cleaning; the catalogue's keeps its orders under another code.
    app.write(|tx| {
        tx.execute(
            "UPDATE services SET code = 'deep-clean-demo' WHERE code = 'deep-clean'",
            [],
        )
    });
    let w = world(app).await;
    place_order_at(app, &w, "09:00").await;
    let offered = place_order_at(app, &w, "10:00").await;
    let to = offered_to.to_string();
    let path = format!("/manage/orders/{offered}/offer");
    w.manager.post_form(&path, &[("worker", to.as_str())]).await;
    for (time, refuse) in [("08:00", false), ("12:00", true)] {
        let id = place_order_at(app, &w, time).await;
        start_job(app, &w, id).await;
        let path = format!("/worker/jobs/{id}/report");
        w.worker
            .post_multipart(&path, report_form(&w, vec![]))
            .await;
        if refuse {
            let path = format!("/client/orders/{id}/refuse");
            w.client
                .post_form(&path, &[("reason", "The oven was not cleaned")])
                .await;
        }
    }
    // Accepted, kit not yet taken: the worker may still withdraw.
    let accepted = place_order_on(app, &w, 2, "10:00").await;
    offer_to_worker(&w, accepted).await;
    w.worker
        .post_form(&format!("/worker/jobs/{accepted}/accept"), &[])
        .await;
    let running = place_order_at(app, &w, "16:00").await;
    start_job(app, &w, running).await;
    w
}

/// Someone applies, is given a test with every kind of question, and starts it.
async fn applicant(app: &TestApp, manager: &TestClient) -> (TestClient, i64) {
    let test = app.write(|conn| {
        let t =
            tests_store::insert_test(conn, "Windows", "Read each question.", 10, app.clock_now())
                .unwrap();
        let kinds = [
            Question::SingleChoice {
                options: vec!["Sun".into(), "Soap".into()],
                correct: 0,
            },
            Question::MultipleChoice {
                options: vec!["Cloth".into(), "Sand".into()],
                correct: vec![0],
            },
            Question::Numeric {
                answer: 2.0,
                tolerance: 0.0,
            },
            Question::FreeText,
        ];
        for (n, q) in kinds.iter().enumerate() {
            tests_store::insert_question(conn, t, format!("Question {n}?"), 2, q).unwrap();
        }
        Ok::<_, rusqlite::Error>(t)
    });
    let email = "applicant@example.com";
    let (who, cid) = crate::hiring_attempts::apply_for_first_service(app, email).await;
    manager
        .post_form(
            &format!("/manage/candidates/{cid}/assign"),
            &[("test", &test.to_string())],
        )
        .await;
    let a = app.count(&format!(
        "SELECT MAX(id) FROM test_assignments WHERE candidate_id = {cid}"
    ));
    who.post_form(&format!("/candidate/tests/{a}/start"), &[])
        .await;
    let weight = format!("w{test}");
    let policy = [
        (weight.as_str(), "1"),
        ("rule", "top_percent"),
        ("percent", "3"),
        ("threshold", "0"),
        ("floor", "50"),
        ("window", "90"),
    ];
    let res = manager.post_form("/manage/policies", &policy).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the policy is saved");
    let user = app.count(&format!("SELECT id FROM users WHERE email = '{email}'"));
    (who, user)
}

/// Every page each role reads, with ids from the history: one order page per status.
pub(crate) fn pages<'a>(app: &TestApp, cast: &'a Cast) -> Vec<(&'a TestClient, String)> {
    let ids = |sql: &str| -> Vec<i64> {
        let conn = app.state.pool.get().unwrap();
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let one = |sql: &str| {
        ids(sql)
            .first()
            .copied()
            .unwrap_or_else(|| panic!("none: {sql}"))
    };
    let (manager, admin, candidate) = (&cast.manager.0, &cast.admin.0, &cast.candidate.0);
    let mut pages: Vec<(&TestClient, String)> = Vec::new();
    let mut add = |who: &'a TestClient, paths: Vec<String>| {
        pages.extend(paths.into_iter().map(|p| (who, p)));
    };
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    add(
        &cast.anonymous,
        owned(&[
            "/",
            "/login",
            "/register",
            "/forgot-password",
            "/reset-password?token=nothing",
            "/invite?token=nothing",
            "/services",
            "/apply",
        ]),
    );

    let mut manager_views = Vec::new();
    for (client, client_id) in &cast.clients {
        let mut client_pages = owned(&[
            "/client",
            "/client?tab=to_sign",
            "/client?tab=past",
            "/client/orders/new",
            "/client/profile",
            "/client/billing",
            "/client/series",
            "/account",
            "/account/confirm-password",
            "/notifications",
        ]);
        for id in ids(&format!(
            "SELECT id FROM order_series WHERE client_id = {client_id} LIMIT 1"
        )) {
            client_pages.push(format!("/client/series/{id}"));
        }
        for id in ids(&format!(
            "SELECT MIN(id) FROM orders WHERE client_id = {client_id} GROUP BY status"
        )) {
            client_pages.push(format!("/client/orders/{id}"));
            client_pages.push(format!("/manage/orders/{id}"));
        }
        let invoices = ids(&format!(
            "SELECT id FROM invoices WHERE client_id = {client_id} LIMIT 1"
        ));
        client_pages.extend(invoices.iter().map(|id| format!("/invoices/{id}")));
        let to_sign = ids(&format!(
            "SELECT id FROM orders WHERE client_id = {client_id} AND status = 'reported'"
        ));
        client_pages.extend(to_sign.iter().map(|id| format!("/client/orders/{id}/sign")));
        let cancellable = ids(&format!(
            "SELECT id FROM orders WHERE client_id = {client_id} AND status IN ('new','offered','assigned')"
        ));
        client_pages.extend(
            cancellable
                .iter()
                .take(1)
                .map(|id| format!("/client/orders/{id}/cancel")),
        );
        // The move form, for the client and for managers.
        for id in cancellable.iter().take(1) {
            client_pages.push(format!("/client/orders/{id}/reschedule"));
            client_pages.push(format!("/manage/orders/{id}/reschedule"));
        }
        let (managers, clients): (Vec<_>, Vec<_>) = client_pages
            .into_iter()
            .partition(|p| p.starts_with("/manage"));
        manager_views.extend(managers);
        add(client, clients);
    }

    for (worker, worker_id) in &cast.workers {
        let mut worker_pages = owned(&[
            "/worker",
            "/worker/board",
            "/worker/history",
            "/worker/history?status=withdrawn",
            "/worker/availability",
            "/worker/earnings",
            "/worker/profile",
            "/account",
            "/account/calendar",
            "/notifications",
        ]);
        for id in ids(&format!(
            "SELECT MIN(id) FROM orders WHERE worker_id = {worker_id} GROUP BY status"
        )) {
            worker_pages.push(format!("/worker/jobs/{id}"));
        }
        for id in ids(&format!(
            "SELECT MIN(id) FROM orders WHERE worker_id = {worker_id} AND status = 'assigned'
               AND kit_received_at IS NULL GROUP BY worker_id"
        )) {
            worker_pages.push(format!("/worker/jobs/{id}/cancel"));
        }
        add(worker, worker_pages);
    }

    let mut manager_pages = owned(&[
        "/manage",
        "/manage?period=year",
        "/manage/orders",
        "/manage/unplaced",
        "/manage/schedule",
        "/manage/schedule?view=day",
        "/manage/orders?status=cancelled",
        "/manage/series",
        "/manage/series?status=ended",
        "/manage/qc",
        "/manage/insights",
        "/manage/billing",
        "/manage/billing/controls",
        "/manage/stock",
        "/manage/stock/movements",
        "/manage/packs",
        "/manage/services",
        "/manage/services/new",
        "/manage/candidates",
        "/manage/grading",
        "/manage/policies",
        "/manage/experiments",
        "/manage/experiments/new?decision=screening",
        "/manage/experiments/new?decision=matching",
        "/manage/policies/followup",
        "/manage/tests",
        "/manage/workers",
        "/bets",
        "/bets/standings",
        "/bets/log",
        "/manage/balances",
        "/manage/balances?period=year",
        "/manage/consumption",
        "/manage/consumption?period=year&by=service",
        "/manage/consumption?period=year&by=worker",
        "/account",
        "/account/calendar",
        "/notifications",
    ]);
    manager_pages.extend(manager_views);
    manager_pages.extend(
        ids("SELECT id FROM order_series WHERE id IN (SELECT MIN(id) FROM order_series UNION SELECT MAX(id) FROM order_series)")
            .iter()
            .map(|id| format!("/manage/series/{id}")),
    );
    let service = one("SELECT MIN(id) FROM services");
    let test = one("SELECT MAX(id) FROM screening_tests");
    let review = one("SELECT MAX(id) FROM qc_reviews");
    let every_event_review = one(&format!(
        "SELECT MAX(id) FROM qc_reviews WHERE order_id = {}",
        cast.every_event_order
    ));
    let decision = one("SELECT MAX(id) FROM matching_decisions");
    let book = one("SELECT MAX(id) FROM bets_books");
    let policy = one("SELECT MAX(id) FROM screening_policies");
    manager_pages.extend([
        format!("/manage/services/{service}"),
        format!("/manage/tests/{test}"),
        format!("/manage/qc/{review}"),
        format!("/manage/qc/{every_event_review}"),
        format!("/bets/books/{book}"),
        format!("/manage/policies/{policy}"),
        format!(
            "/manage/experiments/{}",
            one("SELECT MAX(id) FROM experiments")
        ),
        format!("/manage/workers/{}", cast.workers[0].1),
    ]);
    add(manager, manager_pages);

    let notices = one(&format!(
        "SELECT COUNT(*) FROM notifications WHERE user_id = {}",
        cast.reader.1
    ));
    add(
        &cast.reader.0,
        (1..=(notices + 29) / 30)
            .map(|page| format!("/notifications?page={page}"))
            .collect(),
    );
    let mail = one("SELECT MAX(id) FROM outbox");
    let user = cast.clients[0].1;
    add(
        admin,
        vec![
            "/admin".into(),
            "/setup/next".into(),
            "/admin/users".into(),
            "/admin/skills".into(),
            "/admin/settings".into(),
            "/admin/settings?setup=1".into(),
            format!("/admin/users/{user}"),
            "/admin/invitations".into(),
            "/admin/mail".into(),
            format!("/admin/mail/{mail}"),
            "/admin/audit".into(),
            "/admin/matching".into(),
            format!(
                "/manage/experiments/{}",
                one("SELECT MAX(id) FROM experiments")
            ),
            format!("/admin/matching/decisions/{decision}"),
            "/admin/matching/replay".into(),
            "/admin/matching/replay?strategy=score".into(),
            "/admin/matching/replay?strategy=random&weights=1,2,3,4".into(),
            "/account".into(),
            "/notifications".into(),
        ],
    );
    let attempt = one(&format!(
        "SELECT a.id FROM test_assignments a JOIN candidates c ON c.id = a.candidate_id
         WHERE c.user_id = {}",
        cast.candidate.1
    ));
    add(
        candidate,
        vec![
            "/candidate".into(),
            format!("/candidate/tests/{attempt}"),
            "/account".into(),
            "/notifications".into(),
        ],
    );
    pages
}

/// Every message id of either language that looks like one (it has a dash), and every one
/// the code composes, whether or not a catalogue has it.
fn known_ids() -> BTreeSet<String> {
    let mut ids = audit::message_ids(Lang::En);
    ids.extend(audit::message_ids(Lang::Ru));
    ids.extend(composed_ids());
    ids.retain(|id| id.contains('-'));
    ids
}

/// Message ids shown as text or in an attribute a person (or a screen reader) reads.
fn raw_ids(html: &Html, known: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let mut look = |text: &str| {
        for word in text.split(|c: char| c.is_whitespace() || "()[]:,.\"«»".contains(c)) {
            if known.contains(word) {
                found.push(word.to_string());
            }
        }
    };
    for node in html.root_element().descendants() {
        match node.value() {
            Node::Text(text) => {
                let in_code = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style"))
                });
                if !in_code {
                    look(text);
                }
            }
            Node::Element(e) => {
                for name in ["title", "aria-label", "placeholder", "alt", "data-confirm"] {
                    if let Some(value) = e.attr(name) {
                        look(value);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Every notification and email the history wrote, read as their recipients read them.
fn outbox_faults(app: &TestApp, known: &BTreeSet<String>) -> Vec<String> {
    let conn = app.state.pool.get().unwrap();
    let mut faults = Vec::new();
    let mut read = |sql: &str| {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        for row in rows {
            let (kind, text) = row.unwrap();
            let html = Html::parse_fragment(&text);
            for raw in raw_ids(&html, known) {
                faults.push(format!("{kind}: raw message id {raw:?}"));
            }
        }
    };
    read("SELECT kind, title || ' ' || body FROM notifications");
    read("SELECT kind, subject || ' ' || COALESCE(body_text, '') FROM outbox");
    faults
}

/// Every GET route in the source is a page read here or one of `NOT_PAGES`: a new page
/// cannot escape this test.
fn assert_every_get_route_is_visited(pages: &[(&TestClient, String)]) {
    let visited: Vec<String> = pages
        .iter()
        .map(|(_, p)| p.split('?').next().unwrap().to_string())
        .collect();
    let mut missing = Vec::new();
    for route in get_routes() {
        let pattern: Vec<&str> = route.trim_start_matches('/').split('/').collect();
        let matches = |path: &str| {
            let segments: Vec<&str> = path.split('/').collect();
            segments.len() >= pattern.len()
                && segments[segments.len() - pattern.len()..]
                    .iter()
                    .zip(&pattern)
                    .all(|(s, p)| p.starts_with('{') || s == p)
        };
        let skipped = NOT_PAGES.contains(&normalise(&route).as_str());
        if !skipped && !visited.iter().any(|p| matches(p)) {
            missing.push(route);
        }
    }
    assert!(
        missing.is_empty(),
        "pages no render test reads: {missing:?}"
    );
}

fn normalise(route: &str) -> String {
    route
        .split('/')
        .map(|s| if s.starts_with('{') { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The non-empty paths of `web::resource("…")` that answer GET, from every routes file.
fn get_routes() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut routes = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let file = dir.unwrap().path().join("routes.rs");
        let Ok(source) = std::fs::read_to_string(&file) else {
            continue;
        };
        for chunk in source.split("web::resource(\"").skip(1) {
            let (path, rest) = chunk.split_once('"').unwrap();
            let until_next = rest.split(".service(").next().unwrap_or(rest);
            if !path.is_empty()
                && (until_next.contains(".get(") || until_next.contains("web::get()"))
            {
                routes.push(path.to_string());
            }
        }
    }
    routes
}

#[test]
fn a_message_id_in_text_or_in_a_label_is_found() {
    let known = BTreeSet::from(["orders-title".to_string()]);
    let html = Html::parse_document(
        r#"<p>Orders: orders-title</p><button aria-label="orders-title">x</button><script>orders-title</script>"#,
    );
    assert_eq!(raw_ids(&html, &known), vec!["orders-title", "orders-title"]);
}
