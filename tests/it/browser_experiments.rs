//! Experiments in Chromium, as a manager and an admin would read them after two simulated
//! weeks: the list, the matching experiment's verdict, charts and tables, the screening one,
//! and the new-experiment form, at desktop and phone widths, in English and in Russian.
#![cfg(feature = "browser")]

use crate::browser::*;
use crate::helpers::*;

#[tokio::test]
async fn a_manager_reads_the_experiments_on_a_desktop_and_a_phone_in_both_languages() {
    let app = spawn_app().await;
    let settings = (*app.state.settings()).clone();
    tokio::task::spawn_blocking(move || whiskerworks::ops::simulate::run(settings, 14, 7))
        .await
        .unwrap()
        .unwrap();
    let driver = start_chromedriver();
    for (lang, heading) in [("en", "Experiments"), ("ru", "Эксперименты")] {
        app.write(|tx| tx.execute("UPDATE users SET language = ?1", [lang]));
        for (width, height, size) in [(1280, 2400, "desktop"), (360, 2400, "phone")] {
            for who in ["manager-0", "admin-0"] {
                let b = browser(&driver, width, height).await;
                log_in_with(
                    &b,
                    &app.base,
                    &format!("{who}@sim.example.com"),
                    &format!("sim-password-{who}"),
                )
                .await;
                visit(&b, &format!("{}/manage/experiments", app.base)).await;
                assert_eq!(wait_for(&b, "main h1").await.text().await.unwrap(), heading);
                if who == "manager-0" {
                    save_screenshot(&b, &format!("experiments-list-{size}-{lang}")).await;
                }
                for (id, name) in [(1, "matching"), (2, "screening")] {
                    visit(&b, &format!("{}/manage/experiments/{id}", app.base)).await;
                    let verdict = wait_for(&b, ".verdict").await.text().await.unwrap();
                    assert!(!verdict.trim().is_empty());
                    save_screenshot(&b, &format!("experiment-{name}-{who}-{size}-{lang}")).await;
                }
                if who == "admin-0" {
                    visit(
                        &b,
                        &format!("{}/manage/experiments/new?decision=matching", app.base),
                    )
                    .await;
                    save_screenshot(&b, &format!("experiment-new-matching-{size}-{lang}")).await;
                }
                b.close().await.unwrap();
            }
        }
    }
}
