//! Applications: `/apply` creates a candidate who can log in and follow their application.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

#[tokio::test]
async fn anyone_can_apply_and_then_follow_the_application() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let visitor = app.client();
    let skill = w.service_id.to_string();

    let res = visitor
        .post_form(
            "/apply",
            &[
                ("name", "Murka the Cat"),
                ("email", "murka@example.com"),
                ("password", PASSWORD),
                ("phone", "+7 999 123-45-67"),
                ("skills", &skill),
                ("about", "Ten years of mousing"),
            ],
        )
        .await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/candidate");
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM users WHERE email = 'murka@example.com' AND role = 'candidate'"
        ),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM candidates WHERE status = 'applied'"),
        1
    );
    let (status, page) = visitor.get_html("/candidate").await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&page, "main").contains("Deep cleaning"));
    let (_, list) = w.manager.get_html("/manage/candidates").await;
    assert!(text(&list, "tbody").contains("murka@example.com"));
    // And later, from another device, with the password chosen on the form.
    assert_eq!(
        app.client()
            .login("murka@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_bad_application_is_explained_and_creates_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let visitor = app.client();
    app.create_user("client", "taken@example.com");

    let res = visitor
        .post_form(
            "/apply",
            &[
                ("name", "X"),
                ("email", "nope"),
                ("password", "short"),
                ("phone", "call me"),
                ("skills", "999999"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    for message in [
        "valid email",
        "at least 8",
        "phone number",
        "at least one service",
    ] {
        assert!(body.contains(message), "says: {message}");
    }
    let skill = w.service_id.to_string();
    let taken = visitor
        .post_form(
            "/apply",
            &[
                ("name", "X"),
                ("email", "taken@example.com"),
                ("password", PASSWORD),
                ("phone", "12345"),
                ("skills", &skill),
            ],
        )
        .await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("SELECT COUNT(*) FROM candidates"), 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE role = 'candidate'"),
        0
    );
}

#[tokio::test]
async fn a_manager_builds_a_test_with_every_kind_of_question() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    let res = manager
        .post_form(
            "/manage/tests",
            &[
                ("title_en", "Mousing basics"),
                ("title_ru", "Основы ловли мышей"),
                ("instructions_en", "Answer honestly."),
                ("minutes", "15"),
            ],
        )
        .await;
    let path = location(&res);
    assert!(path.starts_with("/manage/tests/"));
    let questions: [&[(&str, &str)]; 4] = [
        &[
            ("kind", "single_choice"),
            ("prompt_en", "Best time to hunt?"),
            ("prompt_ru", "Лучшее время для охоты?"),
            ("points", "2"),
            ("options_en", "Noon\nDusk\nNever"),
            ("options_ru", "Полдень\nСумерки\nНикогда"),
            ("correct", "2"),
        ],
        &[
            ("kind", "multiple_choice"),
            ("prompt_en", "Which are rodents?"),
            ("prompt_ru", "Кто из них грызуны?"),
            ("points", "3"),
            ("options_en", "Mouse\nRat\nSparrow"),
            ("options_ru", "Мышь\nКрыса\nВоробей"),
            ("correct", "1, 2"),
        ],
        &[
            ("kind", "numeric"),
            ("prompt_en", "How many lives has a cat?"),
            ("prompt_ru", "Сколько жизней у кошки?"),
            ("points", "1"),
            ("answer", "9"),
            ("tolerance", "0"),
        ],
        &[
            ("kind", "free_text"),
            ("prompt_en", "Describe your best catch."),
            ("prompt_ru", "Опишите свой лучший улов."),
            ("points", "4"),
        ],
    ];
    for q in questions {
        assert_eq!(
            manager
                .post_form(&format!("{path}/questions"), q)
                .await
                .status(),
            StatusCode::SEE_OTHER
        );
    }

    let (_, page) = manager.get_html(&path).await;
    assert_eq!(
        scraper::Selector::parse("article.question")
            .map(|s| page.select(&s).count())
            .unwrap(),
        4
    );
    assert!(text(&page, "h2").contains("10 points in all"));

    let bad = manager
        .post_form(
            &format!("{path}/questions"),
            &[
                ("kind", "single_choice"),
                ("prompt_en", "?"),
                ("prompt_ru", "?"),
                ("points", "1"),
                ("options_en", "A\nB"),
                ("options_ru", "А\nБ"),
                ("correct", "1, 2"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("one for single choice"));
    assert_eq!(app.count("SELECT COUNT(*) FROM screening_questions"), 4);

    let last = app.count("SELECT MAX(id) FROM screening_questions");
    manager
        .post_form(&format!("{path}/questions/{last}/up"), &[])
        .await;
    let order: String = app.state.pool.get().unwrap()
        .query_row("SELECT group_concat(id) FROM (SELECT id FROM screening_questions ORDER BY position, id)", [], |r| r.get(0)).unwrap();
    assert!(
        order.ends_with(&format!("{last},{}", last - 1)),
        "moved up: {order}"
    );

    let (candidate, _) = app.login_as("candidate").await;
    assert_eq!(candidate.get(&path).await.status(), StatusCode::FORBIDDEN);
}
