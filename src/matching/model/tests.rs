//! Each eligibility rule alone and together; both strategies; the same seed gives the same
//! choice.

use super::*;

fn eligible(id: i64) -> Candidate {
    Candidate {
        worker_id: id,
        active: true,
        on_duty: true,
        skilled: true,
        within_hours: true,
        busy: false,
        jobs_that_day: 0,
        blocked: false,
        favourite: false,
        last_worker: false,
        tried: false,
        rating_centi: None,
        qc_centi: None,
        not_certified: false,
        cert_centi: None,
    }
}

fn settings(strategy: &str) -> MatchingSettings {
    MatchingSettings {
        version: 1,
        strategy: strategy.into(),
        enabled: true,
        max_attempts: 5,
        daily_limit: 4,
        travel_buffer_minutes: 30,
        weights: Weights {
            rating: 10,
            qc: 10,
            load: 5,
            favourite: 20,
        },
    }
}

/// Breaks one rule on an otherwise eligible candidate.
type BreakRule = fn(&mut Candidate);

#[test]
fn each_rule_alone_excludes_the_worker_for_its_reason() {
    let cases: Vec<(Exclusion, BreakRule)> = vec![
        (Exclusion::Inactive, |c| c.active = false),
        (Exclusion::OffDuty, |c| c.on_duty = false),
        (Exclusion::NotSkilled, |c| c.skilled = false),
        (Exclusion::OutsideHours, |c| c.within_hours = false),
        (Exclusion::Busy, |c| c.busy = true),
        (Exclusion::DailyLimit, |c| c.jobs_that_day = 4),
        (Exclusion::Blocked, |c| c.blocked = true),
        (Exclusion::AlreadyTried, |c| c.tried = true),
        (Exclusion::NotCertified, |c| c.not_certified = true),
    ];
    assert_eq!(cases.len(), Exclusion::ALL.len());
    for (expected, break_rule) in cases {
        let mut c = eligible(1);
        break_rule(&mut c);
        assert_eq!(exclusion(&c, 4), Some(expected));
    }
    assert_eq!(exclusion(&eligible(1), 4), None);
    let mut under_limit = eligible(1);
    under_limit.jobs_that_day = 3;
    assert_eq!(exclusion(&under_limit, 4), None);
}

#[test]
fn with_several_rules_broken_the_first_reason_is_recorded_and_nobody_is_chosen() {
    let mut c = eligible(1);
    c.on_duty = false;
    c.blocked = true;
    c.tried = true;
    assert_eq!(exclusion(&c, 4), Some(Exclusion::OffDuty));
    let d = decide(&[c], &settings("random"), 7);
    assert_eq!(d.chosen, None);
    assert_eq!(d.considered[0].excluded, Some(Exclusion::OffDuty));
}

#[test]
fn random_prefers_favourites_and_only_picks_the_eligible() {
    let mut fav = eligible(2);
    fav.favourite = true;
    let mut blocked_fav = eligible(3);
    blocked_fav.favourite = true;
    blocked_fav.blocked = true;
    for seed in 0..50 {
        let d = decide(
            &[eligible(1), fav.clone(), blocked_fav.clone(), eligible(4)],
            &settings("random"),
            seed,
        );
        assert_eq!(d.chosen, Some(2), "seed {seed}");
    }
    let picks: std::collections::BTreeSet<i64> = (0..200)
        .filter_map(|seed| decide(&[eligible(1), eligible(4)], &settings("random"), seed).chosen)
        .collect();
    assert_eq!(
        picks.into_iter().collect::<Vec<_>>(),
        vec![1, 4],
        "both get picked over many seeds"
    );
}

