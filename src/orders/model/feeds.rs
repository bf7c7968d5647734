//! Orders as calendar events: a worker's jobs, every job for managers, and one client's
//! appointment, as iCalendar text (see `ics`). Each event's UID is the order's, so calendar
//! apps update an event when its order moves instead of adding another.

use std::collections::BTreeMap;

use crate::i18n::{Arg, Tr};
use crate::ics;
use crate::orders::model::Status;
use crate::orders::store::Order;
use chrono::{DateTime, Utc};

/// Whose jobs a feed holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Worker(i64),
    All,
}

/// Whether the client's order page offers its appointment for a calendar: while the visit
/// is still ahead or under way.
pub fn appointment_ahead(status: Status) -> bool {
    matches!(
        status,
        Status::New | Status::Offered | Status::Assigned | Status::Unassigned | Status::InProgress
    )
}

/// What an event of the feed or the appointment says, in the reader's language.
pub struct Wording<'a> {
    pub tr: Tr,
    /// Where workers collect kits unless a kit has its own point (only in staff and worker
    /// feeds).
    pub pickup_point: Option<&'a str>,
    /// The kits with a point of their own, by order.
    pub kit_points: &'a BTreeMap<i64, String>,
    /// Whether to name the worker (managers' feed, the client's appointment).
    pub show_worker: bool,
    /// `order-7@<host>`: the host part of every UID.
    pub uid_host: &'a str,
    /// The staff feed's link to each order (`<base>/manage/orders/`). A staff feed is polled
    /// and kept by calendar providers and carries every client's jobs, so it holds no client
    /// name, address, access notes or notes: the link opens them behind a login.
    pub staff_link: Option<&'a str>,
}

pub fn event(o: &Order, w: &Wording) -> ics::Event {
    let tr = &w.tr;
    let mut lines = vec![format!(
        "{}: {}",
        tr.t("calendar-event-status"),
        tr.t(o.status.label_key())
    )];
    let staff_url = w.staff_link.map(|base| format!("{base}{}", o.id));
    let private = staff_url.is_none();
    if private && w.pickup_point.is_some() {
        lines.push(format!("{}: {}", tr.t("order-client"), o.client_name));
    }
    if let (true, Some(name)) = (w.show_worker, &o.worker_name) {
        lines.push(format!("{}: {name}", tr.t("calendar-event-worker")));
    }
    if let Some(first) = w.pickup_point {
        let point = w.kit_points.get(&o.id).map_or(first, String::as_str);
        lines.push(format!("{}: {point}", tr.t("calendar-event-pickup")));
    }
    if private && !o.notes.is_empty() {
        // The client reads their own notes as what they asked of the worker.
        let label = if w.pickup_point.is_some() {
            "job-client-notes"
        } else {
            "field-notes"
        };
        lines.push(format!("{}: {}", tr.t(label), o.notes));
    }
    if let Some(url) = &staff_url {
        lines.push(format!("{}: {url}", tr.t("calendar-event-details")));
    }
    ics::Event {
        uid: format!("order-{}@{}", o.id, w.uid_host),
        start: o.scheduled_at,
        end: o.ends_at(),
        summary: tr.t_args(
            "calendar-event-summary",
            &[
                ("service", Arg::from(o.service_name(tr.lang))),
                ("id", Arg::from(o.id.to_string())),
            ],
        ),
        location: if private {
            o.address_text.clone()
        } else {
            String::new()
        },
        description: lines.join("\n"),
        url: staff_url,
    }
}

/// One order as a calendar of its own, for its client: the `.ics` of the order page and of
/// the booking confirmation mail, named after the company.
pub fn appointment(
    o: &Order,
    tr: Tr,
    (base_url, company): (&str, &str),
    stamp: DateTime<Utc>,
) -> String {
    let wording = Wording {
        tr,
        pickup_point: None,
        kit_points: &BTreeMap::new(),
        show_worker: true,
        uid_host: uid_host(base_url),
        staff_link: None,
    };
    one_event(o, &wording, company, stamp)
}

/// One order as a calendar of its own, for its assigned worker: the event exactly as the
/// worker's private feed writes it (client, address, notes, kit pickup point; no staff
/// link), so a file mailed to the worker never carries more than the feed does.
pub fn job_appointment(
    o: &Order,
    tr: Tr,
    (base_url, company): (&str, &str),
    (pickup_point, kit_points): (&str, &BTreeMap<i64, String>),
    stamp: DateTime<Utc>,
) -> String {
    let wording = Wording {
        tr,
        pickup_point: Some(pickup_point),
        kit_points,
        show_worker: false,
        uid_host: uid_host(base_url),
        staff_link: None,
    };
    one_event(o, &wording, company, stamp)
}

/// A calendar named after the company holding the one order's event.
fn one_event(o: &Order, wording: &Wording, company: &str, stamp: DateTime<Utc>) -> String {
    ics::calendar(
        &wording.tr.t_args(
            "calendar-appointment-name",
            &[("company", Arg::Str(company.to_string()))],
        ),
        &[event(o, wording)],
        stamp,
    )
}

/// Whether the assigned worker's job file is offered: while the job is taken and ahead.
pub fn job_ahead(status: Status) -> bool {
    matches!(status, Status::Assigned | Status::InProgress)
}

/// The host of the public URL, for UIDs (`whiskerworks.example` of
/// `https://whiskerworks.example/`).
pub fn uid_host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "whiskerworks"
    } else {
        host
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_take_the_public_host() {
        assert_eq!(uid_host("https://ww.example.com/"), "ww.example.com");
        assert_eq!(uid_host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(uid_host(""), "whiskerworks");
    }

    #[test]
    fn the_workers_job_file_is_written_only_while_the_job_is_taken_and_ahead() {
        assert!(job_ahead(Status::Assigned));
        assert!(job_ahead(Status::InProgress));
        assert!(!job_ahead(Status::Offered));
        assert!(!job_ahead(Status::Cancelled));
    }

    #[test]
    fn the_appointment_is_offered_while_the_visit_is_ahead() {
        assert!(appointment_ahead(Status::Assigned));
        assert!(appointment_ahead(Status::New));
        assert!(!appointment_ahead(Status::Cancelled));
        assert!(!appointment_ahead(Status::Completed));
    }
}
