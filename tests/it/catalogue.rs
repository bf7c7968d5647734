//! The catalogue editor and the client profile.

use reqwest::StatusCode;

use crate::helpers::*;
use crate::order_helpers::*;

#[tokio::test]
async fn a_manager_builds_a_service_that_clients_then_see() {
    let app = spawn_app().await;
    crate::skills::list_skill(&app, "cleaning", "Cleaning", "Уборка");
    let (manager, _) = app.login_as("manager").await;
    let fields = [
        ("code", "carpet"),
        ("name_en", "Carpet cleaning"),
        ("name_ru", "Чистка ковров"),
        ("duration_minutes", "60"),
        ("base_price", "1500.50"),
        ("skill", "cleaning"),
    ];

    let res = manager.post_form("/manage/services/new", &fields).await;

    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let path = location(&res);
    manager
        .post_form(
            &format!("{path}/options"),
            &[
                ("name_en", "Stain removal"),
                ("name_ru", "Пятна"),
                ("price", "300"),
            ],
        )
        .await;
    manager
        .post_form(
            &format!("{path}/checklist"),
            &[
                ("text_en", "Carpet vacuumed"),
                ("text_ru", "Ковёр пропылесосен"),
            ],
        )
        .await;
    assert_eq!(
        app.count("SELECT base_price_minor FROM services WHERE code = 'carpet'"),
        150_050
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM service_options"), 1);
    let (_, html) = app.client().get_html("/services").await;
    assert!(text(&html, ".service-card").contains("Carpet cleaning"));

    manager
        .post_form(&format!("{path}/active"), &[("active", "0")])
        .await;
    let (_, html) = app.client().get_html("/services").await;
    assert!(
        !text(&html, "main").contains("Carpet cleaning"),
        "inactive services are not offered"
    );
}

#[tokio::test]
async fn bad_service_fields_are_explained_and_a_taken_code_refused() {
    let app = spawn_app().await;
    crate::skills::list_skill(&app, "cleaning", "Cleaning", "Уборка");
    let (manager, _) = app.login_as("manager").await;
    let good = [
        ("code", "carpet"),
        ("name_en", "Carpet"),
        ("name_ru", "Ковры"),
        ("duration_minutes", "60"),
        ("base_price", "1500"),
        ("skill", "cleaning"),
    ];
    manager.post_form("/manage/services/new", &good).await;

    let res = manager
        .post_form(
            "/manage/services/new",
            &[
                ("code", "Carpet!"),
                ("name_en", ""),
                ("name_ru", "Ковры"),
                ("duration_minutes", "7"),
                ("base_price", "-1"),
                ("skill", "cleaning"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("lowercase letters")
            && body.contains("steps of 15")
            && body.contains("like 4500")
    );

    let res = manager.post_form("/manage/services/new", &good).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("already used"));
    assert_eq!(app.count("SELECT COUNT(*) FROM services"), 1);
}

#[tokio::test]
async fn a_client_keeps_addresses_with_one_default() {
    let app = spawn_app().await;
    let (client, client_id) = app.login_as("client").await;

    client
        .post_form(
            "/client/profile/addresses",
            &[
                ("label", "Home"),
                ("address", "1 Main St"),
                ("access_notes", ""),
            ],
        )
        .await;
    client
        .post_form(
            "/client/profile/addresses",
            &[
                ("label", "Office"),
                ("address", "2 Work Ave"),
                ("access_notes", "Floor 3"),
            ],
        )
        .await;
    let office = app.count("SELECT id FROM client_addresses WHERE label = 'Office'");
    client
        .post_form(&format!("/client/profile/addresses/{office}/default"), &[])
        .await;

    assert_eq!(
        app.count(&format!(
            "SELECT id FROM client_addresses WHERE client_id = {client_id} AND is_default = 1"
        )),
        office
    );
    client
        .post_form(&format!("/client/profile/addresses/{office}/remove"), &[])
        .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM client_addresses WHERE active = 1 AND is_default = 1 AND label = 'Home'"), 1, "the other becomes the default");

    let (other, _) = app.login_as("client").await;
    let home = app.count("SELECT id FROM client_addresses WHERE label = 'Home'");
    assert_eq!(
        other
            .post_form(&format!("/client/profile/addresses/{home}/remove"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_client_can_favour_or_block_only_workers_who_served_them() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let stranger = app.create_user("worker", "stranger@example.com");
    assert_eq!(
        w.client
            .post_form(
                &format!("/client/profile/workers/{stranger}"),
                &[("kind", "favourite")]
            )
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let id = place_order(&app, &w).await;
    let worker = w.worker_id.to_string();
    w.manager
        .post_form(
            &format!("/manage/orders/{id}/assign"),
            &[("worker", &worker)],
        )
        .await;
    w.client
        .post_form(
            &format!("/client/profile/workers/{}", w.worker_id),
            &[("kind", "blocked")],
        )
        .await;

    assert_eq!(
        app.count("SELECT COUNT(*) FROM client_worker_preferences WHERE kind = 'blocked'"),
        1
    );
    let (_, html) = w.client.get_html("/client/profile").await;
    assert!(text(&html, "main").contains("blocked"));
}