#[test]
fn score_weighs_rating_load_and_favourites() {
    let mut rated = eligible(1);
    rated.rating_centi = Some(480);
    let mut loaded = eligible(2);
    loaded.rating_centi = Some(480);
    loaded.jobs_that_day = 2;
    let d = decide(&[rated.clone(), loaded, eligible(3)], &settings("score"), 1);
    assert_eq!(d.chosen, Some(1));
    assert!(
        d.considered.iter().all(|c| c.score.is_some()),
        "scores are recorded"
    );
    let mut fav = eligible(4);
    fav.favourite = true;
    fav.rating_centi = Some(400);
    // 10×400 + 10×300 + 20×100 = 9000 > 10×480 + 10×300 = 7800
    assert_eq!(decide(&[rated, fav], &settings("score"), 1).chosen, Some(4));
}

#[test]
fn the_same_seed_gives_the_same_choice() {
    let pool: Vec<Candidate> = (1..=20).map(eligible).collect();
    for strategy in ["random", "score"] {
        for seed in [0, 1, 42, u64::MAX] {
            let a = decide(&pool, &settings(strategy), seed);
            let b = decide(&pool, &settings(strategy), seed);
            assert_eq!(a, b, "{strategy} {seed}");
        }
    }
}

#[test]
fn the_decision_names_the_strategy_and_settings_version() {
    let d = decide(&[eligible(1)], &settings("score"), 3);
    assert_eq!(
        (d.strategy, d.version.as_str(), d.seed),
        ("score", "1/settings-1", 3)
    );
}

#[test]
fn score_counts_the_certification_score_and_a_failed_one_excludes() {
    let mut sharp = eligible(1);
    sharp.cert_centi = Some(500);
    let mut shaky = eligible(2);
    shaky.cert_centi = Some(250);
    let d = decide(&[shaky.clone(), sharp.clone()], &settings("score"), 1);
    assert_eq!(d.chosen, Some(1), "the better re-certification score wins");
    let mut blocked = sharp;
    blocked.not_certified = true;
    let d = decide(&[blocked, shaky], &settings("score"), 1);
    assert_eq!(d.chosen, Some(2));
}

#[test]
fn the_facts_a_strategy_reads_are_recorded_for_the_eligible_only() {
    let mut rated = eligible(1);
    rated.rating_centi = Some(450);
    rated.jobs_that_day = 2;
    let mut off = eligible(2);
    off.on_duty = false;
    let d = decide(&[rated.clone(), off], &settings("score"), 1);
    assert_eq!(d.considered[0].facts, Some(Facts::of(&rated)));
    assert_eq!(d.considered[0].facts.unwrap().candidate(1), rated);
    assert_eq!(d.considered[1].facts, None);
    assert_eq!(d.weights, Some(settings("score").weights));
}

#[test]
fn the_series_last_worker_is_preferred_by_both_strategies_and_recorded() {
    let mut last = eligible(7);
    last.last_worker = true;
    let mut fav = eligible(8);
    fav.favourite = true;
    fav.rating_centi = Some(280);
    let pool = [eligible(1), fav.clone(), last.clone(), eligible(9)];
    for seed in 0..40 {
        assert_eq!(decide(&pool, &settings("random"), seed).chosen, Some(7));
    }
    let d = decide(&pool, &settings("score"), 1);
    assert_eq!(
        d.chosen,
        Some(7),
        "the last worker outweighs a favourite with a lower rating"
    );
    let recorded = d.considered.iter().find(|c| c.worker_id == 7).unwrap();
    assert!(recorded.facts.unwrap().last_worker);
    // Only an input: a left-out last worker is not chosen, and a better score still wins.
    last.busy = true;
    assert_ne!(
        decide(&[eligible(1), last], &settings("random"), 3).chosen,
        Some(7)
    );
    let mut rated = eligible(2);
    rated.rating_centi = Some(500);
    rated.qc_centi = Some(500);
    let mut weak = eligible(7);
    weak.last_worker = true;
    weak.rating_centi = Some(100);
    weak.qc_centi = Some(100);
    assert_eq!(
        decide(&[rated, weak], &settings("score"), 1).chosen,
        Some(2)
    );
}
