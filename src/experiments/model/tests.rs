use chrono::{Duration, TimeZone, Utc};

use super::outcomes::{
    HireFacts, ON_TIME_GRACE_MINUTES, OrderFacts, matching_values, screening_values, top_fifth_jobs,
};
use super::*;

fn arm(strategy: &str, share: i64) -> ArmSpec {
    ArmSpec {
        label: strategy.to_string(),
        share,
        strategy: Some(strategy.to_string()),
        settings_version: Some(1),
        policy_version: None,
    }
}

fn matching(arms: Vec<ArmSpec>) -> NewExperiment {
    NewExperiment {
        name: "Score vs random".into(),
        hypothesis: String::new(),
        decision: DecisionKind::Matching,
        primary_metric: Metric::ClientRating,
        target_per_arm: 300,
        arms,
    }
}

#[test]
fn a_two_arm_matching_experiment_is_valid() {
    assert_eq!(
        matching(vec![arm("random", 50), arm("score", 50)]).validate(),
        Ok(())
    );
}

#[test]
fn shares_must_add_up_to_a_hundred() {
    let e = matching(vec![arm("random", 50), arm("score", 40)]);
    assert_eq!(e.validate(), Err(Problem::Shares));
}

#[test]
fn two_identical_arms_make_an_a_a_test_but_three_do_not() {
    assert_eq!(
        matching(vec![arm("random", 50), arm("random", 50)]).validate(),
        Ok(())
    );
    let three = matching(vec![arm("random", 30), arm("random", 30), arm("score", 40)]);
    assert_eq!(three.validate(), Err(Problem::SameArms));
}

#[test]
fn arms_and_metric_must_fit_the_decision() {
    let mut e = matching(vec![arm("random", 50), arm("score", 50)]);
    e.primary_metric = Metric::HireRate;
    assert_eq!(e.validate(), Err(Problem::Metric));
    let mut policy_arm = arm("random", 50);
    policy_arm.policy_version = Some(2);
    assert_eq!(
        matching(vec![policy_arm, arm("score", 50)]).validate(),
        Err(Problem::ArmDecision)
    );
}

#[test]
fn a_single_arm_or_an_empty_name_is_refused() {
    assert_eq!(
        matching(vec![arm("random", 100)]).validate(),
        Err(Problem::Arms)
    );
    let mut e = matching(vec![arm("random", 50), arm("score", 50)]);
    e.name = "  ".into();
    assert_eq!(e.validate(), Err(Problem::Name));
}

fn order() -> OrderFacts {
    let t = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    OrderFacts {
        created_at: t,
        scheduled_at: t + Duration::hours(4),
        ends_at: t + Duration::hours(6),
        status: "completed".into(),
        assigned_at: Some(t + Duration::minutes(25)),
        started_at: Some(t + Duration::hours(4) + Duration::minutes(5)),
        offers: 1,
        rating: Some(5),
        qc: None,
        disputed: false,
    }
}

fn value(values: &[(Metric, i64)], m: Metric) -> Option<i64> {
    values.iter().find(|(k, _)| *k == m).map(|(_, v)| *v)
}

#[test]
fn a_completed_order_counts_on_every_matching_metric_it_has() {
    let now = Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap();
    let v = matching_values(&order(), now);
    assert_eq!(value(&v, Metric::MinutesToAssign), Some(25));
    assert_eq!(value(&v, Metric::NeverPlaced), Some(0));
    assert_eq!(value(&v, Metric::FirstOfferAccepted), Some(1));
    assert_eq!(value(&v, Metric::CompletedOnTime), Some(1));
    assert_eq!(value(&v, Metric::Cancelled), Some(0));
    assert_eq!(value(&v, Metric::ClientRating), Some(5));
    assert_eq!(value(&v, Metric::QcScore), None);
    assert_eq!(value(&v, Metric::Disputed), Some(0));
}

#[test]
fn an_order_still_waiting_has_no_placement_outcome_yet() {
    let mut o = order();
    o.status = "new".into();
    o.assigned_at = None;
    o.started_at = None;
    o.offers = 0;
    o.rating = None;
    let v = matching_values(&o, o.created_at + Duration::minutes(5));
    assert!(v.is_empty(), "{v:?}");
    // Once its slot began with nobody on it, it was never placed.
    let later = matching_values(&o, o.scheduled_at + Duration::minutes(1));
    assert_eq!(value(&later, Metric::NeverPlaced), Some(1));
}

#[test]
fn a_late_start_is_not_on_time() {
    let mut o = order();
    o.started_at = Some(o.scheduled_at + Duration::minutes(ON_TIME_GRACE_MINUTES + 1));
    let v = matching_values(&o, o.ends_at + Duration::hours(1));
    assert_eq!(value(&v, Metric::CompletedOnTime), Some(0));
}

#[test]
fn a_rejected_applicant_counts_only_in_the_hire_rate() {
    assert_eq!(screening_values(false, None), vec![(Metric::HireRate, 0)]);
    let h = HireFacts {
        rating_sum: 9,
        rating_count: 2,
        active_30: Some(true),
        ..HireFacts::default()
    };
    let v = screening_values(true, Some(&h));
    assert_eq!(value(&v, Metric::HireRating), Some(450));
    assert_eq!(value(&v, Metric::Active30), Some(1));
    assert_eq!(value(&v, Metric::Active90), None);
}

#[test]
fn the_busiest_fifth_is_rounded_up() {
    assert_eq!(top_fifth_jobs(&[1, 9, 3, 4, 2, 8]), 17);
    assert_eq!(top_fifth_jobs(&[5]), 5);
    assert_eq!(top_fifth_jobs(&[]), 0);
}
