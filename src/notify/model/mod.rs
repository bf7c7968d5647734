//! Notification kinds, who may receive each, the files a mail can carry, and the retry
//! schedule of the email outbox.

use chrono::Duration;

use crate::identity::Role;

crate::status_enum! {
    /// Where an outbox mail stands: waiting for a (next) attempt, delivered, or given up.
    pub enum OutboxStatus {
        Pending = "pending" => "mail-pending",
        Sent = "sent" => "mail-sent",
        Dead = "dead" => "mail-dead",
    }
}

/// Every kind of notification. Later contexts add theirs here so preferences, texts and
/// the admin queue know them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Welcome,
    /// A password reset link (email only, always sent, never a preference).
    PasswordReset,
    /// An admin's invitation to join, with the link to choose a password (email only).
    Invitation,
    /// An email could not be delivered after the last try (admins only, in-app only).
    MailDead,
    /// A scheduled backup failed (admins).
    BackupFailed,
    // orders, to the client
    OrderReceived,
    OrderAssigned,
    OrderStarted,
    OrderReported,
    OrderCompleted,
    OrderCancelled,
    // orders, to the worker
    OfferNew,
    OfferExpired,
    JobAssigned,
    JobCancelled,
    // orders, to managers
    OrderToAssign,
    OfferDeclined,
    OrderDisputed,
    OrderUnassigned,
    // hiring
    TestAssigned,
    Hired,
    // supply, to managers
    StockLow,
    KitShort,
    ExtraRequested,
    // supply, to the worker
    KitReady,
    ExtraApproved,
    ExtraRefused,
    // billing, to the client
    InvoiceIssued,
    PaymentSucceeded,
    PaymentFailed,
    PaymentRetryFailed,
    // billing, to the worker
    PayoutSent,
    DailyEarnings,
    FineOrBonus,
    // billing, to managers
    ChargeFailed,
    PayoutFailed,
    // quality control, to the reviewer
    ReviewAssigned,
    // hiring: re-certification, to the worker; the kind refusal, to the candidate
    RecertAssigned,
    RecertDueSoon,
    RecertDecided,
    CandidateRejected,
    // orders (issue 19): withdrawals, signatures, local fortunes, refunds and adjustments
    JobWithdrawn,
    OrderAtRisk,
    OrderSigned,
    OrderRefused,
    KitLocalFortune,
    OrderRefunded,
    PriceAdjusted,
    PayoutHeld,
    BalanceAdjusted,
    OrderNotPlaced,
    // experiments, to managers
    ExperimentSampleReached,
    ExperimentGuardrail,
    // the schedule: a visit's reminder, to the client and to the worker
    VisitReminder,
    JobReminder,
    // schedule: series
    /// A visit of a series could not be placed (to its client and the managers).
    SeriesVisitNotPlaced,
    /// A manager changed a client's series.
    SeriesChanged,
    // the schedule: an order moved to another time
    OrderMoved,
    JobMoved,
    JobMovedAway,
    OrderMovedUnplaced,
}

