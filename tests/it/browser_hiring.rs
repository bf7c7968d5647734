//! Hiring in Chromium: a manager builds a test with every kind of question, the candidate
//! takes it, and the manager reads a draft policy's what-if table.
#![cfg(feature = "browser")]

use fantoccini::{Client, Locator};

use crate::browser::*;
use crate::helpers::*;

async fn add_question(manager: &Client, kind: &str, prompt: &str, fields: &[(&str, &str)]) {
    manager
        .find(Locator::Css("select[name=kind]"))
        .await
        .unwrap()
        .select_by_value(kind)
        .await
        .unwrap();
    // The business works in English and Russian: every text is asked for in both.
    for lang in ["en", "ru"] {
        fill(manager, &format!("textarea[name=prompt_{lang}]"), prompt).await;
    }
    for (name, value) in fields {
        if *name == "options" {
            for lang in ["en", "ru"] {
                fill(manager, &format!("textarea[name=options_{lang}]"), value).await;
            }
        } else {
            fill(manager, &format!("input[name={name}]"), value).await;
        }
    }
    manager
        .find(Locator::Css(
            "form[action$='/questions'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    manager
        .wait()
        .for_element(Locator::Css(".flash.success"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_manager_builds_a_test_a_candidate_takes_it_and_the_what_if_shows() {
    let app = spawn_app().await;
    // The browser counts down to the deadline on its own clock: keep the app's clock real.
    app.clock.set(chrono::Utc::now());
    whiskerworks::ops::demo::load(&app.state, &app.runner.ports.gateway).unwrap();
    let driver = start_chromedriver();
    let manager = browser(&driver, 1280, 900).await;
    log_in(&manager, &app.base, "manager@example.com").await;
    manager
        .wait()
        .for_element(Locator::Css(".nav-links"))
        .await
        .unwrap();

    visit(&manager, &format!("{}/manage/tests", app.base)).await;
    // The demo holds the default tests, so the new-test form starts folded.
    click(&manager, "main details > summary").await;
    fill(&manager, "input[name=title_en]", "Window basics").await;
    fill(&manager, "input[name=title_ru]", "Окна: основы").await;
    manager
        .find(Locator::Css(
            "form[action='/manage/tests'] button[type=submit]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    manager
        .wait()
        .for_element(Locator::Css("select[name=kind]"))
        .await
        .unwrap();
    add_question(
        &manager,
        "single_choice",
        "Streaks come from?",
        &[("options", "Sun\nSoap"), ("correct", "1")],
    )
    .await;
    add_question(
        &manager,
        "multiple_choice",
        "Which are tools?",
        &[("options", "Squeegee\nCloth\nCake"), ("correct", "1, 2")],
    )
    .await;
    add_question(
        &manager,
        "numeric",
        "Panes in a double window?",
        &[("answer", "2")],
    )
    .await;
    add_question(&manager, "free_text", "Your worst window?", &[]).await;
    // The builder shows only the chosen kind's fields.
    manager
        .find(Locator::Css("select[name=kind]"))
        .await
        .unwrap()
        .select_by_value("numeric")
        .await
        .unwrap();
    let shown = manager
        .execute(
            "return [...document.querySelectorAll('form[data-shows-by=kind] [data-kinds]')]
                 .filter(f => !f.hidden).map(f => f.querySelector('input, textarea').name);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shown, serde_json::json!(["answer", "tolerance"]));
    assert_eq!(
        manager
            .find_all(Locator::Css("article.question"))
            .await
            .unwrap()
            .len(),
        4
    );
    save_screenshot(&manager, "hiring-test-builder").await;

    // Assign it to the demo candidate, who takes it in the browser.
    let test = app.count("SELECT MAX(id) FROM screening_tests");
    let candidate_id = app.count("SELECT c.id FROM candidates c JOIN users u ON u.id = c.user_id WHERE u.email = 'candidate@example.com'");
    let http = app.client();
    http.login("manager@example.com", "whiskers-demo").await;
    http.post_form(
        &format!("/manage/candidates/{candidate_id}/assign"),
        &[("test", &test.to_string())],
    )
    .await;
    let assignment = app.count("SELECT MAX(id) FROM test_assignments");

    let candidate = browser(&driver, 360, 740).await;
    log_in(&candidate, &app.base, "candidate@example.com").await;
    candidate
        .wait()
        .for_element(Locator::Css(&format!(
            "a[href='/candidate/tests/{assignment}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    candidate
        .wait()
        .for_element(Locator::Css("form[action$='/start'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    candidate
        .wait()
        .for_element(Locator::Css("fieldset.question"))
        .await
        .unwrap();
    for radio in candidate
        .find_all(Locator::Css("input[type=radio][value='0']"))
        .await
        .unwrap()
    {
        radio.click().await.unwrap();
    }
    for checkbox in candidate
        .find_all(Locator::Css(
            "input[type=checkbox][value='0'], input[type=checkbox][value='1']",
        ))
        .await
        .unwrap()
    {
        checkbox.click().await.unwrap();
    }
    fill(&candidate, "input[inputmode=decimal]", "2").await;
    fill(
        &candidate,
        "fieldset.question textarea",
        "A skylight, once.",
    )
    .await;
    // Autosaved answers come back on a reload, under a countdown to the server's deadline.
    candidate
        .execute(
            "document.getElementById('autosave').textContent = '';
             document.querySelector('fieldset.question textarea')
                 .dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await
        .unwrap();
    candidate
        .wait()
        .for_element(Locator::XPath(
            "//small[@id='autosave'][contains(., 'Answers saved')]",
        ))
        .await
        .unwrap();
    candidate.refresh().await.unwrap();
    wait_for(&candidate, "fieldset.question").await;
    let restored = candidate
        .execute(
            r#"return [document.querySelectorAll('input[type=radio][value="0"]:checked').length
                         === document.querySelectorAll('input[type=radio][value="0"]').length,
                     document.querySelector('input[inputmode=decimal]').value,
                     document.querySelector('fieldset.question textarea').value,
                     /\(\d+:\d\d\)/.test(document.querySelector('.countdown').textContent)];"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        restored,
        serde_json::json!([true, "2", "A skylight, once.", true])
    );
    save_screenshot(&candidate, "candidate-test-restored").await;
    let desk = browser(&driver, 1280, 900).await;
    log_in(&desk, &app.base, "candidate@example.com").await;
    visit(&desk, candidate.current_url().await.unwrap().as_ref()).await;
    wait_for(&desk, "fieldset.question input[type=radio]:checked").await;
    save_screenshot(&desk, "candidate-test-restored-desktop").await;
    desk.close().await.unwrap();
    // Submitting says how many questions have no answer; declining changes nothing.
    fill(&candidate, "input[inputmode=decimal]", "").await;
    candidate
        .execute(
            "window.confirm = (m) => { window.asked = m; return false; };",
            vec![],
        )
        .await
        .unwrap();
    click(&candidate, "form[action$='/submit'] button[type=submit]").await;
    let asked = candidate
        .execute("return window.asked;", vec![])
        .await
        .unwrap();
    assert!(
        asked
            .as_str()
            .unwrap()
            .starts_with("One question has no answer yet."),
        "{asked}"
    );
    fill(&candidate, "input[inputmode=decimal]", "2").await;
    candidate
        .execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
    candidate
        .find(Locator::Css("form[action$='/submit'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    candidate
        .wait()
        .for_element(Locator::Css(".flash.success"))
        .await
        .unwrap();
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM test_assignments WHERE id = {assignment} AND status = 'submitted'"
        )),
        1
    );
    http.post_form(
        &format!(
            "/manage/grading/{assignment}/{}",
            app.count("SELECT MAX(id) FROM screening_questions")
        ),
        &[("points", "1")],
    )
    .await;

    // A draft policy and its what-if table.
    http.post_form(
        "/manage/policies",
        &[
            (&format!("w{test}"), "1"),
            ("rule", "top_percent"),
            ("percent", "3"),
            ("threshold", "0"),
            ("floor", "50"),
            ("window", "90"),
        ],
    )
    .await;
    let policy = app.count("SELECT MAX(id) FROM screening_policies");
    visit(&manager, &format!("{}/manage/policies/{policy}", app.base)).await;
    let table = manager
        .wait()
        .for_element(Locator::Css("table.what-if"))
        .await
        .unwrap();
    assert!(table.text().await.unwrap().contains("Murka"));
    save_screenshot(&manager, "hiring-what-if").await;
    manager.close().await.unwrap();
    candidate.close().await.unwrap();
}
