//! The texts of a notice in one reader's language, from its kind and arguments: the in-app
//! title and body, and an email's subject, plain text and HTML. Notices are stored as their
//! kind and arguments, so each is written when it is read or sent, in the language of that
//! moment and in the company's name of that moment.

use std::collections::BTreeMap;

use crate::config::{Brand, Settings};
use crate::i18n::{Arg, Lang, Tr};
use crate::notify::model::Kind;
use crate::notify::store::Mail;
use crate::notify::views::mail::{self as html_mail, Button, Letter};

pub type Args = Vec<(&'static str, Arg)>;

/// The arguments as stored with a notice or a mail.
pub fn args_to_json(args: &[(&'static str, Arg)]) -> String {
    let args: BTreeMap<&str, &Arg> = args.iter().map(|(name, value)| (*name, value)).collect();
    serde_json::to_string(&args).unwrap_or_else(|_| "{}".into())
}

/// The stored arguments again; `None` when they no longer fit today's `Arg`.
pub fn args_from_json(stored: &str) -> Option<Args> {
    let stored = serde_json::from_str::<BTreeMap<String, Arg>>(stored).ok()?;
    // Fluent takes `'static` names: the catalogue's own spelling of each variable. A name
    // the catalogue no longer has fills no text, so it is dropped.
    Some(
        stored
            .into_iter()
            .filter_map(|(name, value)| Some((crate::i18n::audit::static_name(&name)?, value)))
            .collect(),
    )
}

/// The company's name: texts that name the company take it as an argument, never as words
/// of the catalogue, so they follow the company's own name.
fn company(brand: &Brand) -> (&'static str, Arg) {
    ("company", Arg::Str(brand.name.clone()))
}

/// The reader's name and the company's, followed by the notice's own arguments.
fn with_name(reader: &str, brand: &Brand, args: &[(&'static str, Arg)]) -> Args {
    let mut all: Args = vec![("name", Arg::Str(reader.to_string())), company(brand)];
    all.extend(args.iter().cloned());
    all
}

/// The in-app title and body.
pub fn title_and_body(
    tr: &Tr,
    (reader, brand): (&str, &Brand),
    kind: Kind,
    args: &[(&'static str, Arg)],
) -> (String, String) {
    let args = with_name(reader, brand, args);
    (
        tr.t_args(&kind.title_key(), &args),
        tr.t_args(&kind.body_key(), &args),
    )
}

/// An email's subject, plain text and the HTML alternative saying the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The email of a notice: the title as its subject; a greeting, the body, the link after the
/// site's address and the signature as its text, and the same again as HTML.
pub fn email(
    settings: &Settings,
    brand: &Brand,
    (reader, language): (&str, Lang),
    kind: Kind,
    args: &[(&'static str, Arg)],
    link: Option<&str>,
) -> Email {
    let tr = Tr::new(language, settings.time_zone);
    let (subject, body) = title_and_body(&tr, (reader, brand), kind, args);
    let greeting = tr.t_args("mail-greeting", &with_name(reader, brand, args));
    let signature = tr.t_args("mail-signature", &[company(brand)]);
    let url = link.map(|link| format!("{}{link}", settings.base_url));
    let mut text = format!("{greeting}\n\n{body}\n");
    if let Some(url) = &url {
        text.push_str(&format!("\n{url}\n"));
    }
    text.push_str(&format!("\n-- \n{signature}\n"));
    let (label, fallback) = (
        tr.t_args("mail-open", &[company(brand)]),
        tr.t("mail-link-fallback"),
    );
    let html = html_mail::html(
        brand,
        &Letter {
            lang: language,
            subject: &subject,
            greeting: Some(&greeting),
            body: &body,
            button: url.as_deref().map(|url| Button {
                url,
                label: &label,
                fallback: &fallback,
            }),
            signature: Some(&signature),
        },
    );
    Email {
        subject,
        text,
        html,
    }
}

/// An outbox mail's texts as they go out now: written in the recipient's present language
/// from the intent, or as stored for mail queued with its texts. An error names what no
/// longer fits (an unknown kind, arguments that do not read back).
pub fn mail(settings: &Settings, brand: &Brand, mail: &Mail) -> Result<Email, String> {
    let Some(stored) = mail.args_json.as_deref() else {
        // Its finished text carries its own greeting, link and signature.
        let html = html_mail::html(
            brand,
            &Letter {
                lang: mail.to_language,
                subject: &mail.subject,
                greeting: None,
                body: &mail.body_text,
                button: None,
                signature: None,
            },
        );
        return Ok(Email {
            subject: mail.subject.clone(),
            text: mail.body_text.clone(),
            html,
        });
    };
    let kind = Kind::parse(&mail.kind).ok_or_else(|| format!("unknown kind {}", mail.kind))?;
    let args = args_from_json(stored).ok_or("its arguments do not read back")?;
    Ok(email(
        settings,
        brand,
        (&mail.to_name, mail.to_language),
        kind,
        &args,
        mail.link.as_deref(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::model::OutboxStatus;

    fn queued(args_json: Option<&str>, language: Lang) -> Mail {
        let now = chrono::Utc::now();
        Mail {
            id: 1,
            user_id: 2,
            kind: Kind::Welcome.as_str().into(),
            to_address: "barsik@example.com".into(),
            to_name: "Barsik".into(),
            to_language: language,
            subject: "as queued".into(),
            body_text: "as queued".into(),
            args_json: args_json.map(str::to_string),
            link: Some("/client".into()),
            attachment: None,
            calendar_ics: None,
            status: OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: now,
            last_error: None,
            created_at: now,
            sent_at: None,
        }
    }

    #[test]
    fn a_mail_is_written_in_its_recipients_language_of_the_moment() {
        let settings = Settings::defaults(std::path::Path::new("unused"));
        let brand = Brand::of(&settings);
        let en = mail(&settings, &brand, &queued(Some("{}"), Lang::En)).unwrap();
        let ru = mail(&settings, &brand, &queued(Some("{}"), Lang::Ru)).unwrap();
        assert_eq!(en.subject, "Welcome to Whiskerworks");
        assert_eq!(ru.subject, "Добро пожаловать в Whiskerworks");
        assert!(ru.text.starts_with("Здравствуйте, Barsik!"), "{}", ru.text);
        assert!(ru.text.contains("/client"), "{}", ru.text);
    }

    #[test]
    fn a_mail_queued_with_its_texts_keeps_them_and_one_that_no_longer_fits_says_why() {
        let settings = Settings::defaults(std::path::Path::new("unused"));
        let brand = Brand::of(&settings);
        let legacy = mail(&settings, &brand, &queued(None, Lang::Ru)).unwrap();
        assert_eq!(
            (legacy.subject.as_str(), legacy.text.as_str()),
            ("as queued", "as queued")
        );
        assert!(legacy.html.contains("as queued") && legacy.html.contains("lang=\"ru\""));
        assert!(mail(&settings, &brand, &queued(Some("not json"), Lang::En)).is_err());
        let mut unknown = queued(Some("{}"), Lang::En);
        unknown.kind = "retired_kind".into();
        assert!(
            mail(&settings, &brand, &unknown)
                .unwrap_err()
                .contains("retired_kind")
        );
    }

    #[test]
    fn arguments_read_back_as_stored_but_for_names_no_text_uses() {
        let args: Args = vec![("count", Arg::Num(3)), ("id", Arg::Str("12".into()))];
        let mut stored = args.clone();
        stored.push(("no_text_uses_this", Arg::Num(1)));
        let back = args_from_json(&args_to_json(&stored)).unwrap();
        assert_eq!(format!("{back:?}"), format!("{args:?}"));
    }
}
