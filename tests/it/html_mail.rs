//! Mail as it reaches people: every mail an order's life sends, read back from the mail
//! files by a MIME parser, is its plain text and the same as HTML in the recipient's
//! language and the company's name.

use mailparse::{MailHeaderMap, ParsedMail};
use scraper::{Html, Selector};
use whiskerworks::config::Brand;

use crate::helpers::*;
use crate::order_helpers::*;

pub fn alternative<'a>(mail: &'a ParsedMail<'a>) -> Option<&'a ParsedMail<'a>> {
    if mail.ctype.mimetype == "multipart/alternative" {
        return Some(mail);
    }
    mail.subparts.iter().find_map(alternative)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader sees in an HTML document, one space between its pieces.
fn visible_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let body = Selector::parse("body").unwrap();
    let pieces: Vec<&str> = document.select(&body).flat_map(|b| b.text()).collect();
    squeeze(&pieces.join(" "))
}

#[tokio::test]
async fn every_mail_of_an_orders_life_is_plain_text_and_html_in_its_readers_language() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let client_email = email_of(&app, w.client_id);
    w.client
        .post_form("/lang", &[("lang", "ru"), ("back", "/client")])
        .await;
    let order = place_order(&app, &w).await;
    start_job(&app, &w, order).await;
    app.drain().await;
    let company = Brand::of(&app.state.settings()).name;

    let files = app.mail_files();
    let mut problems = Vec::new();
    let (mut russian, mut with_calendar) = (0, 0);
    for file in &files {
        let mail = mailparse::parse_mail(file.as_bytes()).expect("a well-formed message");
        let to = mail.headers.get_first_value("To").unwrap_or_default();
        let id = mail
            .headers
            .get_first_value("Message-ID")
            .unwrap_or_default();
        let at = format!("{id} to {to}");
        assert!(id.starts_with("<outbox-"), "{at}: the Message-ID stays");
        let Some(texts) = alternative(&mail) else {
            problems.push(format!("{at}: no multipart/alternative"));
            continue;
        };
        let types: Vec<&str> = texts
            .subparts
            .iter()
            .map(|p| p.ctype.mimetype.as_str())
            .collect();
        assert_eq!(types, ["text/plain", "text/html"], "{at}");
        let plain = texts.subparts[0].get_body().unwrap();
        let html = texts.subparts[1].get_body().unwrap();
        let seen = visible_text(&html);
        let lang = if to.contains(&client_email) {
            "ru"
        } else {
            "en"
        };
        if !html.contains(&format!("<html lang=\"{lang}\">")) {
            problems.push(format!("{at}: not in {lang}"));
        }
        for line in plain.lines().map(str::trim) {
            if !line.is_empty() && line != "--" && !seen.contains(&squeeze(line)) {
                problems.push(format!("{at}: the HTML does not say {line:?}"));
            }
        }
        for (part, text) in [("plain", &plain), ("html", &seen)] {
            if text.trim().is_empty() || !text.contains(&company) {
                problems.push(format!("{at}: the {part} part lacks the company: {text}"));
            }
            for needle in ["{", "notif-", "mail-", "event-", &format!("order:{order}")] {
                if text.contains(needle) {
                    problems.push(format!("{at}: the {part} part shows {needle:?}: {text}"));
                }
            }
        }
        russian += usize::from(lang == "ru");
        with_calendar += usize::from(
            mail.ctype.mimetype == "multipart/mixed"
                && mail.subparts.len() == 2
                && mail.subparts[1].ctype.mimetype == "text/calendar",
        );
    }

    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        files.len() >= 4,
        "the order's life sent {} mails",
        files.len()
    );
    assert!(
        russian >= 2,
        "the client's mails ({russian}) are in Russian"
    );
    assert_eq!(with_calendar, 1, "the booking carries its appointment");
}
