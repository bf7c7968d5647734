//! Moves the email outbox forward: writes each due mail in its recipient's language of the
//! moment and sends it, reschedules failures with exponential backoff persisted in the row,
//! and marks a mail dead after the last try (telling admins).
//! Safe to run twice or concurrently: each row is claimed before it is sent.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::clock::Clock;
use crate::config::{Brand, Settings};
use crate::db::{Pool, write_tx};
use crate::failpoint;
use crate::i18n::Tr;
use crate::identity::Role;
use crate::notify::model::{Kind, claim_lease, retry_delay};
use crate::notify::service::mailer::{AttachmentRenderer, Mailer, OutgoingMail};
use crate::notify::service::writing::{self, Email};
use crate::notify::service::{Message, notify_role};
use crate::notify::store::{self, Mail};
use crate::outside::OutsideCalls;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DispatchReport {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

const BATCH: i64 = 100;

/// What the dispatcher reaches beyond the outbox: the mail server (within the limit of
/// outside calls), the writer of the files mails carry, and whether shutdown has begun.
pub struct Outside<'a> {
    pub mailer: &'a dyn Mailer,
    pub attachments: &'a dyn AttachmentRenderer,
    pub limit: &'a OutsideCalls,
    pub stop: &'a dyn Fn() -> bool,
}

/// Sends every mail due now. Blocking: call from a blocking thread. Stops early (leaving
/// the rest for the next pass) when `stop` says shutdown has begun.
pub fn dispatch_due(
    pool: &Pool,
    settings: &Settings,
    clock: &dyn Clock,
    outside: &Outside,
) -> anyhow::Result<DispatchReport> {
    let mut report = DispatchReport::default();
    loop {
        let ids = store::due_mail_ids(&*pool.get()?, clock.now(), BATCH)?;
        if ids.is_empty() {
            return Ok(report);
        }
        for id in ids {
            if (outside.stop)() {
                return Ok(report);
            }
            dispatch_one(pool, id, settings, clock, outside, &mut report)?;
        }
    }
}

/// A mail written for its recipient as it goes out.
struct Written {
    email: Email,
    calendar_ics: Option<String>,
}

/// Writes the texts and the attachment in the recipient's language now; an error says why
/// the mail cannot be written (it then fails like a refused send).
fn write(
    conn: &Connection,
    settings: &Settings,
    attachments: &dyn AttachmentRenderer,
    mail: &Mail,
    now: DateTime<Utc>,
) -> rusqlite::Result<Result<Written, String>> {
    let email = match writing::mail(settings, &Brand::of(settings), mail) {
        Ok(email) => email,
        Err(why) => return Ok(Err(format!("cannot write the mail: {why}"))),
    };
    let calendar_ics = match mail.attachment {
        Some(attachment) => {
            let tr = Tr::new(mail.to_language, settings.time_zone);
            attachments.render(conn, (attachment, mail.user_id), tr, now)?
        }
        None => mail.calendar_ics.clone(),
    };
    Ok(Ok(Written {
        email,
        calendar_ics,
    }))
}

/// Claims one mail, writes it and sends it holding no connection, and records the outcome
/// in its own short transaction right after the server answered.
fn dispatch_one(
    pool: &Pool,
    id: i64,
    settings: &Settings,
    clock: &dyn Clock,
    outside: &Outside,
    report: &mut DispatchReport,
) -> anyhow::Result<()> {
    let now = clock.now();
    let (mail, written) = {
        let mut conn = pool.get()?;
        if !write_tx(&mut conn, |tx| {
            store::claim_mail(tx, id, now, now + claim_lease())
        })? {
            return Ok(()); // another dispatcher took it
        }
        let Some(mail) = store::mail(&conn, id)? else {
            return Ok(());
        };
        let written = write(&conn, settings, outside.attachments, &mail, now)?;
        (mail, written)
    };
    let outcome = written.and_then(|written| {
        outside.limit.run(|| {
            outside.mailer.send(&OutgoingMail {
                outbox_id: mail.id,
                from: &settings.sender(),
                to_name: &mail.to_name,
                to_address: &mail.to_address,
                subject: &written.email.subject,
                body_text: &written.email.text,
                body_html: &written.email.html,
                calendar_ics: written.calendar_ics.as_deref(),
            })
        })?;
        Ok(written.email)
    });
    let now = clock.now();
    match outcome {
        Ok(email) => {
            failpoint::hit("mail-accepted");
            mark_sent(pool, id, now, &email)?;
            tracing::info!(outbox_id = id, kind = %mail.kind, "mail sent");
            report.sent += 1;
        }
        Err(error) => {
            let attempt = mail.attempts + 1;
            let retry_at =
                (attempt < settings.mail_max_attempts).then(|| now + retry_delay(attempt));
            write_tx(&mut *pool.get()?, |tx| -> rusqlite::Result<()> {
                store::mark_failed(tx, id, &error, retry_at)?;
                if retry_at.is_none() {
                    let msg = Message::new(Kind::MailDead)
                        .arg("id", id.to_string())
                        .arg("to", mail.to_address.as_str())
                        .link("/admin/mail?status=dead");
                    notify_role(tx, settings, now, Role::Admin, &msg)?;
                }
                Ok(())
            })?;
            if retry_at.is_some() {
                tracing::warn!(outbox_id = id, attempt, %error, "mail failed, will retry");
                report.retried += 1;
            } else {
                tracing::error!(outbox_id = id, attempt, %error, "mail is dead after the last try");
                report.dead += 1;
            }
        }
    }
    Ok(())
}

/// Tries to record an accepted mail as sent a few times before giving up: the server has
/// it, and a row left pending would be sent again once its claim lapses. A busy database
/// (the busy timeout ran out) or an exhausted pool is worth waiting out here.
fn mark_sent(pool: &Pool, id: i64, now: DateTime<Utc>, sent: &Email) -> anyhow::Result<()> {
    const TRIES: u32 = 5;
    let mut last = None;
    for attempt in 1..=TRIES {
        let result = pool
            .get()
            .map_err(anyhow::Error::from)
            .and_then(|mut conn| {
                let texts = (sent.subject.as_str(), sent.text.as_str());
                Ok(write_tx(&mut conn, |tx| {
                    store::mark_sent(tx, id, now, texts)
                })?)
            });
        match result {
            Ok(()) => return Ok(()),
            Err(error) => {
                tracing::warn!(outbox_id = id, attempt, %error, "could not mark an accepted mail sent; trying again");
                last = Some(error);
                std::thread::sleep(std::time::Duration::from_millis(200 * u64::from(attempt)));
            }
        }
    }
    Err(last.expect("at least one try"))
}
