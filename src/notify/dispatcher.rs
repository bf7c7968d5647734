//! Moves the email outbox forward: sends what is due, reschedules failures with exponential
//! backoff persisted in the row, and marks a mail dead after the last try (telling admins).
//! Safe to run twice or concurrently: each row is claimed before it is sent.

use super::mailer::{Mailer, OutgoingMail};
use super::model::{Kind, claim_lease, retry_delay};
use super::service::{Message, notify_role};
use super::store;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{Pool, write_tx};
use crate::failpoint;
use crate::identity::Role;
use crate::outside::OutsideCalls;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DispatchReport {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

const BATCH: i64 = 100;

/// Sends every mail due now. Blocking: call from a blocking thread. Stops early (leaving
/// the rest for the next pass) when `stop` says shutdown has begun.
pub fn dispatch_due(
    pool: &Pool,
    mailer: &dyn Mailer,
    outside: &OutsideCalls,
    settings: &Settings,
    clock: &dyn Clock,
    stop: &dyn Fn() -> bool,
) -> anyhow::Result<DispatchReport> {
    let mut report = DispatchReport::default();
    loop {
        let ids = store::due_mail_ids(&*pool.get()?, clock.now(), BATCH)?;
        if ids.is_empty() {
            return Ok(report);
        }
        for id in ids {
            if stop() {
                return Ok(report);
            }
            dispatch_one(pool, id, mailer, outside, settings, clock, &mut report)?;
        }
    }
}

/// Claims one mail, sends it holding no connection, and records the outcome in its own
/// short transaction right after the server answered.
fn dispatch_one(
    pool: &Pool,
    id: i64,
    mailer: &dyn Mailer,
    outside: &OutsideCalls,
    settings: &Settings,
    clock: &dyn Clock,
    report: &mut DispatchReport,
) -> anyhow::Result<()> {
    let now = clock.now();
    let mail = {
        let mut conn = pool.get()?;
        if !write_tx(&mut conn, |tx| {
            store::claim_mail(tx, id, now, now + claim_lease())
        })? {
            return Ok(()); // another dispatcher took it
        }
        store::mail(&conn, id)?
    };
    let Some(mail) = mail else {
        return Ok(());
    };
    let outcome = outside.run(|| {
        mailer.send(&OutgoingMail {
            outbox_id: mail.id,
            to_name: &mail.to_name,
            to_address: &mail.to_address,
            subject: &mail.subject,
            body_text: &mail.body_text,
            calendar_ics: mail.calendar_ics.as_deref(),
        })
    });
    let now = clock.now();
    match outcome {
        Ok(()) => {
            failpoint::hit("mail-accepted");
            mark_sent(pool, id, now)?;
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
fn mark_sent(pool: &Pool, id: i64, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    const TRIES: u32 = 5;
    let mut last = None;
    for attempt in 1..=TRIES {
        let result = pool
            .get()
            .map_err(anyhow::Error::from)
            .and_then(|mut conn| Ok(write_tx(&mut conn, |tx| store::mark_sent(tx, id, now))?));
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
