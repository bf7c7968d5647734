//! The order state machine: the one place that knows every legal transition, who may make
//! it and from which status. Pure; the service applies its decisions in a transaction.

pub mod drafts;
pub mod exif;
pub mod feeds;
pub mod moves;
pub mod pricing;
pub mod slot;
pub mod tabs;

use std::fmt;

/// Where an order stands. A hand-written enum rather than `status_enum!` because callers
/// iterate `Status::ALL` by value as an array; stored as text (ToSql/FromSql in `store`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    New,
    Offered,
    Assigned,
    InProgress,
    Reported,
    Completed,
    Unassigned,
    Disputed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::New,
        Status::Offered,
        Status::Assigned,
        Status::InProgress,
        Status::Reported,
        Status::Completed,
        Status::Unassigned,
        Status::Disputed,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Offered => "offered",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::Reported => "reported",
            Status::Completed => "completed",
            Status::Unassigned => "unassigned",
            Status::Disputed => "disputed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The Fluent id of the status' label.
    pub const fn label_key(self) -> &'static str {
        match self {
            Status::New => "status-new",
            Status::Offered => "status-offered",
            Status::Assigned => "status-assigned",
            Status::InProgress => "status-in-progress",
            Status::Reported => "status-reported",
            Status::Completed => "status-completed",
            Status::Unassigned => "status-unassigned",
            Status::Disputed => "status-disputed",
            Status::Cancelled => "status-cancelled",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(self, Status::Completed | Status::Cancelled)
    }

    /// Before the work starts: the order can still be (re)assigned or cancelled by the client.
    fn before_start(self) -> bool {
        matches!(
            self,
            Status::New | Status::Offered | Status::Assigned | Status::Unassigned
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::status_enum! {
    /// Where an offer of an order to a worker stands (`order_offers.status`).
    pub enum OfferStatus {
        Open = "open" => "offer-status-open",
        Accepted = "accepted" => "offer-status-accepted",
        Declined = "declined" => "offer-status-declined",
        Expired = "expired" => "offer-status-expired",
        Withdrawn = "withdrawn" => "offer-status-withdrawn",
    }
}

/// Who is acting. Admins act with a manager's powers on orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Client(i64),
    Worker(i64),
    Manager(i64),
    System,
}

impl Actor {
    pub fn user_id(self) -> Option<i64> {
        match self {
            Actor::Client(id) | Actor::Worker(id) | Actor::Manager(id) => Some(id),
            Actor::System => None,
        }
    }

    pub fn role_name(self) -> &'static str {
        match self {
            Actor::Client(_) => "client",
            Actor::Worker(_) => "worker",
            Actor::Manager(_) => "manager",
            Actor::System => "system",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Offer the order to a worker, who may accept or decline (manager or matching).
    Offer {
        worker_id: i64,
    },
    AcceptOffer,
    DeclineOffer,
    /// The assigned worker backs out before the kit is handed over.
    Withdraw,
    ExpireOffer,
    /// Assign directly, without asking (manager), also to reassign.
    Assign {
        worker_id: i64,
    },
    /// Matching gives the order to an eligible worker who volunteered on the job board.
    Volunteer {
        worker_id: i64,
    },
    /// Matching found nobody after the last attempt.
    MarkUnassigned,
    /// A manager starts a fresh round of matching for a waiting order.
    Rematch,
    /// A manager opens a waiting order to volunteers on the job board.
    OpenBoard,
    ConfirmKit,
    Start,
    Report,
    Sign,
    Refuse,
    /// Quality control settles a dispute.
    ResolveComplete,
    Cancel,
    /// Move the order to another time (client or manager, before the work starts);
    /// `keep_worker`: the assigned worker is free at the new time (`moves`).
    Reschedule {
        keep_worker: bool,
    },
}

impl Action {
    /// What the order's history records for this step.
    pub fn event(&self) -> EventAction {
        match self {
            Action::Offer { .. } => EventAction::Offer,
            Action::AcceptOffer => EventAction::AcceptOffer,
            Action::DeclineOffer => EventAction::DeclineOffer,
            Action::Withdraw => EventAction::Withdraw,
            Action::ExpireOffer => EventAction::ExpireOffer,
            Action::Assign { .. } => EventAction::Assign,
            Action::Volunteer { .. } => EventAction::Volunteer,
            Action::MarkUnassigned => EventAction::MarkUnassigned,
            Action::Rematch => EventAction::Rematch,
            Action::OpenBoard => EventAction::OpenBoard,
            Action::ConfirmKit => EventAction::ConfirmKit,
            Action::Start => EventAction::Start,
            Action::Report => EventAction::Report,
            Action::Sign => EventAction::Sign,
            Action::Refuse => EventAction::Refuse,
            Action::ResolveComplete => EventAction::ResolveComplete,
            Action::Cancel => EventAction::Cancel,
            Action::Reschedule { .. } => EventAction::Reschedule,
        }
    }
}

crate::status_enum! {
    /// What an order event records (`order_events.action`), with the Fluent id of its line
    /// in the order's history: placing the order, then every step (`Action::event` names one
    /// for each, so a new step cannot reach the history without a line here, and the tests
    /// beside the machine check that both languages have its message).
    pub enum EventAction {
        Create = "create" => "event-create",
        Offer = "offer" => "event-offer",
        AcceptOffer = "accept_offer" => "event-accept-offer",
        DeclineOffer = "decline_offer" => "event-decline-offer",
        Withdraw = "withdraw" => "event-withdraw",
        ExpireOffer = "expire_offer" => "event-expire-offer",
        Assign = "assign" => "event-assign",
        Volunteer = "volunteer" => "event-volunteer",
        MarkUnassigned = "mark_unassigned" => "event-mark-unassigned",
        Rematch = "rematch" => "event-rematch",
        OpenBoard = "open_board" => "event-open-board",
        ConfirmKit = "confirm_kit" => "event-confirm-kit",
        Start = "start" => "event-start",
        Report = "report" => "event-report",
        Sign = "sign" => "event-sign",
        Refuse = "refuse" => "event-refuse",
        ResolveComplete = "resolve_complete" => "event-resolve-complete",
        Cancel = "cancel" => "event-cancel",
        Reschedule = "reschedule" => "event-reschedule",
    }
}

/// Who reads an order's history: staff read every event as recorded; the client (and a
/// worker, who is shown no history) reads a worker's withdrawal only as the search for
/// another worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Staff,
    Client,
}

impl Reader {
    pub fn of(actor: Actor) -> Reader {
        match actor {
            Actor::Manager(_) | Actor::System => Reader::Staff,
            Actor::Client(_) | Actor::Worker(_) => Reader::Client,
        }
    }
}

impl EventAction {
    /// Whether `reader` reads who took the step and why. A withdrawal's reason is the
    /// worker's word to the staff (an illness, a family matter), not the client's business.
    pub fn details_shown_to(self, reader: Reader) -> bool {
        !matches!((self, reader), (EventAction::Withdraw, Reader::Client))
    }

    /// The Fluent id of the event's line as `reader` reads it.
    pub fn label_for(self, reader: Reader) -> &'static str {
        match (self, reader) {
            (EventAction::Withdraw, Reader::Client) => "event-withdraw-client",
            _ => self.label_key(),
        }
    }
}

