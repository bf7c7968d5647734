//! The files mails carry, written by the contexts that own what they show: notifications
//! name an attachment when a mail is queued, and the dispatcher asks for it here as it sends.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::i18n::Tr;
use crate::notify::mailer::AttachmentRenderer;
use crate::notify::model::Attachment;

/// Orders' calendars: a booked visit as the client's appointment.
pub struct OrderCalendars<'a> {
    pub base_url: &'a str,
}

impl AttachmentRenderer for OrderCalendars<'_> {
    fn render(
        &self,
        conn: &Connection,
        attachment: Attachment,
        tr: Tr,
        now: DateTime<Utc>,
    ) -> rusqlite::Result<Option<String>> {
        match attachment {
            Attachment::OrderCalendar(order_id) => {
                crate::orders::feeds::appointment_of(conn, order_id, tr, self.base_url, now)
            }
        }
    }
}