impl Kind {
    pub const ALL: [Kind; 61] = [
        Kind::Welcome,
        Kind::PasswordReset,
        Kind::Invitation,
        Kind::MailDead,
        Kind::BackupFailed,
        Kind::OrderReceived,
        Kind::OrderAssigned,
        Kind::OrderStarted,
        Kind::OrderReported,
        Kind::OrderCompleted,
        Kind::OrderCancelled,
        Kind::OfferNew,
        Kind::OfferExpired,
        Kind::JobAssigned,
        Kind::JobCancelled,
        Kind::OrderToAssign,
        Kind::OfferDeclined,
        Kind::OrderDisputed,
        Kind::OrderUnassigned,
        Kind::TestAssigned,
        Kind::Hired,
        Kind::StockLow,
        Kind::KitShort,
        Kind::ExtraRequested,
        Kind::KitReady,
        Kind::ExtraApproved,
        Kind::ExtraRefused,
        Kind::InvoiceIssued,
        Kind::PaymentSucceeded,
        Kind::PaymentFailed,
        Kind::PaymentRetryFailed,
        Kind::PayoutSent,
        Kind::DailyEarnings,
        Kind::FineOrBonus,
        Kind::ChargeFailed,
        Kind::PayoutFailed,
        Kind::ReviewAssigned,
        // hiring
        Kind::RecertAssigned,
        Kind::RecertDueSoon,
        Kind::RecertDecided,
        Kind::CandidateRejected,
        // orders (issue 19)
        Kind::JobWithdrawn,
        Kind::OrderAtRisk,
        Kind::OrderSigned,
        Kind::OrderRefused,
        Kind::KitLocalFortune,
        Kind::OrderRefunded,
        Kind::PriceAdjusted,
        Kind::PayoutHeld,
        Kind::BalanceAdjusted,
        Kind::OrderNotPlaced,
        Kind::ExperimentSampleReached,
        Kind::ExperimentGuardrail,
        Kind::VisitReminder,
        Kind::JobReminder,
        Kind::SeriesVisitNotPlaced,
        Kind::SeriesChanged,
        // the schedule: moves
        Kind::OrderMoved,
        Kind::JobMoved,
        Kind::JobMovedAway,
        Kind::OrderMovedUnplaced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Welcome => "welcome",
            Kind::PasswordReset => "password_reset",
            Kind::Invitation => "invitation",
            Kind::MailDead => "mail_dead",
            Kind::BackupFailed => "backup_failed",
            Kind::OrderReceived => "order_received",
            Kind::OrderAssigned => "order_assigned",
            Kind::OrderStarted => "order_started",
            Kind::OrderReported => "order_reported",
            Kind::OrderCompleted => "order_completed",
            Kind::OrderCancelled => "order_cancelled",
            Kind::OfferNew => "offer_new",
            Kind::OfferExpired => "offer_expired",
            Kind::JobAssigned => "job_assigned",
            Kind::JobCancelled => "job_cancelled",
            Kind::OrderToAssign => "order_to_assign",
            Kind::OfferDeclined => "offer_declined",
            Kind::OrderDisputed => "order_disputed",
            Kind::OrderUnassigned => "order_unassigned",
            Kind::TestAssigned => "test_assigned",
            Kind::Hired => "hired",
            Kind::StockLow => "stock_low",
            Kind::KitShort => "kit_short",
            Kind::ExtraRequested => "extra_requested",
            Kind::KitReady => "kit_ready",
            Kind::ExtraApproved => "extra_approved",
            Kind::ExtraRefused => "extra_refused",
            Kind::InvoiceIssued => "invoice_issued",
            Kind::PaymentSucceeded => "payment_succeeded",
            Kind::PaymentFailed => "payment_failed",
            Kind::PaymentRetryFailed => "payment_retry_failed",
            Kind::ChargeFailed => "charge_failed",
            Kind::PayoutSent => "payout_sent",
            Kind::PayoutFailed => "payout_failed",
            Kind::DailyEarnings => "daily_earnings",
            Kind::FineOrBonus => "fine_or_bonus",
            Kind::ReviewAssigned => "review_assigned",
            // hiring
            Kind::RecertAssigned => "recert_assigned",
            Kind::RecertDueSoon => "recert_due_soon",
            Kind::RecertDecided => "recert_decided",
            Kind::CandidateRejected => "candidate_rejected",
            // orders (issue 19)
            Kind::JobWithdrawn => "job_withdrawn",
            Kind::OrderAtRisk => "order_at_risk",
            Kind::OrderSigned => "order_signed",
            Kind::OrderRefused => "order_refused",
            Kind::KitLocalFortune => "kit_local_fortune",
            Kind::OrderRefunded => "order_refunded",
            Kind::PriceAdjusted => "price_adjusted",
            Kind::PayoutHeld => "payout_held",
            Kind::BalanceAdjusted => "balance_adjusted",
            Kind::OrderNotPlaced => "order_not_placed",
            Kind::ExperimentSampleReached => "experiment_sample_reached",
            Kind::ExperimentGuardrail => "experiment_guardrail",
            Kind::VisitReminder => "visit_reminder",
            Kind::JobReminder => "job_reminder",
            Kind::SeriesVisitNotPlaced => "series_visit_not_placed",
            Kind::SeriesChanged => "series_changed",
            // the schedule: moves
            Kind::OrderMoved => "order_moved",
            Kind::JobMoved => "job_moved",
            Kind::JobMovedAway => "job_moved_away",
            Kind::OrderMovedUnplaced => "order_moved_unplaced",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Fluent ids of the title and body.
    pub fn title_key(self) -> String {
        format!("notif-{}-title", self.as_str().replace('_', "-"))
    }
    pub fn body_key(self) -> String {
        format!("notif-{}-body", self.as_str().replace('_', "-"))
    }
    /// What the kind is called where people choose what to receive (titles take arguments).
    pub fn preference_key(self) -> String {
        format!("notif-{}-pref", self.as_str().replace('_', "-"))
    }

    /// Roles that can receive this kind (and so see it on their preferences page).
    pub fn for_role(self, role: Role) -> bool {
        use Kind as K;
        match self {
            K::Welcome => true,
            K::PasswordReset | K::Invitation => false,
            K::Hired => matches!(role, Role::Worker | Role::Candidate),
            K::TestAssigned => role == Role::Candidate,
            K::MailDead | K::BackupFailed => role == Role::Admin,
            K::OrderReceived
            | K::OrderAssigned
            | K::OrderStarted
            | K::OrderReported
            | K::OrderCompleted
            | K::OrderCancelled
            | K::InvoiceIssued
            | K::PaymentSucceeded
            | K::PaymentFailed
            | K::PaymentRetryFailed => role == Role::Client,
            K::OfferNew
            | K::OfferExpired
            | K::JobAssigned
            | K::JobCancelled
            | K::KitReady
            | K::ExtraApproved
            | K::ExtraRefused
            | K::PayoutSent
            | K::DailyEarnings
            | K::FineOrBonus => role == Role::Worker,
            K::OrderToAssign
            | K::OfferDeclined
            | K::OrderDisputed
            | K::OrderUnassigned
            | K::StockLow
            | K::KitShort
            | K::ExtraRequested
            | K::ChargeFailed
            | K::PayoutFailed
            | K::ReviewAssigned => matches!(role, Role::Manager | Role::Admin),
            // hiring
            K::RecertAssigned | K::RecertDueSoon | K::RecertDecided => role == Role::Worker,
            K::CandidateRejected => role == Role::Candidate,
            // orders (issue 19)
            K::JobWithdrawn | K::KitLocalFortune => matches!(role, Role::Manager | Role::Admin),
            K::OrderAtRisk => role == Role::Client,
            K::OrderSigned | K::OrderRefused => role == Role::Worker,
            K::OrderRefunded | K::PriceAdjusted | K::BalanceAdjusted => {
                matches!(role, Role::Client | Role::Worker)
            }
            K::PayoutHeld => role == Role::Worker,
            K::OrderNotPlaced => role == Role::Client,
            K::ExperimentSampleReached | K::ExperimentGuardrail => {
                matches!(role, Role::Manager | Role::Admin)
            }
            K::VisitReminder => role == Role::Client,
            K::JobReminder => role == Role::Worker,
            K::SeriesVisitNotPlaced => matches!(role, Role::Client | Role::Manager | Role::Admin),
            K::SeriesChanged => role == Role::Client,
            // the schedule: moves
            K::OrderMoved => role == Role::Client,
            K::JobMoved | K::JobMovedAway => role == Role::Worker,
            K::OrderMovedUnplaced => matches!(role, Role::Manager | Role::Admin),
        }
    }

    /// Whether the user may choose email for this kind. A failed-mail alert goes in-app only:
    /// mailing about broken mail would only queue more mail that cannot be delivered.
    pub fn emailable(self) -> bool {
        !matches!(self, Kind::MailDead)
    }
}

/// A file a mail carries, named by what it shows: the dispatcher has it written when it sends
/// (see `mailer::AttachmentRenderer`), so it shows what is true then, in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attachment {
    /// One order's visit as an iCalendar appointment, for its client's calendar.
    OrderCalendar(i64),
    /// One order's visit as the assigned worker's calendar feed shows it (the feed's rules on
    /// what a calendar file may carry), for that worker's calendar.
    JobCalendar(i64),
}

impl Attachment {
    /// The outbox's `attachment` and `attachment_id` columns.
    pub fn columns(self) -> (&'static str, i64) {
        match self {
            Attachment::OrderCalendar(order_id) => ("order_calendar", order_id),
            Attachment::JobCalendar(order_id) => ("job_calendar", order_id),
        }
    }

    pub fn from_columns(name: &str, id: i64) -> Option<Attachment> {
        match name {
            "order_calendar" => Some(Attachment::OrderCalendar(id)),
            "job_calendar" => Some(Attachment::JobCalendar(id)),
            _ => None,
        }
    }
}

/// Delay before retry number `attempt` (1-based): 1, 2, 4, 8 … minutes, at most 6 hours.
pub fn retry_delay(attempt: u32) -> Duration {
    let minutes = 1i64 << attempt.saturating_sub(1).min(16);
    Duration::minutes(minutes.min(6 * 60))
}

/// How long a dispatcher holds a claimed row before another may take it over (crash safety).
pub fn claim_lease() -> Duration {
    Duration::minutes(10)
}

#[cfg(test)]
mod tests;
