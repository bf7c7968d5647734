//! Moves the email outbox forward: sends what is due, reschedules failures with exponential
//! backoff persisted in the row, and marks a mail dead after the last try (telling admins).
//! Safe to run twice or concurrently: each row is claimed before it is sent.

use rusqlite::Connection;

use super::mailer::{Mailer, OutgoingMail};
use super::model::{Kind, claim_lease, retry_delay};
use super::service::{Message, notify_role};
use super::store;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{Pool, write_tx};
use crate::identity::Role;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DispatchReport {
    pub sent: usize,
    pub retried: usize,
    pub dead: usize,
}

const BATCH: i64 = 100;

/// Sends every mail due now. Blocking: call from a blocking thread.
pub fn dispatch_due(
    pool: &Pool,
    mailer: &dyn Mailer,
    settings: &Settings,
    clock: &dyn Clock,
) -> anyhow::Result<DispatchReport> {
    let mut report = DispatchReport::default();
    let mut conn = pool.get()?;
    loop {
        let ids = store::due_mail_ids(&conn, clock.now(), BATCH)?;
        if ids.is_empty() {
            return Ok(report);
        }
        for id in ids {
            dispatch_one(&mut conn, id, mailer, settings, clock, &mut report)?;
        }
    }
}

fn dispatch_one(
    conn: &mut Connection,
    id: i64,
    mailer: &dyn Mailer,
    settings: &Settings,
    clock: &dyn Clock,
    report: &mut DispatchReport,
) -> anyhow::Result<()> {
    let now = clock.now();
    if !write_tx(conn, |tx| {
        store::claim_mail(tx, id, now, now + claim_lease())
    })? {
        return Ok(()); // another dispatcher took it
    }
    let Some(mail) = store::mail(conn, id)? else {
        return Ok(());
    };
    // The send happens outside any transaction; the outcome is recorded right after.
    let outcome = mailer.send(&OutgoingMail {
        outbox_id: mail.id,
        to_name: &mail.to_name,
        to_address: &mail.to_address,
        subject: &mail.subject,
        body_text: &mail.body_text,
    });
    let now = clock.now();
    match outcome {
        Ok(()) => {
            write_tx(conn, |tx| store::mark_sent(tx, id, now))?;
            tracing::info!(outbox_id = id, kind = %mail.kind, "mail sent");
            report.sent += 1;
        }
        Err(error) => {
            let attempt = mail.attempts + 1;
            let retry_at =
                (attempt < settings.mail_max_attempts).then(|| now + retry_delay(attempt));
            write_tx(conn, |tx| -> rusqlite::Result<()> {
                store::mark_failed(tx, id, &error, retry_at)?;
                if retry_at.is_none() {
                    let msg = Message::new(Kind::MailDead)
                        .arg("id", id)
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
