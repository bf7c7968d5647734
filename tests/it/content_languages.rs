//! Content in the business's languages: tests, consumables and services are written in the
//! languages the business uses and only those; each reader sees theirs, or the other.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::hiring_attempts::apply_for_first_service;
use crate::supply_helpers::flash;

fn names(page: &scraper::Html, selector: &str) -> Vec<String> {
    let s = scraper::Selector::parse(selector).unwrap();
    page.select(&s)
        .filter_map(|e| e.value().attr("name").map(str::to_string))
        .collect()
}

/// A manager builds a one-question test with the texts given; returns its editor's path.
async fn build_test(
    manager: &TestClient,
    texts: &[(&str, &str)],
    question: &[(&str, &str)],
) -> String {
    let mut fields = vec![("minutes", "10")];
    fields.extend_from_slice(texts);
    let res = manager.post_form("/manage/tests", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let path = location(&res);
    let mut q = vec![("kind", "single_choice"), ("points", "2"), ("correct", "2")];
    q.extend_from_slice(question);
    let res = manager.post_form(&format!("{path}/questions"), &q).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "question saved");
    path
}

#[tokio::test]
async fn a_russian_only_business_writes_and_screens_in_russian_only() {
    let app = spawn_app().await;
    app.set_business("languages", "ru");
    crate::skills::list_skill(&app, "cleaning", "Cleaning", "Уборка");
    let (manager, _) = app.login_as("manager").await;

    // The forms ask for Russian only.
    let (_, tests_page) = manager.get_html("/manage/tests").await;
    let fields = names(
        &tests_page,
        "form[action='/manage/tests'] input, form[action='/manage/tests'] textarea",
    );
    assert!(fields.contains(&"title_ru".to_string()), "{fields:?}");
    assert!(!fields.iter().any(|f| f.ends_with("_en")), "{fields:?}");
    let path = build_test(
        &manager,
        &[("title_ru", "Основы уборки")],
        &[
            ("prompt_ru", "С чего начать?"),
            ("options_ru", "С пола\nСверху вниз"),
        ],
    )
    .await;
    let (_, editor) = manager.get_html(&path).await;
    assert_eq!(text(&editor, "h1"), "Основы уборки");
    assert!(
        !names(&editor, "form[action$='/questions'] textarea")
            .iter()
            .any(|f| f.ends_with("_en"))
    );

    let res = manager
        .post_form(
            "/manage/stock",
            &[
                ("sku", "clo-1"),
                ("name_ru", "Салфетка"),
                ("unit_ru", "шт."),
                ("reorder_level", "10"),
                ("opening", "9"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/manage/stock");
    let (_, stock) = manager.get_html("/manage/stock").await;
    assert!(text(&stock, "table.stock").contains("9 шт."));
    assert!(
        !names(&stock, "form[action='/manage/stock'] input")
            .iter()
            .any(|f| f.ends_with("_en"))
    );
    let (_, dashboard) = manager.get_html("/manage").await;
    assert!(
        text(&dashboard, "main").contains("осталось 9 шт."),
        "the low-stock alert in Russian"
    );

    let res = manager
        .post_form(
            "/manage/services/new",
            &[
                ("code", "carpet"),
                ("name_ru", "Чистка ковров"),
                ("duration_minutes", "60"),
                ("base_price", "1500"),
                ("skill", "cleaning"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "no English name asked for"
    );
    let (_, services) = manager.get_html("/manage/services/new").await;
    assert!(!names(&services, "main form input").contains(&"name_en".to_string()));

    // A candidate (English by default: the business's Russian is all there is) takes it.
    let test = app.count("SELECT MAX(id) FROM screening_tests");
    let question = app.count("SELECT MAX(id) FROM screening_questions");
    let (cand, cand_id) = apply_for_first_service(&app, "murka@example.com").await;
    manager
        .post_form(
            &format!("/manage/candidates/{cand_id}/assign"),
            &[("test", &test.to_string())],
        )
        .await;
    let a = app.count(&format!(
        "SELECT MAX(id) FROM test_assignments WHERE candidate_id = {cand_id}"
    ));
    cand.post_form(&format!("/candidate/tests/{a}/start"), &[])
        .await;
    let (_, attempt) = cand.get_html(&format!("/candidate/tests/{a}")).await;
    let page = text(&attempt, "main");
    assert!(
        page.contains("Основы уборки")
            && page.contains("С чего начать?")
            && page.contains("Сверху вниз"),
        "{page}"
    );
    cand.post_form(
        &format!("/candidate/tests/{a}/submit"),
        &[(&format!("q{question}"), "1")],
    )
    .await;
    assert_eq!(
        app.count(&format!(
            "SELECT score_bp FROM test_assignments WHERE id = {a} AND status = 'graded'"
        )),
        10_000,
        "the second option is right in any language"
    );
}

#[tokio::test]
async fn with_english_and_russian_both_are_required_and_each_reader_sees_their_own() {
    let app = spawn_app().await;
    app.set_business("languages", "en,ru");
    let (manager, _) = app.login_as("manager").await;

    let missing = manager
        .post_form(
            "/manage/tests",
            &[("title_ru", "Только по-русски"), ("minutes", "10")],
        )
        .await;
    assert_eq!(flash(&missing), "error:flash-test-invalid");
    let path = build_test(
        &manager,
        &[
            ("title_en", "Cleaning basics"),
            ("title_ru", "Основы уборки"),
        ],
        &[
            ("prompt_en", "Where to start?"),
            ("prompt_ru", "С чего начать?"),
            ("options_en", "The floor\nTop to bottom"),
            ("options_ru", "С пола\nСверху вниз"),
        ],
    )
    .await;
    let one_sided = manager
        .post_form(
            &format!("{path}/questions"),
            &[
                ("kind", "free_text"),
                ("points", "1"),
                ("prompt_en", "Why?"),
            ],
        )
        .await;
    assert_eq!(
        one_sided.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "Russian is required too"
    );

    let (_, english) = manager.get_html(&path).await;
    assert_eq!(text(&english, "h1"), "Cleaning basics");
    assert!(text(&english, "fieldset.question-preview").contains("Top to bottom"));
    manager.post_form("/lang", &[("lang", "ru")]).await;
    let (_, russian) = manager.get_html(&path).await;
    assert_eq!(text(&russian, "h1"), "Основы уборки");
    assert!(text(&russian, "fieldset.question-preview").contains("Сверху вниз"));
}
