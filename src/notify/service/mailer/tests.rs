//! Every kind of mail, in each language, built as it is sent and read back by a real MIME
//! parser: both alternatives present, saying the same, in the company's name, with no
//! message keys or internal references showing.

use chrono::{NaiveDate, TimeZone, Utc};
use mailparse::{MailHeaderMap, ParsedMail};

use super::*;
use crate::config::{Brand, Settings};
use crate::i18n::{Arg, Lang, audit};
use crate::notify::model::Kind;
use crate::notify::service::writing;

fn acme() -> Brand {
    Brand {
        name: "Acme Cleaning".into(),
        accent: "#1d3557".into(),
        logo: None,
    }
}

/// A value of the type real callers pass for each variable a kind's texts use.
fn sample_args(kind: Kind, lang: Lang) -> Vec<(&'static str, Arg)> {
    let mut args: Vec<(&'static str, Arg)> = Vec::new();
    for key in [kind.title_key(), kind.body_key()] {
        let vars = audit::vars_of(lang, &key).unwrap_or_else(|| panic!("no {key}"));
        for var in vars.used {
            let name = audit::static_name(&var).expect("a catalogue variable");
            if name == "company" || args.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let value = match name {
                _ if vars.selectors.contains(name) => Arg::Num(2),
                "service" => Arg::Localized {
                    en: "Deep cleaning".into(),
                    ru: "Генеральная уборка".into(),
                },
                "when" | "until" | "at" => {
                    Arg::Time(Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0).unwrap())
                }
                "day" => Arg::Day(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()),
                "total" | "owed" | "fines" | "earned" | "bonuses" | "amount" => {
                    Arg::Money(345_000, "RUB".into())
                }
                "id" => Arg::Str("42".into()),
                _ => Arg::Str("Murka".into()),
            };
            args.push((name, value));
        }
    }
    args
}

/// The parts of a parsed mail, depth first.
fn leaves<'a>(mail: &'a ParsedMail<'a>, out: &mut Vec<&'a ParsedMail<'a>>) {
    if mail.subparts.is_empty() {
        out.push(mail);
    }
    for part in &mail.subparts {
        leaves(part, out);
    }
}

fn find<'a>(mail: &'a ParsedMail<'a>, mimetype: &str) -> Option<&'a ParsedMail<'a>> {
    if mail.ctype.mimetype == mimetype {
        return Some(mail);
    }
    mail.subparts.iter().find_map(|part| find(part, mimetype))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader sees in an HTML document.
fn visible_text(html: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    let text: String = document
        .select(&body)
        .flat_map(|b| b.text())
        .collect::<Vec<_>>()
        .join(" ");
    squeeze(&text)
}

/// A reference such as `order:42` or `outbox:7`: letters, a colon, digits.
fn has_internal_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    (1..bytes.len().saturating_sub(1)).any(|i| {
        bytes[i] == b':' && bytes[i - 1].is_ascii_alphabetic() && bytes[i + 1].is_ascii_digit()
    })
}

/// What of `text` should not be there. The site's own address, with its port, is no
/// internal reference, so it is left out of that check; style attributes are checked as
/// source with `references` off.
fn leaks(text: &str, base_url: &str, references: bool) -> Vec<&'static str> {
    let mut found = Vec::new();
    for (needle, what) in [
        ("{", "a brace"),
        ("}", "a brace"),
        ("notif-", "a notice key"),
        ("mail-", "a mail key"),
        ("event-", "an event id"),
        ("Whiskerworks", "the built-in name"),
    ] {
        if text.contains(needle) {
            found.push(what);
        }
    }
    if references && has_internal_reference(&text.replace(base_url, "")) {
        found.push("an internal reference");
    }
    found
}

fn outgoing<'a>(
    from: &'a Mailbox,
    email: &'a writing::Email,
    ics: Option<&'a str>,
) -> OutgoingMail<'a> {
    OutgoingMail {
        outbox_id: 7,
        from,
        to_name: "Barsik",
        to_address: "barsik@example.com",
        subject: &email.subject,
        body_text: &email.text,
        body_html: &email.html,
        calendar_ics: ics,
    }
}

fn raw(email: &writing::Email, ics: Option<&str>) -> Vec<u8> {
    let settings = Settings::defaults(std::path::Path::new("unused"));
    build(&outgoing(&settings.sender(), email, ics))
        .expect("the message builds")
        .formatted()
}

