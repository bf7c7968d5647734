//! What an order's confirmations and pages say about its visit's reminder: when it will come,
//! that it came, or that there is none because the slot was set inside the reminder window.

use chrono::{DateTime, Utc};

use crate::config::OrderRules;
use crate::i18n::Arg;
use crate::orders::model::Status;

/// The reminder of one slot as a reader is told of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderNote {
    /// It will go out at this time.
    At(DateTime<Utc>),
    /// It went out at this time.
    Sent(DateTime<Utc>),
    /// The slot was set less than `hours` before the visit: no reminder.
    TooClose { hours: i64 },
}

impl ReminderNote {
    /// What a confirmation says of a slot at `scheduled_at` set at `slot_set_at`: the same
    /// rule the reminder pass follows, so the promise and the pass agree.
    pub fn promised(
        rules: &OrderRules,
        scheduled_at: DateTime<Utc>,
        slot_set_at: DateTime<Utc>,
    ) -> ReminderNote {
        match rules.reminder_at(scheduled_at, slot_set_at) {
            Some(at) => ReminderNote::At(at),
            None => ReminderNote::TooClose {
                hours: rules.reminder_hours,
            },
        }
    }

    /// The arguments a confirmation's text takes (`reminder` picks the sentence):
    /// `reminder = at | none`, `remind_at`, `reminder_hours`. Any message about a placed or
    /// moved slot adds them, so all such confirmations read alike. Every one is given, the
    /// unused one a placeholder, since a message is written from all its variables.
    pub fn args(self) -> Vec<(&'static str, Arg)> {
        let (choice, at, hours) = match self {
            ReminderNote::At(at) | ReminderNote::Sent(at) => ("at", at, 0),
            ReminderNote::TooClose { hours } => ("none", DateTime::UNIX_EPOCH, hours),
        };
        vec![
            ("reminder", Arg::Str(choice.into())),
            ("remind_at", Arg::Time(at)),
            ("reminder_hours", Arg::Num(hours)),
        ]
    }
}

/// Whether an order in `status` is still to be reminded of: placed and not yet started.
pub fn awaits_visit(status: Status) -> bool {
    matches!(
        status,
        Status::New | Status::Offered | Status::Assigned | Status::Unassigned
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rules() -> OrderRules {
        crate::config::Settings::defaults(std::path::Path::new("unused")).orders
    }

    #[test]
    fn an_early_slot_is_promised_its_reminder_and_a_late_one_is_told_there_is_none() {
        let r = rules();
        let slot = Utc.with_ymd_and_hms(2026, 5, 10, 9, 0, 0).unwrap();
        let early = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        let due = Utc.with_ymd_and_hms(2026, 5, 9, 9, 0, 0).unwrap();
        assert_eq!(
            ReminderNote::promised(&r, slot, early),
            ReminderNote::At(due)
        );
        let late = Utc.with_ymd_and_hms(2026, 5, 9, 18, 0, 0).unwrap();
        let none = ReminderNote::promised(&r, slot, late);
        assert_eq!(none, ReminderNote::TooClose { hours: 24 });
        assert!(matches!(none.args()[0].1, Arg::Str(ref s) if s == "none"));
    }

    #[test]
    fn only_orders_not_yet_started_await_their_visit() {
        assert!(awaits_visit(Status::Assigned));
        assert!(awaits_visit(Status::Unassigned));
        assert!(!awaits_visit(Status::InProgress));
        assert!(!awaits_visit(Status::Cancelled));
        assert!(!awaits_visit(Status::Completed));
    }
}
