//! The notification kinds' rules: names, audiences, mail and retry timing.

use super::*;

#[test]
fn retries_back_off_exponentially_with_a_cap() {
    let delays: Vec<i64> = (1..=5).map(|a| retry_delay(a).num_minutes()).collect();
    assert_eq!(delays, vec![1, 2, 4, 8, 16]);
    assert_eq!(retry_delay(40).num_minutes(), 360);
}

#[test]
fn every_kind_has_its_title_body_and_preference_in_both_languages() {
    use crate::i18n::{Lang, audit};
    let mut missing = Vec::new();
    for kind in Kind::ALL {
        for key in [kind.title_key(), kind.body_key(), kind.preference_key()] {
            for lang in Lang::ALL {
                if audit::vars_of(lang, &key).is_none() {
                    missing.push(format!("{} {key}", lang.code()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "notifications without a message: {missing:?}"
    );
}

#[test]
fn attachments_round_trip_through_their_columns() {
    let (name, id) = Attachment::OrderCalendar(7).columns();
    assert_eq!(
        Attachment::from_columns(name, id),
        Some(Attachment::OrderCalendar(7))
    );
    let (name, id) = Attachment::JobCalendar(7).columns();
    assert_eq!(
        Attachment::from_columns(name, id),
        Some(Attachment::JobCalendar(7))
    );
    assert_eq!(Attachment::from_columns("unknown", 7), None);
}

#[test]
fn kinds_round_trip_and_name_their_texts() {
    for kind in Kind::ALL {
        assert_eq!(Kind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(Kind::MailDead.title_key(), "notif-mail-dead-title");
    assert!(!Kind::MailDead.for_role(Role::Client));
    assert!(!Kind::MailDead.emailable());
}
