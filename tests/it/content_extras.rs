//! A service's options and checklist items, and the skills list, in the business's languages:
//! each is entered in the languages in use and only those, the others' texts are kept, and
//! clients and workers read theirs or the other.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;
use crate::supply_helpers::flash;

fn names(page: &scraper::Html, selector: &str) -> Vec<String> {
    let s = scraper::Selector::parse(selector).unwrap();
    page.select(&s)
        .filter_map(|e| e.value().attr("name").map(str::to_string))
        .collect()
}

/// The text inputs of the editor's form posting to `{service}/{what}`.
async fn inputs(manager: &TestClient, service: &str, what: &str) -> Vec<String> {
    let (_, editor) = manager.get_html(service).await;
    names(
        &editor,
        &format!("form[action='{service}/{what}'] input[name]"),
    )
    .into_iter()
    .filter(|n| n != "csrf_token" && n != "price")
    .collect()
}

fn pair(app: &TestApp, sql: &str) -> (String, String) {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
}

#[tokio::test]
async fn a_russian_only_business_adds_extras_in_russian_that_clients_and_workers_read() {
    let app = spawn_app().await;
    app.set_business("languages", "ru");
    let w = world(&app).await;
    let service = format!("/manage/services/{}", w.service_id);

    assert_eq!(inputs(&w.manager, &service, "options").await, ["name_ru"]);
    assert_eq!(inputs(&w.manager, &service, "checklist").await, ["text_ru"]);
    let res = w
        .manager
        .post_form(
            &format!("{service}/options"),
            &[("name_ru", "Мытьё окон"), ("price", "500")],
        )
        .await;
    assert_eq!(
        flash(&res),
        "success:flash-saved",
        "no English name asked for"
    );
    let res = w
        .manager
        .post_form(
            &format!("{service}/checklist"),
            &[("text_ru", "Окна вымыты")],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-saved");
    assert_eq!(
        pair(
            &app,
            "SELECT name_en, name_ru FROM service_options ORDER BY id DESC LIMIT 1"
        ),
        (String::new(), "Мытьё окон".into())
    );

    // Renaming the service in Russian keeps its English name for when English is used again.
    let res = w
        .manager
        .post_form(
            &service,
            &[
                ("code", "deep-clean"),
                ("name_ru", "Большая уборка"),
                ("duration_minutes", "180"),
                ("base_price", "4500"),
                ("skill", "cleaning"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        pair(&app, "SELECT name_en, name_ru FROM services"),
        ("Deep cleaning".into(), "Большая уборка".into())
    );

    // The client (English by default) reads the Russian: it is all the business writes.
    let windows = app.count("SELECT MAX(id) FROM service_options");
    let (_, form) = w
        .client
        .get_html(&format!("/client/orders/new?service={}", w.service_id))
        .await;
    assert!(text(&form, "main form").contains("Мытьё окон"));
    let w = World {
        option_id: windows,
        ..w
    };
    let order = place_order(&app, &w).await;
    let (_, page) = w.client.get_html(&format!("/client/orders/{order}")).await;
    assert!(
        text(&page, "main").contains("Мытьё окон"),
        "the quote's line"
    );

    offer_to_worker(&w, order).await;
    w.worker
        .post_form(&format!("/worker/jobs/{order}/accept"), &[])
        .await;
    let (_, job) = w.worker.get_html(&format!("/worker/jobs/{order}")).await;
    let job = text(&job, "main");
    assert!(
        job.contains("Окна вымыты") && job.contains("Мытьё окон"),
        "{job}"
    );
}

#[tokio::test]
async fn with_english_and_russian_an_extra_needs_both() {
    let app = spawn_app().await;
    app.set_business("languages", "en,ru");
    let w = world(&app).await;
    let service = format!("/manage/services/{}", w.service_id);
    assert_eq!(
        inputs(&w.manager, &service, "options").await,
        ["name_en", "name_ru"]
    );
    assert_eq!(
        inputs(&w.manager, &service, "checklist").await,
        ["text_en", "text_ru"]
    );

    let options = || app.count("SELECT COUNT(*) FROM service_options");
    let before = options();
    let res = w
        .manager
        .post_form(
            &format!("{service}/options"),
            &[("name_ru", "Мытьё окон"), ("price", "500")],
        )
        .await;
    assert_eq!(flash(&res), "error:flash-option-invalid");
    assert_eq!(options(), before);
    let res = w
        .manager
        .post_form(
            &format!("{service}/options"),
            &[
                ("name_en", "Windows"),
                ("name_ru", "Окна"),
                ("price", "500"),
            ],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-saved");
    assert_eq!(options(), before + 1);

    let items = || app.count("SELECT COUNT(*) FROM service_checklist_items");
    let before = items();
    let res = w
        .manager
        .post_form(&format!("{service}/checklist"), &[("text_en", "Windows")])
        .await;
    assert_eq!(flash(&res), "error:flash-checklist-invalid");
    let res = w
        .manager
        .post_form(
            &format!("{service}/checklist"),
            &[("text_en", "Windows"), ("text_ru", "Окна")],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-saved");
    assert_eq!(items(), before + 1);
}

#[tokio::test]
async fn a_russian_only_business_names_its_skills_in_russian_and_keeps_the_english() {
    let app = spawn_app().await;
    app.set_business("languages", "ru");
    let cleaning = crate::skills::list_skill(&app, "cleaning", "Cleaning", "Уборка");
    let (admin, _) = app.login_as("admin").await;
    let (_, page) = admin.get_html("/admin/skills").await;
    let fields = names(&page, "main form input[name^=name_]");
    assert!(
        !fields.is_empty() && fields.iter().all(|f| f == "name_ru"),
        "{fields:?}"
    );

    let res = admin
        .post_form(
            "/admin/skills",
            &[("code", "windows"), ("name_ru", "Мытьё окон")],
        )
        .await;
    assert_eq!(flash(&res), "success:flash-saved");
    admin
        .post_form(
            &format!("/admin/skills/{cleaning}"),
            &[("name_ru", "Генеральная уборка")],
        )
        .await;
    assert_eq!(
        pair(
            &app,
            "SELECT name_en, name_ru FROM skills WHERE code = 'cleaning'"
        ),
        ("Cleaning".into(), "Генеральная уборка".into())
    );
    let (_, page) = admin.get_html("/admin/skills").await;
    assert!(text(&page, "#skill-windows").contains("Мытьё окон"));
}
