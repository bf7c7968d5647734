//! Every (status, action, actor) combination: the legal ones move to the expected status,
//! every other one is refused with a reason.

use super::*;
use chrono::TimeZone;

const OWNER: i64 = 1;
const OTHER_CLIENT: i64 = 2;
const ASSIGNED_WORKER: i64 = 10;
const OFFERED_WORKER: i64 = 11;
const OTHER_WORKER: i64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Owner,
    OtherClient,
    AssignedWorker,
    OfferedWorker,
    OtherWorker,
    Manager,
    System,
}

const EVERYONE: [Who; 7] = [
    Who::Owner,
    Who::OtherClient,
    Who::AssignedWorker,
    Who::OfferedWorker,
    Who::OtherWorker,
    Who::Manager,
    Who::System,
];

fn actor(who: Who) -> Actor {
    match who {
        Who::Owner => Actor::Client(OWNER),
        Who::OtherClient => Actor::Client(OTHER_CLIENT),
        Who::AssignedWorker => Actor::Worker(ASSIGNED_WORKER),
        Who::OfferedWorker => Actor::Worker(OFFERED_WORKER),
        Who::OtherWorker => Actor::Worker(OTHER_WORKER),
        Who::Manager => Actor::Manager(99),
        Who::System => Actor::System,
    }
}

fn facts(status: Status) -> Facts {
    use Status as S;
    let has_worker = matches!(
        status,
        S::Assigned | S::InProgress | S::Reported | S::Completed | S::Disputed
    );
    Facts {
        status,
        client_id: OWNER,
        worker_id: has_worker.then_some(ASSIGNED_WORKER),
        offered_to: (status == S::Offered).then_some(OFFERED_WORKER),
        kit_received: matches!(
            status,
            S::InProgress | S::Reported | S::Completed | S::Disputed
        ),
    }
}

fn all_actions() -> Vec<Action> {
    vec![
        Action::Offer {
            worker_id: OTHER_WORKER,
        },
        Action::AcceptOffer,
        Action::DeclineOffer,
        Action::Withdraw,
        Action::ExpireOffer,
        Action::Assign {
            worker_id: OTHER_WORKER,
        },
        Action::MarkUnassigned,
        Action::Volunteer {
            worker_id: OTHER_WORKER,
        },
        Action::ConfirmKit,
        Action::Start,
        Action::Report,
        Action::Sign,
        Action::Refuse,
        Action::ResolveComplete,
        Action::Cancel,
    ]
}

/// The legal moves, written out as the spec states them.
fn expected(status: Status, action: &Action, who: Who) -> Option<Status> {
    use Status as S;
    use Who as W;
    let before_start = matches!(status, S::New | S::Offered | S::Assigned | S::Unassigned);
    match action {
        Action::Offer { .. } if before_start && matches!(who, W::Manager | W::System) => {
            Some(S::Offered)
        }
        Action::Assign { .. } if before_start && who == W::Manager => Some(S::Assigned),
        Action::Volunteer { .. }
            if matches!(status, S::New | S::Unassigned) && who == W::System =>
        {
            Some(S::Assigned)
        }
        Action::AcceptOffer if status == S::Offered && who == W::OfferedWorker => Some(S::Assigned),
        Action::DeclineOffer if status == S::Offered && who == W::OfferedWorker => Some(S::New),
        Action::ExpireOffer if status == S::Offered && who == W::System => Some(S::New),
        // `facts` has the kit received only once the job started.
        Action::Withdraw if status == S::Assigned && who == W::AssignedWorker => Some(S::New),
        Action::MarkUnassigned if matches!(status, S::New | S::Offered) && who == W::System => {
            Some(S::Unassigned)
        }
        Action::ConfirmKit
            if status == S::Assigned && matches!(who, W::AssignedWorker | W::Manager) =>
        {
            Some(S::Assigned)
        }
        Action::Report if status == S::InProgress && who == W::AssignedWorker => Some(S::Reported),
        Action::Sign if status == S::Reported && who == W::Owner => Some(S::Completed),
        Action::Refuse if status == S::Reported && who == W::Owner => Some(S::Disputed),
        Action::ResolveComplete if status == S::Disputed && who == W::Manager => Some(S::Completed),
        Action::Cancel if before_start && who == W::Owner => Some(S::Cancelled),
        Action::Cancel if !status.is_final() && who == W::Manager => Some(S::Cancelled),
        _ => None,
    }
}

