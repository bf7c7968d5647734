//! A business makes the app its own in Chromium, from an empty folder: the first-run link,
//! its settings (name, Russian only, its time zone, its commission), a skill, a service with
//! its bill of materials, a consumable, a screening test, an invited worker; then a client
//! orders and the job is matched and packed. Every page and mail on the way names the
//! company, reads Russian only, shows the business's local time and the worker's 75 % share.
#![cfg(feature = "browser")]

use fantoccini::Client;

use crate::browser::*;
use crate::helpers::*;

const COMPANY: &str = "Acme Cleaning";

/// The page now shown reads as the company's, in Russian only.
async fn reads_as_the_company_in_russian(c: &Client, step: &str) {
    let seen = c
        .execute(
            "return [document.documentElement.lang, document.title, document.body.innerText,
                     !!document.querySelector('.lang-switch')];",
            vec![],
        )
        .await
        .unwrap();
    let (lang, title, text) = (
        seen[0].as_str().unwrap(),
        seen[1].as_str().unwrap(),
        seen[2].as_str().unwrap(),
    );
    assert_eq!(lang, "ru", "{step}: the page is in Russian");
    assert!(
        title.contains(COMPANY),
        "{step}: the title names the company: {title}"
    );
    assert!(text.contains(COMPANY), "{step}: the page names the company");
    assert!(
        !text.contains("Whiskerworks"),
        "{step}: no other company's name: {text}"
    );
    for english in ["Log out", "Settings", "Orders"] {
        assert!(
            !text.contains(english),
            "{step}: English `{english}` on a Russian-only page"
        );
    }
    assert_eq!(
        seen[3],
        serde_json::json!(false),
        "{step}: no language to switch to"
    );
}

async fn confirm_dialogs(c: &Client) {
    c.execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
}

