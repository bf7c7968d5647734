//! `/admin/settings`: saved values are checked, audited, numbered and live at once; the
//! file and environment win and show locked; the currency is fixed after the first posting;
//! a time zone change and moving people off a language are confirmed first; the commission
//! applies to orders placed after the change.

use reqwest::StatusCode;
use whiskerworks::config::{Overrides, Settings};

use crate::helpers::*;
use crate::order_helpers::*;

/// The form as the page sends it today, with `changes` over it.
fn form<'a>(app: &TestApp, changes: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    let s = app.state.settings();
    let mut fields: Vec<(String, String)> = whiskerworks::config::business::KEYS
        .iter()
        .filter(|k| **k != "languages" && **k != "bets")
        .map(|k| (k.to_string(), s.form_value(k)))
        .collect();
    fields.push(("commission".into(), "20".into()));
    fields.push(("bets_shown".into(), "1".into()));
    fields.push(("bets".into(), "on".into()));
    for lang in &s.business.languages {
        fields.push(("language".into(), lang.code().into()));
    }
    fields.push((
        "first_language".into(),
        s.business.first_language().code().into(),
    ));
    for (k, v) in changes {
        fields.retain(|(name, _)| name != k || *k == "language");
        fields.push((k.to_string(), v.to_string()));
    }
    fields
}

/// The confirmation a warnings page carries.
fn confirmation(body: &str) -> String {
    let page = scraper::Html::parse_document(body);
    first_attr(&page, "input[name=confirmed]", "value").expect("a confirmation to give")
}

async fn save(client: &TestClient, fields: &[(String, String)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post_form("/admin/settings", &pairs).await
}

#[tokio::test]
async fn a_save_is_checked_audited_numbered_and_live_at_once() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    let (status, page) = admin.get_html("/admin/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        first_attr(&page, "input[name=company_name]", "value").as_deref(),
        Some("Whiskerworks")
    );

    // An invalid value changes nothing and says which field, in the user's language.
    let res = save(
        &admin,
        &form(&app, &[("max_days_ahead", "999"), ("company_name", "Acme")]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Use a number of days from 1 to 366."),
        "{body}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM app_settings"), 0);
    assert_eq!(app.state.settings().business.company_name, "Whiskerworks");

    let res = save(
        &admin,
        &form(
            &app,
            &[
                ("company_name", "Acme Cleaning"),
                ("max_days_ahead", "30"),
                ("commission", "25"),
            ],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let now = app.state.settings();
    assert_eq!(now.business.company_name, "Acme Cleaning");
    assert_eq!(now.orders.max_days_ahead, 30);
    assert_eq!(app.count("SELECT COUNT(*) FROM app_settings_versions"), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM app_settings WHERE version = 1"),
        2
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.business' AND details LIKE '%Acme Cleaning%' AND details LIKE '%commission_percent%'"),
        1
    );
    assert_eq!(
        app.count("SELECT commission_bp FROM billing_settings ORDER BY id DESC LIMIT 1"),
        2500
    );
    let (_, page) = admin.get_html("/admin/settings").await;
    let text = page.root_element().text().collect::<String>();
    assert!(
        text.contains("Workers keep 75 %"),
        "the worker's share follows the commission"
    );
    assert!(text.contains("#1"), "the history lists the save");

    // The same form again changes nothing and makes no version.
    let res = save(&admin, &form(&app, &[("commission", "25")])).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("SELECT COUNT(*) FROM app_settings_versions"), 1);

    // Stored values survive a restart.
    let again = restart(&app).await;
    assert_eq!(
        again.state.settings().business.company_name,
        "Acme Cleaning"
    );
    assert_eq!(again.state.settings().orders.max_days_ahead, 30);
}

#[tokio::test]
async fn only_admins_reach_the_settings() {
    let app = spawn_app().await;
    let (manager, _) = app.login_as("manager").await;
    assert_eq!(
        manager.get("/admin/settings").await.status(),
        StatusCode::FORBIDDEN
    );
    let res = manager
        .post_form("/admin/settings", &[("company_name", "Mine")])
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM app_settings"), 0);
}

#[tokio::test]
async fn the_file_wins_and_shows_locked_with_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ww.toml");
    std::fs::write(&file, "time_zone = \"Asia/Tokyo\"\n").unwrap();
    let loaded = Settings::load_from(
        dir.path(),
        Some(&file),
        &Overrides::default(),
        "WWTEST_NONE_",
    )
    .unwrap();
    let app = spawn_app_with(move |s| {
        let mut from_file = loaded.clone();
        from_file.data_dir = s.data_dir.clone();
        from_file.bind = s.bind;
        from_file.jobs = false;
        from_file.log = s.log.clone();
        from_file.operations.backup_every = None;
        *s = from_file;
    })
    .await;
    let (admin, _) = app.login_as("admin").await;
    let (_, page) = admin.get_html("/admin/settings").await;
    assert!(first_attr(&page, "input[name=time_zone]", "disabled").is_some());
    let text = page.root_element().text().collect::<String>();
    assert!(
        text.contains(&format!("Set by file {}", file.display())),
        "{text}"
    );

    let res = save(
        &admin,
        &form(
            &app,
            &[("time_zone", "Europe/Paris"), ("company_name", "Acme")],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let now = app.state.settings();
    assert_eq!(now.time_zone, chrono_tz::Asia::Tokyo, "the file wins");
    assert_eq!(now.business.company_name, "Acme");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM app_settings WHERE key = 'time_zone'"),
        0
    );
}

#[tokio::test]
async fn a_time_zone_change_says_what_it_moves_before_it_is_saved() {
    let app = spawn_app().await;
    let w = world(&app).await;
    place_order(&app, &w).await;
    let (admin, _) = app.login_as("admin").await;
    let change = form(&app, &[("time_zone", "Asia/Yekaterinburg")]);
    let res = save(&admin, &change).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("One upcoming order keeps its moment"),
        "{body}"
    );
    assert!(body.contains("name=\"confirmed\""));
    assert_eq!(
        app.state.settings().time_zone,
        chrono_tz::Europe::Moscow,
        "nothing saved yet"
    );

    // A confirmation holds only for what it was shown: another zone is warned of again.
    let mut other = form(&app, &[("time_zone", "Asia/Tokyo")]);
    other.push(("confirmed".into(), confirmation(&body)));
    assert_eq!(save(&admin, &other).await.status(), StatusCode::OK);
    assert_eq!(app.state.settings().time_zone, chrono_tz::Europe::Moscow);

    let mut confirmed = change.clone();
    confirmed.push(("confirmed".into(), confirmation(&body)));
    assert_eq!(
        save(&admin, &confirmed).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.state.settings().time_zone,
        chrono_tz::Asia::Yekaterinburg
    );
}

