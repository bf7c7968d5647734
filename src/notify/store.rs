//! SQL for the email outbox, in-app notifications and email preferences.

use crate::db::{QueryRowCached, WriteTx};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::{Attachment, OutboxStatus};
use crate::i18n::Lang;
use crate::identity::Role;

/// A mail as its intent: the texts and the attachment are written when it is sent.
pub struct NewMail<'a> {
    pub user_id: i64,
    pub kind: &'a str,
    pub to_address: &'a str,
    pub args_json: &'a str,
    pub link: Option<&'a str>,
    pub attachment: Option<Attachment>,
}

pub fn insert_mail(conn: &Connection, m: &NewMail, now: DateTime<Utc>) -> rusqlite::Result<i64> {
    let (attachment, attachment_id) = m.attachment.map(Attachment::columns).unzip();
    conn.execute(
        "INSERT INTO outbox (user_id, kind, to_address, subject, body_text, args_json, link,
                             attachment, attachment_id, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, '', '', ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            m.user_id,
            m.kind,
            m.to_address,
            m.args_json,
            m.link,
            attachment,
            attachment_id,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug, Clone)]
pub struct Mail {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub to_address: String,
    pub to_name: String,
    /// The recipient's language now: the one a mail not yet written is written in.
    pub to_language: Lang,
    /// The texts as sent; empty until then for mail queued as its intent.
    pub subject: String,
    pub body_text: String,
    /// The intent's arguments; `None` on mail queued with its texts already written.
    pub args_json: Option<String>,
    pub link: Option<String>,
    pub attachment: Option<Attachment>,
    /// A calendar text written when the mail was queued (mail queued before intents).
    pub calendar_ics: Option<String>,
    pub status: OutboxStatus,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When the mail server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
}

const MAIL_SELECT: &str = "SELECT o.id, o.user_id, o.kind, o.to_address, u.name AS to_name,
        u.language AS to_language, o.subject, o.body_text, o.args_json, o.link, o.attachment,
        o.attachment_id, o.calendar_ics, o.status, o.attempts, o.next_attempt_at, o.last_error,
        o.created_at, o.sent_at
     FROM outbox o JOIN people u ON u.id = o.user_id";

fn mail_from_row(r: &rusqlite::Row) -> rusqlite::Result<Mail> {
    let attachment: Option<String> = r.get("attachment")?;
    let attachment_id: Option<i64> = r.get("attachment_id")?;
    Ok(Mail {
        id: r.get("id")?,
        user_id: r.get("user_id")?,
        kind: r.get("kind")?,
        to_address: r.get("to_address")?,
        to_name: r.get("to_name")?,
        to_language: r.get("to_language")?,
        subject: r.get("subject")?,
        body_text: r.get("body_text")?,
        args_json: r.get("args_json")?,
        link: r.get("link")?,
        attachment: attachment
            .zip(attachment_id)
            .and_then(|(name, id)| Attachment::from_columns(&name, id)),
        calendar_ics: r.get("calendar_ics")?,
        status: r.get("status")?,
        attempts: r.get("attempts")?,
        next_attempt_at: r.get("next_attempt_at")?,
        last_error: r.get("last_error")?,
        created_at: r.get("created_at")?,
        sent_at: r.get("sent_at")?,
    })
}

pub fn mail(conn: &Connection, id: i64) -> rusqlite::Result<Option<Mail>> {
    conn.query_row_cached(
        &format!("{MAIL_SELECT} WHERE o.id = ?1"),
        [id],
        mail_from_row,
    )
    .optional()
}

pub fn due_mail_ids(
    conn: &Connection,
    now: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM outbox WHERE status = ?3 AND next_attempt_at <= ?1
         ORDER BY next_attempt_at, id LIMIT ?2",
    )?;
    stmt.query_map(params![now, limit, OutboxStatus::Pending], |r| r.get("id"))?
        .collect()
}

/// Takes a due row for this dispatcher by pushing its next attempt past a lease; false when
/// another dispatcher got it first.
pub fn claim_mail(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE outbox SET next_attempt_at = ?3
         WHERE id = ?1 AND status = ?4 AND next_attempt_at <= ?2",
        params![id, now, lease_until, OutboxStatus::Pending],
    )?;
    Ok(n == 1)
}

/// Marks a mail delivered and keeps the texts it was sent with. A one-time link (a password
/// reset, an invitation) is not kept once sent: its token is stored only hashed.
pub fn mark_sent(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    (subject, body_text): (&str, &str),
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET status = ?3, attempts = attempts + 1, sent_at = ?2, last_error = NULL,
                subject = ?7,
                body_text = CASE WHEN kind IN (?5, ?6) THEN '(the one-time link is not kept)' ELSE ?8 END,
                link = CASE WHEN kind IN (?5, ?6) THEN NULL ELSE link END
         WHERE id = ?1 AND status = ?4",
        params![
            id,
            now,
            OutboxStatus::Sent,
            OutboxStatus::Pending,
            super::model::Kind::PasswordReset.as_str(),
            super::model::Kind::Invitation.as_str(),
            subject,
            body_text
        ],
    )?;
    Ok(())
}