async fn set_value(c: &Client, css: &str, value: &str) {
    c.execute(
        "document.querySelector(arguments[0]).value = arguments[1];",
        vec![css.into(), value.into()],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_business_sets_itself_up_from_an_empty_folder_and_runs_its_first_job() {
    let app = spawn_app().await;
    let token = {
        let mut conn = app.state.pool.get().unwrap();
        whiskerworks::auth::service::setup::renew(&mut conn, app.clock_now())
            .unwrap()
            .expect("no admin yet: a set-up link")
    };
    let driver = start_chromedriver();
    let base = app.base.clone();

    // The owner: the first admin, then the business's settings.
    let owner = browser(&driver, 1280, 900).await;
    visit(&owner, &format!("{base}/setup?token={token}")).await;
    fill(&owner, "input[name=name]", "Ольга Владелец").await;
    fill(&owner, "input[name=email]", "owner@acme.example").await;
    fill(&owner, "input[name=password]", "acme cleaning 2026").await;
    click(&owner, "form[action='/setup'] button[type=submit]").await;
    wait_for(&owner, "input[name=company_name]").await;
    save_screenshot(&owner, "first-run-settings").await;
    fill(&owner, "input[name=company_name]", COMPANY).await;
    click(&owner, "input[name=language][value=en]").await;
    set_value(&owner, "select[name=first_language]", "ru").await;
    fill(&owner, "input[name=time_zone]", "Asia/Yekaterinburg").await;
    fill(&owner, "input[name=commission]", "25").await;
    // The shipped pickup point is not offered as the business's own.
    let shipped = owner
        .execute(
            "return document.querySelector('textarea[name=pickup_points]').value;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shipped, serde_json::json!(""));
    fill(
        &owner,
        "textarea[name=pickup_points]",
        "Склад, ул. Заводская, 3",
    )
    .await;
    confirm_dialogs(&owner).await;
    click(&owner, "form[action='/admin/settings'] button[type=submit]").await;
    // The time zone and the owner's own English are said first, then confirmed.
    wait_for(&owner, "input[name=confirmed]").await;
    save_screenshot(&owner, "first-run-settings-confirm").await;
    confirm_dialogs(&owner).await;
    click(&owner, "form[action='/admin/settings'] button[type=submit]").await;
    wait_for(&owner, ".flash.success").await;
    reads_as_the_company_in_russian(&owner, "next steps").await;
    let settings = app.state.settings();
    assert_eq!(settings.business.company_name, COMPANY);
    assert_eq!(settings.time_zone, chrono_tz::Asia::Yekaterinburg);

    // A skill, a consumable, a service that needs both, and a test: Russian only.
    visit(&owner, &format!("{base}/admin/skills")).await;
    assert!(
        owner
            .find(fantoccini::Locator::Css(
                "form[action='/admin/skills'] input[name=name_en]:not([type=hidden])"
            ))
            .await
            .is_err()
    );
    fill(
        &owner,
        "form[action='/admin/skills'] input[name=code]",
        "cleaning",
    )
    .await;
    fill(
        &owner,
        "form[action='/admin/skills'] input[name=name_ru]",
        "Уборка",
    )
    .await;
    click(&owner, "form[action='/admin/skills'] button[type=submit]").await;
    wait_for(&owner, ".flash.success").await;
    reads_as_the_company_in_russian(&owner, "skills").await;

    visit(&owner, &format!("{base}/manage/stock")).await;
    fill(
        &owner,
        "form[action='/manage/stock'] input[name=sku]",
        "SOAP-1",
    )
    .await;
    fill(
        &owner,
        "form[action='/manage/stock'] input[name=name_ru]",
        "Моющее средство",
    )
    .await;
    fill(
        &owner,
        "form[action='/manage/stock'] input[name=unit_ru]",
        "шт.",
    )
    .await;
    fill(
        &owner,
        "form[action='/manage/stock'] input[name=reorder_level]",
        "2",
    )
    .await;
    fill(
        &owner,
        "form[action='/manage/stock'] input[name=opening]",
        "10",
    )
    .await;
    click(&owner, "form[action='/manage/stock'] button[type=submit]").await;
    wait_for(&owner, ".flash.success").await;
    reads_as_the_company_in_russian(&owner, "stock").await;

    visit(&owner, &format!("{base}/manage/services/new")).await;
    fill(&owner, "input[name=name_ru]", "Генеральная уборка").await;
    fill(
        &owner,
        "textarea[name=description_ru]",
        "Вся квартира, от пола до потолка",
    )
    .await;
    fill(&owner, "input[name=code]", "deep-clean").await;
    set_value(&owner, "select[name=skill]", "cleaning").await;
    fill(&owner, "input[name=duration_minutes]", "120").await;
    fill(&owner, "input[name=base_price]", "3000").await;
    click(
        &owner,
        "form[action='/manage/services/new'] button[type=submit]",
    )
    .await;
    wait_for(&owner, ".flash.success").await;
    let service = app.count("SELECT id FROM services WHERE code = 'deep-clean'");
    visit(&owner, &format!("{base}/manage/services/{service}")).await;
    let bom = format!("form[action='/manage/services/{service}/materials']");
    fill(&owner, &format!("{bom} input[name=quantity]"), "1").await;
    click(&owner, &format!("{bom} button[type=submit]")).await;
    wait_for(&owner, ".flash.success").await;
    reads_as_the_company_in_russian(&owner, "service").await;

    visit(&owner, &format!("{base}/manage/tests")).await;
    fill(
        &owner,
        "form[action='/manage/tests'] [name=title_ru]",
        "Основы уборки",
    )
    .await;
    click(&owner, "form[action='/manage/tests'] button[type=submit]").await;
    wait_for(&owner, "form[action$='/questions']").await;
    fill(
        &owner,
        "form[action$='/questions'] [name=prompt_ru]",
        "Чем протирают стекло?",
    )
    .await;
    fill(
        &owner,
        "form[action$='/questions'] [name=options_ru]",
        "Сухой тряпкой\nГазетой",
    )
    .await;
    fill(&owner, "form[action$='/questions'] [name=correct]", "1").await;
    click(&owner, "form[action$='/questions'] button[type=submit]").await;
    wait_for(&owner, ".flash.success").await;
    reads_as_the_company_in_russian(&owner, "test").await;
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM screening_tests WHERE title_ru = 'Основы уборки' AND title = ''"
        ),
        1
    );

    // A worker, invited by email, who gets the skill and sets their hours on a phone.
    visit(&owner, &format!("{base}/admin/invitations")).await;
    fill(
        &owner,
        "form[action='/admin/invitations'] input[name=email]",
        "ivan@acme.example",
    )
    .await;
    fill(
        &owner,
        "form[action='/admin/invitations'] input[name=name]",
        "Иван Петров",
    )
    .await;
    set_value(
        &owner,
        "form[action='/admin/invitations'] select[name=role]",
        "worker",
    )
    .await;
    click(
        &owner,
        "form[action='/admin/invitations'] button[type=submit]",
    )
    .await;
    wait_for(&owner, ".flash.success").await;
    app.drain().await;
    let link = app.token_links("ivan@acme.example", "/invite").remove(0);
    let worker = browser(&driver, 360, 740).await;
    visit(&worker, &format!("{base}{link}")).await;
    reads_as_the_company_in_russian(&worker, "invitation").await;
    fill(&worker, "input[name=password]", "ivan works hard").await;
    click(&worker, "form[action='/invite'] button[type=submit]").await;
    wait_for(&worker, "form[action='/logout']").await;
    let worker_id = app.count("SELECT id FROM users WHERE email = 'ivan@acme.example'");
    visit(&owner, &format!("{base}/admin/users/{worker_id}")).await;
    click(&owner, "input[name=skills][value=cleaning]").await;
    click(
        &owner,
        &format!("form[action='/admin/users/{worker_id}/skills'] button[type=submit]"),
    )
    .await;
    wait_for(&owner, ".flash.success").await;
    visit(&worker, &format!("{base}/worker/availability")).await;
    click(&worker, "form[action='/worker/availability/duty'] button").await;
    wait_for(&worker, ".flash.success").await;
    for day in 1..=7 {
        let tick = format!("input[name=day{day}]");
        let ticked = worker
            .find(fantoccini::Locator::Css(&tick))
            .await
            .unwrap()
            .prop("checked")
            .await
            .unwrap();
        if ticked.as_deref() != Some("true") {
            click(&worker, &tick).await;
        }
    }
    click(
        &worker,
        "form[action='/worker/availability/hours'] button[type=submit]",
    )
    .await;
    wait_for(&worker, ".flash.success").await;
    reads_as_the_company_in_russian(&worker, "availability").await;

    // A client registers, gives a card and orders for 11:00 tomorrow, local time.
    let client = browser(&driver, 1280, 900).await;
    visit(&client, &format!("{base}/register")).await;
    reads_as_the_company_in_russian(&client, "register").await;
    fill(&client, "input[name=name]", "Мария Клиент").await;
    fill(&client, "input[name=email]", "maria@acme.example").await;
    fill(&client, "input[name=password]", "maria orders often").await;
    click(&client, "form[action='/register'] button[type=submit]").await;
    wait_for(&client, "form[action='/logout']").await;
    visit(
        &client,
        &format!("{base}/client/orders/new?service={service}"),
    )
    .await;
    fill(&client, "input[name=card_number]", "4242 4242 4242 4242").await;
    fill(&client, "input[name=exp_month]", "12").await;
    fill(&client, "input[name=exp_year]", "2030").await;
    fill(&client, "input[name=cvc]", "123").await;
    click(&client, "#card form button[type=submit]").await;
    wait_for(&client, "form.order-form").await;
    reads_as_the_company_in_russian(&client, "order form").await;
    let tomorrow = crate::order_helpers::tomorrow(&app);
    set_value(&client, "input[name=date]", &tomorrow).await;
    set_value(&client, "input[name=time]", "11:00").await;
    if client
        .find(fantoccini::Locator::Css("select[name=address]"))
        .await
        .is_ok()
    {
        set_value(&client, "select[name=address]", "new").await;
    }
    fill(&client, "input[name=new_address]", "ул. Ленина, 5, кв. 12").await;
    click(&client, "form.order-form button[type=submit]").await;
    wait_for(&client, ".flash.success").await;
    reads_as_the_company_in_russian(&client, "order page").await;
    let order = app.count("SELECT MAX(id) FROM orders");
    let at: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT scheduled_at FROM orders WHERE id = ?1",
            [order],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        at.contains("06:00:00"),
        "11:00 in Yekaterinburg is 06:00 UTC: {at}"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT commission_bp FROM orders WHERE id = {order}"
        )),
        2500
    );

    // Matched to the worker, who sees their 75 % and accepts; the kit is packed.
    app.drain().await;
    assert_eq!(crate::order_helpers::status_of(&app, order), "offered");
    visit(&worker, &format!("{base}/worker")).await;
    let offer = wait_for(&worker, ".offer").await.text().await.unwrap();
    assert!(
        offer.contains("11:00"),
        "the business's local time: {offer}"
    );
    assert!(
        offer.contains("(75 %)") && offer.contains("2 250"),
        "the worker's share: {offer}"
    );
    reads_as_the_company_in_russian(&worker, "offer").await;
    save_screenshot(&worker, "first-run-offer-phone").await;
    click(
        &worker,
        &format!("form[action='/worker/jobs/{order}/accept'] button"),
    )
    .await;
    wait_for(&worker, ".kit").await;
    app.drain().await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM packs WHERE order_id = {order} AND status = 'packed'"
        )),
        1
    );
    worker.refresh().await.unwrap();
    let kit = wait_for(&worker, ".kit").await.text().await.unwrap();
    assert!(
        kit.contains("Моющее средство") && kit.contains("шт."),
        "the kit in Russian: {kit}"
    );
    assert!(
        kit.contains("Склад, ул. Заводская, 3"),
        "the business's pickup point: {kit}"
    );
    reads_as_the_company_in_russian(&worker, "kit").await;
    save_screenshot(&worker, "first-run-kit-phone").await;

    // Every mail of the way: both parts name the company, in Russian, never Whiskerworks.
    let mails = app.mail_files();
    assert!(
        mails.len() >= 3,
        "the invitation and the order's mails: {}",
        mails.len()
    );
    let mut local_time = false;
    for raw in &mails {
        let parsed = mailparse::parse_mail(raw.as_bytes()).unwrap();
        let both = crate::html_mail::alternative(&parsed).expect("multipart/alternative");
        let bodies: Vec<String> = both
            .subparts
            .iter()
            .map(|p| p.get_body().unwrap())
            .collect();
        assert_eq!(bodies.len(), 2, "text and HTML");
        for body in &bodies {
            assert!(body.contains(COMPANY), "a mail names the company: {body}");
            assert!(!body.contains("Whiskerworks"), "{body}");
        }
        assert!(
            bodies[1].contains("lang=\"ru\""),
            "the HTML part is Russian"
        );
        local_time |= bodies.iter().all(|b| b.contains("11:00"));
    }
    assert!(
        local_time,
        "the order's mails give its time in the business's zone"
    );
}
