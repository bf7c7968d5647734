//! Moving an order to another time (a reschedule): who may, from which statuses, where the
//! order stands after it, and what a late move costs the client.

use super::{Actor, Facts, Refusal, Status, cancellation_fee};

/// Decides the status after a move, or why it may not happen. `keep_worker` says whether
/// the assigned worker is free at the new time (read by the caller from matching's rules):
/// kept, the order stays assigned; otherwise it goes back to matching like a withdrawal.
pub fn decide_move(facts: &Facts, actor: Actor, keep_worker: bool) -> Result<Status, Refusal> {
    use Status as S;
    let allowed = match actor {
        Actor::Client(c) => c == facts.client_id,
        Actor::Manager(_) => true,
        Actor::Worker(_) | Actor::System => false,
    };
    if !allowed {
        return Err(Refusal("refuse-not-yours"));
    }
    match facts.status {
        // An open offer was made for the old time: it is withdrawn and matching starts over.
        S::New | S::Offered => Ok(S::New),
        S::Unassigned => Ok(S::Unassigned),
        S::Assigned if keep_worker => Ok(S::Assigned),
        // The kit is already in the worker's hands: another worker cannot take it over, so
        // the move waits until a manager reassigns the job (as a withdrawal would).
        S::Assigned if facts.kit_received => Err(Refusal("refuse-move-kit-taken")),
        S::Assigned => Ok(S::New),
        S::InProgress | S::Reported | S::Completed | S::Disputed | S::Cancelled => {
            Err(Refusal("refuse-move-not-now"))
        }
    }
}

/// Whether the order's client may move it now (the order page's "Move" link).
pub fn client_may_move(facts: &Facts) -> bool {
    decide_move(facts, Actor::Client(facts.client_id), true).is_ok()
}

/// What a move costs: inside the cancellation window, a client moving an assigned order pays
/// the cancellation fee (the same share of the same total); everything else is free.
pub fn move_fee(status: Status, actor: Actor, late: bool, total_minor: i64, percent: i64) -> i64 {
    if !late {
        return 0;
    }
    cancellation_fee(status, actor, total_minor, percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWNER: i64 = 1;

    fn facts(status: Status) -> Facts {
        Facts {
            status,
            client_id: OWNER,
            worker_id: (status == Status::Assigned).then_some(10),
            offered_to: (status == Status::Offered).then_some(11),
            kit_received: false,
        }
    }

    #[test]
    fn before_assignment_the_order_moves_and_waits_for_matching() {
        for (from, to) in [
            (Status::New, Status::New),
            (Status::Offered, Status::New),
            (Status::Unassigned, Status::Unassigned),
        ] {
            for keep in [true, false] {
                assert_eq!(
                    decide_move(&facts(from), Actor::Client(OWNER), keep),
                    Ok(to)
                );
                assert_eq!(decide_move(&facts(from), Actor::Manager(5), keep), Ok(to));
            }
        }
    }

    #[test]
    fn an_assigned_order_keeps_its_worker_only_when_free() {
        let f = facts(Status::Assigned);
        assert_eq!(
            decide_move(&f, Actor::Client(OWNER), true),
            Ok(Status::Assigned)
        );
        assert_eq!(
            decide_move(&f, Actor::Client(OWNER), false),
            Ok(Status::New)
        );
        let kit_taken = Facts {
            kit_received: true,
            ..f
        };
        assert_eq!(
            decide_move(&kit_taken, Actor::Manager(5), true),
            Ok(Status::Assigned)
        );
        assert_eq!(
            decide_move(&kit_taken, Actor::Manager(5), false),
            Err(Refusal("refuse-move-kit-taken"))
        );
    }

    #[test]
    fn workers_other_clients_and_the_system_cannot_move_an_order() {
        for actor in [
            Actor::Worker(10),
            Actor::Worker(11),
            Actor::Client(2),
            Actor::System,
        ] {
            assert_eq!(
                decide_move(&facts(Status::Assigned), actor, true),
                Err(Refusal("refuse-not-yours"))
            );
        }
    }

    #[test]
    fn once_the_work_started_or_the_order_closed_it_stays_put() {
        for status in [
            Status::InProgress,
            Status::Reported,
            Status::Completed,
            Status::Disputed,
            Status::Cancelled,
        ] {
            assert_eq!(
                decide_move(&facts(status), Actor::Manager(5), true),
                Err(Refusal("refuse-move-not-now")),
                "{status}"
            );
        }
    }

    #[test]
    fn only_a_clients_late_move_of_an_assigned_order_costs_the_fee() {
        let client = Actor::Client(OWNER);
        assert_eq!(
            move_fee(Status::Assigned, client, true, 530_000, 10),
            53_000
        );
        assert_eq!(move_fee(Status::Assigned, client, true, 1_005, 10), 101);
        assert_eq!(move_fee(Status::Assigned, client, false, 530_000, 10), 0);
        assert_eq!(move_fee(Status::New, client, true, 530_000, 10), 0);
        assert_eq!(move_fee(Status::Offered, client, true, 530_000, 10), 0);
        assert_eq!(
            move_fee(Status::Assigned, Actor::Manager(5), true, 530_000, 10),
            0
        );
    }
}