/// Records a failed attempt; `retry_at = None` means that was the last try.
pub fn mark_failed(
    conn: &Connection,
    id: i64,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2,
             status = CASE WHEN ?3 IS NULL THEN ?4 ELSE ?5 END,
             next_attempt_at = COALESCE(?3, next_attempt_at)
         WHERE id = ?1 AND status = ?5",
        params![
            id,
            error,
            retry_at,
            OutboxStatus::Dead,
            OutboxStatus::Pending
        ],
    )?;
    Ok(())
}

/// Puts a dead mail back in the queue for a fresh series of attempts.
pub fn revive_mail(conn: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE outbox SET status = ?3, attempts = 0, next_attempt_at = ?2
         WHERE id = ?1 AND status = ?4",
        params![id, now, OutboxStatus::Pending, OutboxStatus::Dead],
    )?;
    Ok(n == 1)
}

/// How many mails are pending, sent and dead.
pub fn mail_counts(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    conn.query_row_cached(
        "SELECT COALESCE(SUM(status = ?1), 0) AS pending, COALESCE(SUM(status = ?2), 0) AS sent,
                COALESCE(SUM(status = ?3), 0) AS dead FROM outbox",
        [
            OutboxStatus::Pending,
            OutboxStatus::Sent,
            OutboxStatus::Dead,
        ],
        |r| Ok((r.get("pending")?, r.get("sent")?, r.get("dead")?)),
    )
}

pub fn mail_page(
    conn: &Connection,
    status: Option<OutboxStatus>,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Mail>, i64)> {
    let total = conn.query_row_cached(
        "SELECT COUNT(*) FROM outbox WHERE ?1 IS NULL OR status = ?1",
        [status],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{MAIL_SELECT} WHERE ?1 IS NULL OR o.status = ?1 ORDER BY o.id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt
        .query_map(params![status, limit, offset], mail_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

// ---- in-app notifications ----

pub struct NewNotification<'a> {
    pub user_id: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
    /// The message's arguments, to write it again in the reader's language later.
    pub args_json: Option<&'a str>,
}

pub fn insert_notification(
    tx: &WriteTx,
    n: &NewNotification,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO notifications (user_id, kind, title, body, link, created_at, args_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![n.user_id, n.kind, n.title, n.body, n.link, now, n.args_json],
    )?;
    tx.note(crate::live::Audience::User(n.user_id), "bell");
    Ok(tx.last_insert_rowid())
}

#[derive(Debug, Clone)]
pub struct Notification {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
    pub args_json: Option<String>,
}

pub fn unread_count(conn: &Connection, user_id: i64) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COUNT(*) FROM notifications WHERE user_id = ?1 AND read_at IS NULL",
        [user_id],
        |r| r.get(0),
    )
}

pub fn notifications_page(
    conn: &Connection,
    user_id: i64,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Notification>, i64)> {
    let total = conn.query_row_cached(
        "SELECT COUNT(*) FROM notifications WHERE user_id = ?1",
        [user_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, body, link, created_at, read_at IS NOT NULL AS read, args_json
         FROM notifications
         WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt
        .query_map(params![user_id, limit, offset], |r| {
            Ok(Notification {
                id: r.get("id")?,
                kind: r.get("kind")?,
                title: r.get("title")?,
                body: r.get("body")?,
                link: r.get("link")?,
                created_at: r.get("created_at")?,
                read: r.get("read")?,
                args_json: r.get("args_json")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// Marks one of the user's notifications read; its link, or `None` when it is not theirs.
pub fn mark_one_read(
    conn: &Connection,
    user_id: i64,
    id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<Option<String>>> {
    conn.query_row_cached(
        "UPDATE notifications SET read_at = COALESCE(read_at, ?3)
         WHERE id = ?1 AND user_id = ?2 RETURNING link",
        params![id, user_id, now],
        |r| r.get("link"),
    )
    .optional()
}

pub fn mark_all_read(
    conn: &Connection,
    user_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE notifications SET read_at = ?2 WHERE user_id = ?1 AND read_at IS NULL",
        params![user_id, now],
    )
}

// ---- preferences ----

/// Kinds this user has switched email off for.
pub fn email_opt_outs(conn: &Connection, user_id: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT kind FROM notification_prefs WHERE user_id = ?1 AND email = 0")?;
    stmt.query_map([user_id], |r| r.get("kind"))?.collect()
}

pub fn set_email_pref(
    conn: &Connection,
    user_id: i64,
    kind: &str,
    email: bool,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO notification_prefs (user_id, kind, email) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email",
        params![user_id, kind, email],
    )?;
    Ok(())
}

// ---- recipients (the `people` view) ----

/// Who a notification goes to: name, address and language, and whether they may get mail.
pub struct Recipient {
    pub email: String,
    pub name: String,
    pub language: Lang,
    pub active: bool,
}

pub fn recipient(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<Recipient>> {
    conn.prepare_cached("SELECT email, name, language, active FROM people WHERE id = ?1")?
        .query_row([user_id], |r| {
            Ok(Recipient {
                email: r.get("email")?,
                name: r.get("name")?,
                language: r.get("language")?,
                active: r.get("active")?,
            })
        })
        .optional()
}

/// Active people of a role, oldest first.
pub fn active_ids_with_role(conn: &Connection, role: Role) -> rusqlite::Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM people WHERE role = ?1 AND active = 1 ORDER BY id")?;
    stmt.query_map([role], |r| r.get("id"))?.collect()
}
