//! The skills list the business keeps: admins add, rename, retire and restore skills (each
//! audited; a skill a service needs is not retired), services and workers choose from the
//! list and show skills by name, and whatever would leave work waiting for nobody is
//! flagged: a service nobody on duty can do, a worker not set up for jobs.

use reqwest::StatusCode;
use scraper::Selector;
use whiskerworks::catalogue::model::skills::SkillNames;
use whiskerworks::catalogue::store::skills;

use crate::helpers::*;
use crate::matching::make_available;
use crate::order_helpers::*;

/// Lists a skill behind the app's back, as set-up would; its id.
pub fn list_skill(app: &TestApp, code: &str, en: &str, ru: &str) -> i64 {
    let names = SkillNames {
        name_en: en.into(),
        name_ru: ru.into(),
    };
    app.write(|tx| skills::insert(tx, code, &names))
        .expect("a new code")
}

fn skill_row(app: &TestApp, code: &str) -> (String, String, bool) {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT name_en, name_ru, active FROM skills WHERE code = ?1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// The flash a redirect leads to.
async fn flash_after(client: &TestClient, res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = client.get_html(&location(&res)).await;
    text(&html, ".flash")
}

fn values(html: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .filter_map(|e| e.value().attr("value").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn admins_keep_the_skills_list_and_each_change_is_audited() {
    let app = spawn_app().await;
    let w = world(&app).await; // its service needs "cleaning", listed by the trigger
    let (admin, _) = app.login_as("admin").await;
    let (_, page) = admin.get_html("/admin/skills").await;
    assert!(text(&page, "#skill-cleaning").contains("Deep cleaning"));

    let added = [
        ("code", "mouse-patrol"),
        ("name_en", "Mouse patrol"),
        ("name_ru", "Мышиный патруль"),
    ];
    let res = admin.post_form("/admin/skills", &added).await;
    assert_eq!(location(&res), "/admin/skills");
    let flash = flash_after(&admin, admin.post_form("/admin/skills", &added).await).await;
    assert!(flash.contains("already a skill"), "{flash}");
    let res = admin
        .post_form(
            "/admin/skills",
            &[("code", "Mouse Patrol!"), ("name_en", "M")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("SELECT COUNT(*) FROM skills"), 2);

    let cleaning = app.count("SELECT id FROM skills WHERE code = 'cleaning'");
    let names = [("name_en", "Cleaning"), ("name_ru", "Уборка")];
    admin
        .post_form(&format!("/admin/skills/{cleaning}"), &names)
        .await;
    assert_eq!(
        skill_row(&app, "cleaning"),
        ("Cleaning".into(), "Уборка".into(), true)
    );

    // A skill the service needs stays; one nobody needs is retired and restored.
    let res = admin
        .post_form(
            &format!("/admin/skills/{cleaning}/active"),
            &[("active", "0")],
        )
        .await;
    let flash = flash_after(&admin, res).await;
    assert!(flash.contains("still needed by a service"), "{flash}");
    assert!(skill_row(&app, "cleaning").2, "not retired");
    let mice = app.count("SELECT id FROM skills WHERE code = 'mouse-patrol'");
    let active = |v| [("active", v)];
    admin
        .post_form(&format!("/admin/skills/{mice}/active"), &active("0"))
        .await;
    assert!(!skill_row(&app, "mouse-patrol").2, "retired");
    admin
        .post_form(&format!("/admin/skills/{mice}/active"), &active("1"))
        .await;
    assert!(skill_row(&app, "mouse-patrol").2, "restored");

    let audited = app.count(
        "SELECT COUNT(*) FROM audit_log WHERE action IN
           ('skill.add', 'skill.rename', 'skill.retire', 'skill.restore')",
    );
    assert_eq!(audited, 4, "each change once; refusals change nothing");
    let (_, audit) = admin.get_html("/admin/audit?action=skill.").await;
    let shown = text(&audit, "main");
    assert!(
        shown.contains("Skill renamed") && shown.contains("Уборка"),
        "{shown}"
    );

    // Managers use the list; only admins keep it.
    let res = w.manager.get("/admin/skills").await;
    assert_ne!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_service_form_chooses_its_skill_from_the_list() {
    let app = spawn_app().await;
    list_skill(&app, "cleaning", "Cleaning", "Уборка");
    let windows = list_skill(&app, "windows", "Window washing", "Мойка окон");
    app.write(|tx| skills::set_active(tx, windows, false));
    let (manager, manager_id) = app.login_as("manager").await;
    let (_, form) = manager.get_html("/manage/services/new").await;
    assert_eq!(
        values(&form, "select[name=skill] option[value]"),
        ["", "cleaning"]
    );
    assert!(text(&form, "select[name=skill]").contains("Cleaning"));

    let service = |skill| {
        [
            ("code", "carpet"),
            ("name_en", "Carpet"),
            ("name_ru", "Ковры"),
            ("duration_minutes", "60"),
            ("base_price", "1500"),
            ("skill", skill),
        ]
    };
    for typo in ["cleening", "windows"] {
        let res = manager
            .post_form("/manage/services/new", &service(typo))
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{typo}");
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Choose a skill from the list")
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM services"), 0);
    let res = manager
        .post_form("/manage/services/new", &service("cleaning"))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // The list shows the skill by name, in the reader's language.
    app.write(|tx| {
        tx.execute(
            "UPDATE users SET language = 'ru' WHERE id = ?1",
            [manager_id],
        )
    });
    let (_, list) = manager.get_html("/manage/services").await;
    let row = text(&list, "tbody tr");
    assert!(row.contains("Уборка") && !row.contains("cleaning"), "{row}");
}

#[tokio::test]
async fn a_workers_skills_are_ticked_from_the_list_and_shown_by_name() {
    let app = spawn_app().await;
    list_skill(&app, "cleaning", "Cleaning", "Уборка");
    list_skill(&app, "windows", "Window washing", "Мойка окон");
    let (admin, _) = app.login_as("admin").await;
    let (worker, worker_id) = app.login_as("worker").await;
    let page = format!("/admin/users/{worker_id}");
    let (_, html) = admin.get_html(&page).await;
    let boxes = values(&html, "input[type=checkbox][name=skills]");
    assert_eq!(boxes, ["cleaning", "windows"]);

    let skills = format!("{page}/skills");
    let both = [("skills", "cleaning"), ("skills", "windows")];
    let flash = flash_after(&admin, admin.post_form(&skills, &both).await).await;
    assert!(flash.contains("Skills saved"), "{flash}");
    let held = "SELECT COUNT(*) FROM worker_skills WHERE user_id = ";
    assert_eq!(app.count(&format!("{held}{worker_id}")), 2);
    let typo = [("skills", "cleaning"), ("skills", "windos")];
    let flash = flash_after(&admin, admin.post_form(&skills, &typo).await).await;
    assert!(flash.contains("from the list"), "{flash}");
    assert_eq!(app.count(&format!("{held}{worker_id}")), 2, "unchanged");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.skills'"),
        1
    );

    let (_, mine) = worker.get_html("/worker/availability").await;
    let shown = text(&mine, "main");
    assert!(shown.contains("Cleaning, Window washing"), "{shown}");
}

#[tokio::test]
async fn a_service_nobody_on_duty_can_do_is_flagged_until_someone_can() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let link = format!("a[href='/manage/services/{}']", w.service_id);
    let flagged = |html: &scraper::Html, selector: &str| {
        html.select(&Selector::parse(selector).unwrap())
            .next()
            .is_some()
    };
    let page = format!("/manage/services/{}", w.service_id);
    let dashboard_link = format!("section[data-flag=uncovered] {link}");
    let check = async |expected: bool| {
        let (_, list) = w.manager.get_html("/manage/services").await;
        assert_eq!(flagged(&list, "mark[data-flag=uncovered]"), expected);
        let (_, editor) = w.manager.get_html(&page).await;
        assert_eq!(flagged(&editor, "[data-flag=uncovered]"), expected);
        let (_, dashboard) = w.manager.get_html("/manage").await;
        assert_eq!(flagged(&dashboard, &dashboard_link), expected);
    };
    check(true).await;
    make_available(&app, w.worker_id);
    check(false).await;
    app.write(|tx| {
        whiskerworks::matching::store::availability::set_on_duty(tx, w.worker_id, false)
    });
    check(true).await;
}

#[tokio::test]
async fn a_worker_not_set_up_for_jobs_is_flagged_for_admins_and_managers() {
    let app = spawn_app().await;
    let w = world(&app).await;
    give_skills(&app, w.worker_id, &[]);
    let (admin, _) = app.login_as("admin").await;
    let gaps = async |client: &TestClient, path: &str| {
        let (_, html) = client.get_html(path).await;
        let sel = Selector::parse("[data-gap]").unwrap();
        html.select(&sel)
            .filter_map(|e| e.value().attr("data-gap").map(str::to_string))
            .collect::<Vec<_>>()
    };
    let admin_page = format!("/admin/users/{}", w.worker_id);
    let manager_page = format!("/manage/workers/{}", w.worker_id);
    let all = [
        "gap-no-skills",
        "gap-no-hours",
        "gap-off-duty",
        "gap-no-payout-card",
    ];
    assert_eq!(gaps(&admin, &admin_page).await, all);
    assert_eq!(gaps(&w.manager, &manager_page).await, all);
    assert_eq!(gaps(&w.manager, "/manage/workers").await, all);

    make_available(&app, w.worker_id);
    assert_eq!(gaps(&admin, &admin_page).await, ["gap-no-payout-card"]);
    add_card(&w.worker, "/worker/earnings/card", "4242 4242 4242 4242").await;
    assert!(gaps(&admin, &admin_page).await.is_empty());
    assert!(gaps(&w.manager, &manager_page).await.is_empty());
    assert!(gaps(&w.manager, "/manage/workers").await.is_empty());
}