#[test]
fn every_kind_of_mail_is_plain_text_and_html_saying_the_same_in_both_languages() {
    let settings = Settings::defaults(std::path::Path::new("unused"));
    let brand = acme();
    let mut problems = Vec::new();
    let mut checked = 0;
    for kind in Kind::ALL.into_iter().filter(|k| k.emailable()) {
        for lang in Lang::ALL {
            let args = sample_args(kind, lang);
            let email = writing::email(
                &settings,
                &brand,
                ("Barsik", lang),
                kind,
                &args,
                Some("/orders/42"),
            );
            let bytes = raw(&email, None);
            let mail = mailparse::parse_mail(&bytes).expect("a well-formed message");
            let at = format!("{kind:?} in {}", lang.code());
            assert_eq!(mail.ctype.mimetype, "multipart/alternative", "{at}");
            let mut parts = Vec::new();
            leaves(&mail, &mut parts);
            let types: Vec<&str> = parts.iter().map(|p| p.ctype.mimetype.as_str()).collect();
            assert_eq!(types, ["text/plain", "text/html"], "{at}");
            let plain = parts[0].get_body().unwrap();
            let html = parts[1].get_body().unwrap();
            let seen = visible_text(&html);
            let subject = mail.headers.get_first_value("Subject").unwrap_or_default();
            assert!(!plain.trim().is_empty() && !seen.is_empty(), "{at}");
            assert_eq!(subject, email.subject, "{at}");
            // Everything the plain part says, the HTML part shows.
            for line in plain.lines().map(str::trim) {
                if !line.is_empty() && line != "--" && !seen.contains(&squeeze(line)) {
                    problems.push(format!("{at}: the HTML does not say {line:?}"));
                }
            }
            let url = format!("{}/orders/42", settings.base_url);
            assert!(seen.contains(&url) && plain.contains(&url), "{at}");
            assert!(html.contains(&format!("href=\"{url}\"")), "{at}");
            assert!(
                html.contains(&format!("<html lang=\"{}\">", lang.code())),
                "{at}"
            );
            for (part, text) in [("subject", &subject), ("plain", &plain), ("html", &seen)] {
                for leak in leaks(text, &settings.base_url, true) {
                    problems.push(format!("{at}: the {part} part shows {leak}: {text}"));
                }
            }
            for leak in leaks(&html, &settings.base_url, false) {
                problems.push(format!("{at}: the HTML source holds {leak}"));
            }
            for text in [&plain, &seen] {
                if !text.contains("Acme Cleaning") {
                    problems.push(format!("{at}: no company name in {text}"));
                }
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        checked,
        2 * (Kind::ALL.len() - 1),
        "every emailable kind, twice"
    );
    let missing: Vec<String> = audit::problems()
        .into_iter()
        .filter(|p| p.contains(" notif-") || p.contains(" mail-"))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn a_mail_with_a_calendar_file_carries_both_alternatives_beside_it() {
    let settings = Settings::defaults(std::path::Path::new("unused"));
    let args = sample_args(Kind::OrderReceived, Lang::Ru);
    let email = writing::email(
        &settings,
        &acme(),
        ("Barsik", Lang::Ru),
        Kind::OrderReceived,
        &args,
        Some("/client/orders/42"),
    );
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    let bytes = raw(&email, Some(ics));
    let mail = mailparse::parse_mail(&bytes).unwrap();

    assert_eq!(mail.ctype.mimetype, "multipart/mixed");
    let shapes: Vec<&str> = mail
        .subparts
        .iter()
        .map(|p| p.ctype.mimetype.as_str())
        .collect();
    assert_eq!(shapes, ["multipart/alternative", "text/calendar"]);
    let texts: Vec<&str> = mail.subparts[0]
        .subparts
        .iter()
        .map(|p| p.ctype.mimetype.as_str())
        .collect();
    assert_eq!(texts, ["text/plain", "text/html"]);
    let calendar = find(&mail, "text/calendar").unwrap();
    assert_eq!(calendar.get_body().unwrap(), ics);
    assert!(
        String::from_utf8_lossy(&bytes).contains("filename=\"appointment.ics\""),
        "the attachment keeps its name"
    );
    let html = find(&mail, "text/html").unwrap().get_body().unwrap();
    assert!(visible_text(&html).contains("Генеральная уборка"), "{html}");
}

#[test]
fn a_mail_keeps_its_message_id_and_a_mail_without_a_link_shows_no_button() {
    let settings = Settings::defaults(std::path::Path::new("unused"));
    let email = writing::email(
        &settings,
        &acme(),
        ("Barsik", Lang::En),
        Kind::Welcome,
        &[],
        None,
    );
    let bytes = raw(&email, None);
    let mail = mailparse::parse_mail(&bytes).unwrap();

    assert_eq!(
        mail.headers.get_first_value("Message-ID").as_deref(),
        Some("<outbox-7@whiskerworks.local>")
    );
    let html = find(&mail, "text/html").unwrap().get_body().unwrap();
    assert!(!html.contains("<a "), "{html}");
    let seen = visible_text(&html);
    assert!(seen.starts_with("Acme Cleaning Hello, Barsik!"), "{seen}");
}

#[test]
fn a_client_named_like_markup_is_shown_literally_in_the_html_part() {
    let settings = Settings::defaults(std::path::Path::new("unused"));
    let email = writing::email(
        &settings,
        &acme(),
        ("<b>x</b>", Lang::En),
        Kind::Welcome,
        &[],
        Some("/client"),
    );
    let bytes = raw(&email, None);
    let mail = mailparse::parse_mail(&bytes).unwrap();
    let html = find(&mail, "text/html").unwrap().get_body().unwrap();

    assert!(!html.contains("<b>x</b>"), "{html}");
    assert!(html.contains("Hello, &lt;b&gt;x&lt;/b&gt;!"), "{html}");
    assert!(visible_text(&html).contains("Hello, <b>x</b>!"));
}