#[tokio::test]
async fn dropping_a_language_moves_its_readers_after_a_confirmation() {
    let app = spawn_app().await;
    let (admin, admin_id) = app.login_as("admin").await;
    let only_ru = form(&app, &[("language", "ru"), ("first_language", "ru")]);
    let only_ru: Vec<(String, String)> = only_ru
        .into_iter()
        .filter(|(k, v)| !(k == "language" && v == "en"))
        .collect();
    let res = save(&admin, &only_ru).await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "English readers are asked about first"
    );
    let body = res.text().await.unwrap();
    assert!(body.contains("they will be moved to Русский"));

    let mut confirmed = only_ru.clone();
    confirmed.push(("confirmed".into(), confirmation(&body)));
    assert_eq!(
        save(&admin, &confirmed).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.state.settings().business.languages,
        [whiskerworks::i18n::Lang::Ru]
    );
    let lang: String = app
        .state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT language FROM users WHERE id = ?1",
            [admin_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lang, "ru");
    let (_, page) = admin.get_html("/admin/settings").await;
    let h1 = scraper::Selector::parse("h1").unwrap();
    assert_eq!(
        page.select(&h1).next().unwrap().text().collect::<String>(),
        "Настройки компании"
    );
}

#[tokio::test]
async fn the_currency_is_fixed_once_money_was_recorded() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    assert_eq!(
        save(&admin, &form(&app, &[("currency", "EUR")]))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.state.settings().currency, "EUR");
    app.write(|tx| {
        tx.execute(
            "INSERT INTO ledger_transactions (kind, idempotency_key, reference, memo, created_at)
             VALUES ('bonus', 'test-first-posting', 'test', '', '2026-03-02T09:00:00Z')",
            [],
        )
    });
    let res = save(&admin, &form(&app, &[("currency", "USD")])).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("The currency stays EUR"));
    assert_eq!(app.state.settings().currency, "EUR");
}

#[tokio::test]
async fn the_commission_applies_to_orders_placed_after_the_change() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let before = place_order(&app, &w).await;
    let (admin, _) = app.login_as("admin").await;
    let res = save(&admin, &form(&app, &[("commission", "25")])).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let after = place_order(&app, &w).await;
    let frozen = |id: i64| app.count(&format!("SELECT commission_bp FROM orders WHERE id = {id}"));
    assert_eq!((frozen(before), frozen(after)), (2000, 2500));
}

#[tokio::test]
async fn a_language_stays_while_something_is_written_in_it_alone() {
    let app = spawn_app().await;
    let (admin, _) = app.login_as("admin").await;
    app.write(|tx| {
        tx.execute(
            "INSERT INTO skills (code, name_en, name_ru, active) VALUES ('windows', '', 'Мытьё окон', 1)",
            [],
        )
    });
    let only_en: Vec<(String, String)> = form(&app, &[])
        .into_iter()
        .filter(|(k, v)| !(k == "language" && v == "ru"))
        .collect();
    let res = save(&admin, &only_en).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("“Мытьё окон” is written only in it"),
        "{body}"
    );
    assert_eq!(app.state.settings().business.languages.len(), 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM app_settings_versions"), 0);
}
