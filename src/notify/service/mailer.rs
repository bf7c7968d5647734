//! Where email goes: an SMTP server when `smtp_url` is set, otherwise `.eml` files under the
//! data folder. Both are real lettre transports; sending is blocking and runs off the executor.
//! Every mail is its plain text and the same as HTML (multipart/alternative), with its
//! calendar file, when it has one, beside them (multipart/mixed).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::{Attachment, Mailbox, MultiPart, header::ContentType};
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use rusqlite::Connection;

use crate::config::Settings;
use crate::i18n::Tr;
use crate::notify::model;

pub struct OutgoingMail<'a> {
    pub outbox_id: i64,
    /// The sender as the settings name it at sending (the company's name can change).
    pub from: &'a Mailbox,
    pub to_name: &'a str,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    /// The same content as `body_text`, as HTML: readers choose which their client shows.
    pub body_html: &'a str,
    /// Attached as `appointment.ics` (a booked visit for the recipient's calendar).
    pub calendar_ics: Option<&'a str>,
}

pub trait Mailer: Send + Sync {
    /// Delivers one mail; the error text is stored on the outbox row (no secrets in it).
    fn send(&self, mail: &OutgoingMail) -> Result<(), String>;
}

pub type SharedMailer = Arc<dyn Mailer>;

/// Writes the file a mail carries as the mail is sent. What the file shows (an order's visit)
/// belongs to contexts that tell people things through this one, so notifications cannot
/// read it themselves: whoever runs the dispatcher supplies the renderer.
pub trait AttachmentRenderer {
    /// The calendar text of an attachment for a user (`attachment_for`) in `tr`'s language as of `now`;
    /// `None` when what it shows is gone or no longer theirs (the mail then goes without it).
    fn render(
        &self,
        conn: &Connection,
        attachment_for: (model::Attachment, i64),
        tr: Tr,
        now: DateTime<Utc>,
    ) -> rusqlite::Result<Option<String>>;
}

pub fn from_settings(settings: &Settings) -> anyhow::Result<SharedMailer> {
    Ok(match &settings.smtp_url {
        Some(url) => {
            let transport = SmtpTransport::from_url(url)?
                .timeout(Some(Duration::from_secs(15)))
                .build();
            Arc::new(SmtpMailer { transport })
        }
        None => Arc::new(FileMailer::new(settings.mail_dir())?),
    })
}

fn build(mail: &OutgoingMail) -> Result<Message, String> {
    let from = mail.from;
    let to: Mailbox = format!(
        "{} <{}>",
        mail.to_name.replace(['<', '>', '"'], ""),
        mail.to_address
    )
    .parse()
    .or_else(|_| mail.to_address.parse())
    .map_err(|e| format!("bad recipient: {e}"))?;
    let domain = from.email.domain().to_string();
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject)
        // A stable Message-ID lets receivers drop a copy re-sent after a crash.
        .message_id(Some(format!("<outbox-{}@{domain}>", mail.outbox_id)));
    let texts =
        MultiPart::alternative_plain_html(mail.body_text.to_string(), mail.body_html.to_string());
    let built = match mail.calendar_ics {
        None => builder.multipart(texts),
        Some(ics) => {
            let calendar = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                .map_err(|e| format!("calendar type: {e}"))?;
            builder.multipart(MultiPart::mixed().multipart(texts).singlepart(
                Attachment::new("appointment.ics".into()).body(ics.to_string(), calendar),
            ))
        }
    };
    built.map_err(|e| format!("cannot build message: {e}"))
}

pub struct FileMailer {
    transport: FileTransport,
}

impl FileMailer {
    pub fn new(dir: PathBuf) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self {
            transport: FileTransport::new(dir),
        })
    }
}

impl Mailer for FileMailer {
    fn send(&self, mail: &OutgoingMail) -> Result<(), String> {
        let message = build(mail)?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| format!("file transport: {e}"))
    }
}

pub struct SmtpMailer {
    transport: SmtpTransport,
}

impl Mailer for SmtpMailer {
    fn send(&self, mail: &OutgoingMail) -> Result<(), String> {
        let message = build(mail)?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| format!("smtp: {e}"))
    }
}

#[cfg(test)]
mod tests;
