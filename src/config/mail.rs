//! Mail settings: the SMTP server (or files), the sender and how often a mail is retried.

use super::raw::RawSettings;
use super::{SettingsError, invalid};

/// The mail section, validated; its values sit at the top of `Settings`.
pub(super) struct Mail {
    pub smtp_url: Option<String>,
    pub mail_from: lettre::message::Mailbox,
    pub mail_max_attempts: u32,
}

pub(super) fn mail(raw: &RawSettings) -> Result<Mail, SettingsError> {
    if let Some(url) = &raw.smtp_url {
        lettre::SmtpTransport::from_url(url)
            .map_err(|_| invalid("smtp_url", "must look like smtp://user:password@host:587"))?;
    }
    let mail_from = raw.mail_from.parse().map_err(|_| {
        invalid(
            "mail_from",
            "must be an address like Name <mail@example.com>",
        )
    })?;
    if !(1..=20).contains(&raw.mail_max_attempts) {
        return Err(invalid("mail_max_attempts", "must be between 1 and 20"));
    }
    Ok(Mail {
        smtp_url: raw.smtp_url.clone(),
        mail_from,
        mail_max_attempts: raw.mail_max_attempts,
    })
}