#[test]
fn every_status_action_and_actor_combination_moves_or_is_refused() {
    let mut checked = 0;
    for status in Status::ALL {
        for action in all_actions() {
            for who in EVERYONE {
                let result = decide(&facts(status), actor(who), &action);
                match expected(status, &action, who) {
                    Some(to) => assert_eq!(result, Ok(to), "{status} {action:?} by {who:?}"),
                    None => {
                        let refusal = result.expect_err(&format!(
                            "{status} {action:?} by {who:?} should be refused"
                        ));
                        assert!(refusal.0.starts_with("refuse-"), "a reason is given");
                    }
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 9 * 15 * 7);
}

#[test]
fn the_worker_starts_only_after_confirming_the_kit() {
    let mut f = facts(Status::Assigned);
    let worker = actor(Who::AssignedWorker);
    assert_eq!(
        decide(&f, worker, &Action::Start),
        Err(Refusal("refuse-kit-first"))
    );
    f.kit_received = true;
    assert_eq!(decide(&f, worker, &Action::Start), Ok(Status::InProgress));
    assert_eq!(
        decide(&f, worker, &Action::ConfirmKit),
        Err(Refusal("refuse-kit-already"))
    );
    assert!(decide(&f, actor(Who::OtherWorker), &Action::Start).is_err());
    assert!(
        decide(&f, actor(Who::Manager), &Action::Start).is_err(),
        "only the worker starts the job"
    );
}

#[test]
fn a_worker_withdraws_only_until_the_kit_is_handed_over() {
    let mut f = facts(Status::Assigned);
    let worker = actor(Who::AssignedWorker);
    assert_eq!(decide(&f, worker, &Action::Withdraw), Ok(Status::New));
    f.kit_received = true;
    assert_eq!(
        decide(&f, worker, &Action::Withdraw),
        Err(Refusal("refuse-withdraw-kit-taken"))
    );
    assert_eq!(
        decide(&facts(Status::InProgress), worker, &Action::Withdraw),
        Err(Refusal("refuse-withdraw-kit-taken"))
    );
    assert_eq!(
        decide(
            &facts(Status::Assigned),
            actor(Who::OtherWorker),
            &Action::Withdraw
        ),
        Err(Refusal("refuse-not-yours"))
    );
    assert_eq!(
        decide(
            &facts(Status::Assigned),
            actor(Who::Manager),
            &Action::Withdraw
        ),
        Err(Refusal("refuse-not-yours")),
        "a manager reassigns instead"
    );
}

#[test]
fn refusals_say_why() {
    let f = facts(Status::InProgress);
    assert_eq!(
        decide(&f, actor(Who::Owner), &Action::Cancel),
        Err(Refusal("refuse-cancel-started"))
    );
    assert_eq!(
        decide(&f, actor(Who::OtherClient), &Action::Cancel),
        Err(Refusal("refuse-not-yours"))
    );
    let f = facts(Status::Assigned);
    assert_eq!(
        decide(&f, actor(Who::OfferedWorker), &Action::AcceptOffer),
        Err(Refusal("refuse-offer-gone"))
    );
}

#[test]
fn a_client_pays_the_fee_only_once_a_worker_is_assigned() {
    let client = Actor::Client(OWNER);
    assert_eq!(cancellation_fee(Status::New, client, 450_000, 10), 0);
    assert_eq!(cancellation_fee(Status::Offered, client, 450_000, 10), 0);
    assert_eq!(
        cancellation_fee(Status::Assigned, client, 450_000, 10),
        45_000
    );
    assert_eq!(
        cancellation_fee(Status::Assigned, client, 12_345, 10),
        1_235,
        "rounded half up"
    );
    assert_eq!(
        cancellation_fee(Status::Assigned, Actor::Manager(9), 450_000, 10),
        0
    );
}

#[test]
fn statuses_round_trip_through_their_names() {
    for s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()), Some(s));
    }
    assert_eq!(Status::parse("lost"), None);
}

#[test]
fn a_job_starts_from_its_window_before_the_slot_on() {
    let slot = chrono::Utc.with_ymd_and_hms(2026, 3, 3, 7, 0, 0).unwrap();
    let minutes = |m: i64| slot + chrono::Duration::minutes(m);
    assert!(!start_allowed(slot, minutes(-31), 30));
    assert!(start_allowed(slot, minutes(-30), 30));
    assert!(start_allowed(slot, minutes(90), 30), "late is allowed");
}

#[test]
fn a_withdrawal_is_late_inside_the_window_before_the_slot() {
    let slot = chrono::Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let hours = |h| slot - chrono::Duration::hours(h);
    assert!(!within_hours_of(slot, hours(25), 24));
    assert!(
        !within_hours_of(slot, hours(24), 24),
        "exactly N hours before is in time"
    );
    assert!(within_hours_of(slot, hours(23), 24));
    assert!(
        !within_hours_of(slot, hours(1), 0),
        "a zero window turns it off"
    );
}

#[test]
fn the_clients_phone_is_shown_from_assignment_until_completion_only() {
    let shown: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| client_phone_shown(*s))
        .collect();
    assert_eq!(
        shown,
        vec![Status::Assigned, Status::InProgress, Status::Reported]
    );
}

#[test]
fn every_event_has_its_line_in_both_languages_for_every_reader() {
    use crate::i18n::{Lang, audit};
    let mut missing = Vec::new();
    for &action in EventAction::ALL {
        for reader in [Reader::Staff, Reader::Client] {
            let key = action.label_for(reader);
            for lang in Lang::ALL {
                if audit::vars_of(lang, key).is_none() {
                    missing.push(format!("{} {key}", lang.code()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "order events without a message: {missing:?}"
    );
}

#[test]
fn every_step_is_recorded_under_an_event_the_history_can_read_back() {
    let mut steps = all_actions();
    steps.extend([Action::Rematch, Action::OpenBoard]);
    for step in steps {
        let event = step.event();
        assert_eq!(EventAction::parse(event.as_str()), Some(event), "{step:?}");
    }
}

#[test]
fn who_withdrew_and_why_is_for_staff_alone() {
    for &action in EventAction::ALL {
        assert!(action.details_shown_to(Reader::Staff), "{action:?}");
        let others_too = action != EventAction::Withdraw;
        assert_eq!(action.details_shown_to(Reader::Client), others_too);
    }
    assert_eq!(
        EventAction::Withdraw.label_for(Reader::Client),
        "event-withdraw-client"
    );
    assert_eq!(Reader::of(Actor::Client(OWNER)), Reader::Client);
    assert_eq!(Reader::of(Actor::Worker(OTHER_WORKER)), Reader::Client);
    assert_eq!(Reader::of(Actor::Manager(3)), Reader::Staff);
}