/// What the machine needs to know about an order to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub status: Status,
    pub client_id: i64,
    pub worker_id: Option<i64>,
    /// The worker holding the open offer, if any.
    pub offered_to: Option<i64>,
    pub kit_received: bool,
}

/// Why a transition was refused: the app's one refusal (a Fluent message id).
pub use crate::error::Refusal;

/// Whether a job may be started at `now`: from `window_minutes` before its slot on.
pub fn start_allowed(
    scheduled_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    window_minutes: i64,
) -> bool {
    now >= scheduled_at - chrono::Duration::minutes(window_minutes)
}

/// Whether the assigned worker sees the client's phone: from assignment until the job is
/// completed (while it is being done or waits for the signature), never after.
pub fn client_phone_shown(status: Status) -> bool {
    matches!(
        status,
        Status::Assigned | Status::InProgress | Status::Reported
    )
}

/// Whether `now` is less than `hours` before `at` (or after it): a withdrawal this late
/// leaves the slot at risk.
pub fn within_hours_of(
    at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    hours: i64,
) -> bool {
    at - now < chrono::Duration::hours(hours)
}

/// Decides the status after `action` by `actor`, or why it may not happen.
pub fn decide(facts: &Facts, actor: Actor, action: &Action) -> Result<Status, Refusal> {
    use Action as A;
    use Status as S;
    let s = facts.status;
    let not_now = Err(Refusal("refuse-not-now"));
    let not_yours = Err(Refusal("refuse-not-yours"));
    match action {
        A::Offer { .. } | A::Assign { .. } => {
            if !matches!(actor, Actor::Manager(_) | Actor::System) {
                return not_yours;
            }
            if matches!(actor, Actor::System) && matches!(action, A::Assign { .. }) {
                return not_yours;
            }
            if !s.before_start() {
                return not_now;
            }
            Ok(if matches!(action, A::Offer { .. }) {
                S::Offered
            } else {
                S::Assigned
            })
        }
        A::AcceptOffer | A::DeclineOffer => match actor {
            Actor::Worker(w) if facts.offered_to == Some(w) && s == S::Offered => {
                Ok(if *action == A::AcceptOffer {
                    S::Assigned
                } else {
                    S::New
                })
            }
            Actor::Worker(_) if s != S::Offered => Err(Refusal("refuse-offer-gone")),
            _ => not_yours,
        },
        A::Volunteer { .. } => match actor {
            // Matching checked the volunteer's eligibility; an order on offer stays with its
            // offer until that is answered.
            Actor::System if matches!(s, S::New | S::Unassigned) => Ok(S::Assigned),
            Actor::System => Err(Refusal("refuse-board-taken")),
            _ => not_yours,
        },
        A::Withdraw => match actor {
            Actor::Worker(w) if facts.worker_id == Some(w) => match s {
                // Once the kit is in the worker's hands only a manager can move the job.
                S::Assigned if facts.kit_received => Err(Refusal("refuse-withdraw-kit-taken")),
                S::Assigned => Ok(S::New),
                S::InProgress | S::Reported => Err(Refusal("refuse-withdraw-kit-taken")),
                _ => not_now,
            },
            _ => not_yours,
        },
        // Both change who will do the order without moving its status: recorded under the
        // manager like an offer, so a stake holder cannot steer it and a steerer cannot bet.
        A::Rematch | A::OpenBoard => match (actor, s) {
            (Actor::Manager(_), S::New | S::Unassigned) => Ok(s),
            (Actor::Manager(_), _) => not_now,
            _ => not_yours,
        },
        A::ExpireOffer | A::MarkUnassigned => {
            if actor != Actor::System {
                return not_yours;
            }
            match (action, s) {
                (A::ExpireOffer, S::Offered) => Ok(S::New),
                (A::MarkUnassigned, S::New | S::Offered) => Ok(S::Unassigned),
                _ => not_now,
            }
        }
        A::ConfirmKit | A::Start | A::Report => {
            let own = matches!(actor, Actor::Worker(w) if facts.worker_id == Some(w));
            let manager_kit = matches!(actor, Actor::Manager(_)) && *action == A::ConfirmKit;
            if !own && !manager_kit {
                return not_yours;
            }
            match (action, s) {
                (A::ConfirmKit, S::Assigned) if facts.kit_received => {
                    Err(Refusal("refuse-kit-already"))
                }
                (A::ConfirmKit, S::Assigned) => Ok(S::Assigned),
                (A::Start, S::Assigned) if !facts.kit_received => Err(Refusal("refuse-kit-first")),
                (A::Start, S::Assigned) => Ok(S::InProgress),
                (A::Report, S::InProgress) => Ok(S::Reported),
                _ => not_now,
            }
        }
        A::Sign | A::Refuse => match actor {
            Actor::Client(c) if c == facts.client_id => {
                if s == S::Reported {
                    Ok(if *action == A::Sign {
                        S::Completed
                    } else {
                        S::Disputed
                    })
                } else {
                    not_now
                }
            }
            _ => not_yours,
        },
        A::ResolveComplete => match (actor, s) {
            (Actor::Manager(_), S::Disputed) => Ok(S::Completed),
            (Actor::Manager(_), _) => not_now,
            _ => not_yours,
        },
        A::Cancel => match actor {
            Actor::Client(c) if c == facts.client_id => {
                if s.before_start() {
                    Ok(S::Cancelled)
                } else {
                    Err(Refusal("refuse-cancel-started"))
                }
            }
            Actor::Manager(_) => {
                if s.is_final() {
                    not_now
                } else {
                    Ok(S::Cancelled)
                }
            }
            _ => not_yours,
        },
        A::Reschedule { keep_worker } => moves::decide_move(facts, actor, *keep_worker),
    }
}

/// The client's cancellation fee: a share of the total once a worker is assigned (rounded
/// half up to the minor unit), nothing before. Managers' cancellations carry no fee.
pub fn cancellation_fee(status: Status, actor: Actor, total_minor: i64, fee_percent: i64) -> i64 {
    match (actor, status) {
        (Actor::Client(_), Status::Assigned) => (total_minor * fee_percent + 50) / 100,
        _ => 0,
    }
}

#[cfg(test)]
mod tests;
