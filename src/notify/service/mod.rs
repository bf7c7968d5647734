//! Use cases of notifications: `notify` (called inside the transaction of the change that
//! causes it), reading and clearing the in-app list, email preferences, and reviving dead mail.

pub mod dispatcher;
pub mod mailer;
pub mod writing;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::model::{Attachment, Kind};
use super::store;
use crate::config::{Brand, Settings};
use crate::db::{Conn, WriteTx};
use crate::i18n::{Arg, Tr};
use crate::identity::Role;

/// What to tell a user: the kind picks the texts, `args` fill them, `link` is a path in the app.
pub struct Message {
    pub kind: Kind,
    pub args: Vec<(&'static str, Arg)>,
    pub link: Option<String>,
    /// A file the email carries, written when it is sent (a booked visit's calendar).
    pub attachment: Option<Attachment>,
}

impl Message {
    pub fn new(kind: Kind) -> Self {
        Self {
            kind,
            args: Vec::new(),
            link: None,
            attachment: None,
        }
    }
    /// A message about an order: its number, service (both languages) and time fill the
    /// texts of every order kind.
    pub fn about_order(
        kind: Kind,
        order_id: i64,
        (service_en, service_ru): (&str, &str),
        at: DateTime<Utc>,
    ) -> Self {
        Self::new(kind)
            .arg("id", order_id.to_string())
            .arg(
                "service",
                Arg::Localized {
                    en: service_en.to_string(),
                    ru: service_ru.to_string(),
                },
            )
            .arg("when", Arg::Time(at))
    }
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
    pub fn link(mut self, path: impl Into<String>) -> Self {
        self.link = Some(path.into());
        self
    }
    pub fn attach(mut self, attachment: Attachment) -> Self {
        self.attachment = Some(attachment);
        self
    }
}

/// A notification as its reader reads it now: written again in `tr`'s language (and the
/// company's present name) from the arguments it was sent with; older rows, and any whose
/// arguments no longer fit, keep the text they were stored with.
pub fn in_reader_language(tr: &Tr, (reader, brand): (&str, &Brand), n: &mut store::Notification) {
    let Some(stored) = n.args_json.as_deref() else {
        return;
    };
    // A stored notification never changes, so its text in a language is worked out once per
    // thread (the list shows thirty, each a Fluent message with arguments, on every visit).
    thread_local! {
        static WRITTEN: std::cell::RefCell<HashMap<String, (String, String)>> =
            std::cell::RefCell::default();
    }
    let key = format!(
        "{}|{}|{}|{reader}|{}|{stored}",
        tr.lang.code(),
        tr.tz,
        n.kind,
        brand.name
    );
    if let Some((title, body)) = WRITTEN.with_borrow(|written| written.get(&key).cloned()) {
        (n.title, n.body) = (title, body);
        return;
    }
    let Some(kind) = Kind::parse(&n.kind) else {
        return;
    };
    let Some(args) = writing::args_from_json(stored) else {
        return;
    };
    (n.title, n.body) = writing::title_and_body(tr, (reader, brand), kind, &args);
    WRITTEN.with_borrow_mut(|written| {
        if written.len() >= 10_000 {
            written.clear();
        }
        written.insert(key, (n.title.clone(), n.body.clone()));
    });
}

/// An outbox mail as it reads for its recipient: what was sent, or for mail not sent yet,
/// what would go out now (the admins' queue shows it).
pub fn in_recipient_language(settings: &Settings, mail: &mut store::Mail) {
    if mail.sent_at.is_none()
        && let Ok(email) = writing::mail(settings, &Brand::of(settings), mail)
    {
        (mail.subject, mail.body_text) = (email.subject, email.text);
    }
}

/// Queues the mail as its intent; the dispatcher writes it in the recipient's language when
/// it sends.
fn queue_mail(
    conn: &Connection,
    now: DateTime<Utc>,
    user_id: i64,
    (user, msg): (&store::Recipient, &Message),
) -> rusqlite::Result<i64> {
    store::insert_mail(
        conn,
        &store::NewMail {
            user_id,
            kind: msg.kind.as_str(),
            to_address: &user.email,
            args_json: &writing::args_to_json(&msg.args),
            link: msg.link.as_deref(),
            attachment: msg.attachment,
        },
        now,
    )
}

/// Writes the in-app notification (in the recipient's language, and with its arguments to
/// write it again in the reader's) and, unless the user opted out, queues the email. Returns
/// the outbox id when an email was queued, so the caller can nudge the dispatcher after commit.
pub fn notify(
    conn: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    user_id: i64,
    msg: &Message,
) -> rusqlite::Result<Option<i64>> {
    let Some(user) = store::recipient(conn, user_id)? else {
        return Ok(None);
    };
    let tr = Tr::new(user.language, settings.time_zone);
    let brand = Brand::of(settings);
    let (title, body) = writing::title_and_body(&tr, (&user.name, &brand), msg.kind, &msg.args);
    store::insert_notification(
        conn,
        &store::NewNotification {
            user_id,
            kind: msg.kind.as_str(),
            title: &title,
            body: &body,
            link: msg.link.as_deref(),
            args_json: Some(&writing::args_to_json(&msg.args)),
        },
        now,
    )?;
    let opted_out = store::email_opt_outs(conn, user_id)?
        .iter()
        .any(|k| k == msg.kind.as_str());
    if !msg.kind.emailable() || opted_out || !user.active {
        return Ok(None);
    }
    Ok(Some(queue_mail(conn, now, user_id, (&user, msg))?))
}

/// Queues an email only (no in-app notice, no preference): for mail the user asked for, such
/// as a password reset link. `link` is appended after the site's address.
pub fn mail_only(
    conn: &Connection,
    now: DateTime<Utc>,
    user_id: i64,
    msg: &Message,
) -> rusqlite::Result<Option<i64>> {
    let Some(user) = store::recipient(conn, user_id)? else {
        return Ok(None);
    };
    Ok(Some(queue_mail(conn, now, user_id, (&user, msg))?))
}

/// Notifies every active user of `role`.
pub fn notify_role(
    conn: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    role: Role,
    msg: &Message,
) -> rusqlite::Result<()> {
    for id in store::active_ids_with_role(conn, role)? {
        notify(conn, settings, now, id, msg)?;
    }
    Ok(())
}

/// The kinds this user can receive by email, each with whether email is on.
pub fn email_prefs(
    conn: &Connection,
    user_id: i64,
    role: Role,
) -> rusqlite::Result<Vec<(Kind, bool)>> {
    let off = store::email_opt_outs(conn, user_id)?;
    Ok(Kind::ALL
        .into_iter()
        .filter(|k| k.for_role(role) && k.emailable())
        .map(|k| (k, !off.iter().any(|o| o == k.as_str())))
        .collect())
}

/// Saves the email choice for every kind the role can receive: listed kinds on, others off.
pub fn set_email_prefs(
    conn: &Connection,
    user_id: i64,
    role: Role,
    enabled: &[String],
) -> rusqlite::Result<()> {
    for kind in Kind::ALL
        .into_iter()
        .filter(|k| k.for_role(role) && k.emailable())
    {
        store::set_email_pref(
            conn,
            user_id,
            kind.as_str(),
            enabled.iter().any(|e| e == kind.as_str()),
        )?;
    }
    Ok(())
}

/// Puts a dead mail back in the queue (admin action, audited).
pub fn retry_dead_mail(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor_id: i64,
    id: i64,
) -> Result<bool, crate::error::AppError> {
    crate::db::write_tx(conn, |tx| -> Result<bool, crate::error::AppError> {
        let revived = store::revive_mail(tx, id, now)?;
        if revived {
            crate::audit::record(
                tx,
                now,
                Some(actor_id),
                "mail.retry",
                &format!("outbox:{id}"),
                serde_json::json!({}),
            )?;
        }
        Ok(revived)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, audit};
    use crate::notify::model::Kind;

    /// Arguments for every variable a kind's texts use: numbers where a variant is chosen by
    /// them, words elsewhere.
    fn sample_args(kind: Kind, lang: Lang) -> Vec<(&'static str, Arg)> {
        let mut args = Vec::new();
        for key in [kind.title_key(), kind.body_key()] {
            let vars = audit::vars_of(lang, &key).unwrap_or_else(|| panic!("no {key}"));
            for var in vars.used {
                let name: &'static str = Box::leak(var.into_boxed_str());
                let value = if vars.selectors.contains(name) {
                    Arg::Num(2)
                } else {
                    Arg::Str("Barsik".into())
                };
                args.push((name, value));
            }
        }
        args
    }

    #[test]
    fn a_stored_notification_is_written_again_in_each_readers_language_every_time() {
        let stored = store::Notification {
            id: 1,
            kind: Kind::OrderReceived.as_str().into(),
            title: "as stored".into(),
            body: "as stored".into(),
            link: None,
            created_at: Utc::now(),
            read: false,
            args_json: Some(r#"{"id":{"Str":"12"},"service":{"Str":"Cleaning"},"when":{"Time":"2026-12-02T10:00:00Z"},"reminder":{"Str":"at"},"remind_at":{"Time":"2026-12-01T10:00:00Z"},"reminder_hours":{"Num":24}}"#.into()),
        };
        let read = |lang| {
            let mut n = stored.clone();
            let brand = Brand::of(&Settings::defaults(std::path::Path::new("unused")));
            let tr = Tr::new(lang, chrono_tz::Europe::Moscow);
            in_reader_language(&tr, ("Barsik", &brand), &mut n);
            (n.title, n.body)
        };
        let (en, ru) = (read(Lang::En), read(Lang::Ru));
        assert_ne!(en.0, "as stored");
        assert_ne!(en, ru);
        assert!(en.0.contains("12") && ru.0.contains("12"), "{en:?} {ru:?}");
        assert_eq!(read(Lang::En), en, "the second reading is the first");
        assert_eq!(read(Lang::Ru), ru);
    }

    #[test]
    fn every_kind_reads_in_english_and_russian_in_the_app_and_by_email() {
        let settings = Settings::defaults(std::path::Path::new("unused"));
        let brand = Brand::of(&settings);
        for kind in Kind::ALL {
            for language in [Lang::En, Lang::Ru] {
                let args = sample_args(kind, language);
                let tr = Tr::new(language, settings.time_zone);
                let (title, body) = writing::title_and_body(&tr, ("Barsik", &brand), kind, &args);
                let email = writing::email(
                    &settings,
                    &brand,
                    ("Barsik", language),
                    kind,
                    &args,
                    Some("/notifications"),
                );
                for text in [&title, &body, &email.subject, &email.text] {
                    assert!(
                        !text.contains("notif-") && !text.contains("mail-"),
                        "{kind:?} in {}: {text}",
                        language.code()
                    );
                }
                assert!(email.text.contains("/notifications"));
            }
        }
        let problems: Vec<String> = audit::problems()
            .into_iter()
            .filter(|p| p.contains(" notif-") || p.contains(" mail-"))
            .collect();
        assert!(problems.is_empty(), "{problems:?}");
    }
}
