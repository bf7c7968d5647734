//! Screening policies: how candidates' test scores become hire/reject decisions.
//!
//! A candidate's score is the weighted mean of their tests' scores (basis points, rounded
//! down). `TopPercent` hires the best `floor(cohort × percent / 100)` of the cohort — at
//! least one when anyone meets the floor — and everybody tied with the last one hired (the
//! same score gets the same decision). `MinScore` hires everyone at or above the threshold.
//! Nobody below the floor is ever hired. Ranks are by score, then by candidate id, so the
//! outcome is the same every time for the same data.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    TopPercent { percent: i64 },
    MinScore { threshold_bp: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// (test id, weight) — weights are positive whole numbers.
    pub tests: Vec<(i64, i64)>,
    pub rule: Rule,
    pub floor_bp: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyProblem {
    NoTests,
    BadWeight,
    BadPercent,
    BadThreshold,
    BadFloor,
}

impl Policy {
    pub fn validate(&self) -> Result<(), PolicyProblem> {
        if self.tests.is_empty() {
            return Err(PolicyProblem::NoTests);
        }
        if self.tests.iter().any(|(_, w)| !(1..=100).contains(w)) {
            return Err(PolicyProblem::BadWeight);
        }
        match self.rule {
            Rule::TopPercent { percent } if !(1..=100).contains(&percent) => {
                return Err(PolicyProblem::BadPercent);
            }
            Rule::MinScore { threshold_bp } if !(0..=10_000).contains(&threshold_bp) => {
                return Err(PolicyProblem::BadThreshold);
            }
            _ => {}
        }
        if !(0..=10_000).contains(&self.floor_bp) {
            return Err(PolicyProblem::BadFloor);
        }
        Ok(())
    }

    /// The weighted score of one candidate from the tests they were given: `scores` maps each
    /// test assigned to them to its score, `None` while not graded. Tests of the policy they
    /// were never given (another service's test) do not count; `None` until every one they
    /// were given is graded, or when they were given none of the policy's tests.
    pub fn weighted(&self, scores: &BTreeMap<i64, Option<i64>>) -> Option<i64> {
        let (mut sum, mut total) = (0, 0);
        for (test, weight) in &self.tests {
            if let Some(score) = scores.get(test) {
                sum += (*score)? * weight;
                total += weight;
            }
        }
        (total > 0).then(|| sum / total)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub candidate_id: i64,
    pub score_bp: i64,
    pub rank: usize,
    pub outcome: Outcome,
}

impl Ranked {
    pub fn hired(&self) -> bool {
        self.outcome == Outcome::Hired
    }
}

/// What the rule made of a candidate, and for a refusal, why: the letter that tells them
/// says which, since "the places went to the highest scores" is untrue of a score under the
/// floor, which no cohort could have lifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Hired,
    /// Under the floor nobody is hired below, whoever else applied.
    BelowFloor,
    /// At or above the floor but under `MinScore`'s threshold.
    BelowThreshold,
    /// At or above the floor but outside `TopPercent`'s best share of the cohort.
    OutsideTopShare,
}

impl Outcome {
    /// The refusal's reason as the rejection letter selects its wording (`$why`).
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Hired => "hired",
            Outcome::BelowFloor => "below-floor",
            Outcome::BelowThreshold => "below-threshold",
            Outcome::OutsideTopShare => "outside-top-share",
        }
    }
}

/// Decides for a cohort of (candidate id, weighted score).
pub fn decide(policy: &Policy, cohort: &[(i64, i64)]) -> Vec<Ranked> {
    let mut sorted: Vec<(i64, i64)> = cohort.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let meets_floor = |score: i64| score >= policy.floor_bp;
    let cut_off: Option<i64> = match policy.rule {
        Rule::MinScore { threshold_bp } => Some(threshold_bp),
        Rule::TopPercent { percent } => {
            let eligible = sorted.iter().filter(|(_, s)| meets_floor(*s)).count();
            let k = (sorted.len() as i64 * percent / 100) as usize;
            let k = if eligible > 0 { k.max(1) } else { k };
            // The k-th best score; everyone tied with it is in.
            (k > 0).then(|| sorted[k - 1].1)
        }
    };
    sorted
        .iter()
        .enumerate()
        .map(|(i, &(candidate_id, score_bp))| Ranked {
            candidate_id,
            score_bp,
            rank: i + 1,
            outcome: if !meets_floor(score_bp) {
                Outcome::BelowFloor
            } else if cut_off.is_some_and(|c| score_bp >= c) {
                Outcome::Hired
            } else if matches!(policy.rule, Rule::MinScore { .. }) {
                Outcome::BelowThreshold
            } else {
                Outcome::OutsideTopShare
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(percent: i64, floor_bp: i64) -> Policy {
        Policy {
            tests: vec![(1, 1)],
            rule: Rule::TopPercent { percent },
            floor_bp,
        }
    }

    fn hired(r: &[Ranked]) -> Vec<i64> {
        let mut ids: Vec<i64> = r
            .iter()
            .filter(|x| x.hired())
            .map(|x| x.candidate_id)
            .collect();
        ids.sort();
        ids
    }

    fn cohort(n: i64) -> Vec<(i64, i64)> {
        (1..=n).map(|id| (id, 5_000 + id * 10)).collect()
    }

    #[test]
    fn tiny_cohorts_at_three_percent_hire_one_until_the_cohort_reaches_67() {
        let p = top(3, 5_000);
        for (n, expected) in [(1, 1), (2, 1), (33, 1), (34, 1), (66, 1), (67, 2), (100, 3)] {
            assert_eq!(
                hired(&decide(&p, &cohort(n))).len(),
                expected,
                "cohort of {n}"
            );
        }
        assert_eq!(hired(&decide(&p, &cohort(34))), vec![34], "the best one");
        assert!(decide(&p, &[]).is_empty());
    }

    #[test]
    fn ties_at_the_cut_off_are_all_hired() {
        let p = top(3, 5_000);
        let mut c = cohort(40);
        c.push((41, 5_400));
        c.push((42, 5_400)); // tied with the best (40 → 5,400)
        let r = decide(&p, &c);
        assert_eq!(hired(&r), vec![40, 41, 42]);
        assert_eq!(
            r.iter().find(|x| x.candidate_id == 40).unwrap().rank,
            1,
            "ties ranked by id"
        );
    }

    #[test]
    fn a_refusal_says_whether_the_floor_the_threshold_or_the_share_decided_it() {
        let outcomes = |p: &Policy| -> Vec<Outcome> {
            let r = decide(p, &[(1, 9_000), (2, 6_000), (3, 3_000)]);
            r.iter().map(|x| x.outcome).collect()
        };
        assert_eq!(
            outcomes(&top(34, 5_000)),
            vec![
                Outcome::Hired,
                Outcome::OutsideTopShare,
                Outcome::BelowFloor
            ]
        );
        let min = Policy {
            rule: Rule::MinScore {
                threshold_bp: 7_000,
            },
            ..top(1, 5_000)
        };
        assert_eq!(
            outcomes(&min),
            vec![Outcome::Hired, Outcome::BelowThreshold, Outcome::BelowFloor]
        );
    }

    #[test]
    fn nobody_below_the_floor_is_hired() {
        let p = top(50, 8_000);
        let r = decide(&p, &[(1, 7_999), (2, 6_000)]);
        assert!(
            hired(&r).is_empty(),
            "at least one only if anyone meets the floor"
        );
        let m = Policy {
            tests: vec![(1, 1)],
            rule: Rule::MinScore {
                threshold_bp: 6_000,
            },
            floor_bp: 7_000,
        };
        assert_eq!(
            hired(&decide(&m, &[(1, 6_500), (2, 7_000), (3, 9_000)])),
            vec![2, 3]
        );
    }

    #[test]
    fn weights_combine_test_scores() {
        let p = Policy {
            tests: vec![(1, 3), (2, 1)],
            rule: Rule::MinScore { threshold_bp: 0 },
            floor_bp: 0,
        };
        let scores: BTreeMap<i64, Option<i64>> =
            [(1, Some(8_000)), (2, Some(4_000))].into_iter().collect();
        assert_eq!(p.weighted(&scores), Some(7_000));
        assert_eq!(
            p.weighted(&[(1, Some(8_000)), (2, None)].into_iter().collect()),
            None,
            "a test given but not graded means no score yet"
        );
        assert_eq!(
            p.weighted(&[(2, Some(4_000))].into_iter().collect()),
            Some(4_000),
            "a test never given (another service's) does not count"
        );
        assert_eq!(p.weighted(&BTreeMap::new()), None, "no test, no score");
    }

    #[test]
    fn decisions_are_deterministic() {
        let p = top(10, 0);
        let c = cohort(50);
        let mut reversed = c.clone();
        reversed.reverse();
        assert_eq!(decide(&p, &c), decide(&p, &reversed));
    }

    #[test]
    fn policies_that_make_no_sense_are_refused() {
        let base = top(3, 5_000);
        assert_eq!(
            Policy {
                tests: vec![],
                ..base.clone()
            }
            .validate(),
            Err(PolicyProblem::NoTests)
        );
        assert_eq!(
            Policy {
                tests: vec![(1, 0)],
                ..base.clone()
            }
            .validate(),
            Err(PolicyProblem::BadWeight)
        );
        assert_eq!(
            Policy {
                rule: Rule::TopPercent { percent: 0 },
                ..base.clone()
            }
            .validate(),
            Err(PolicyProblem::BadPercent)
        );
        assert_eq!(
            Policy {
                floor_bp: 10_001,
                ..base.clone()
            }
            .validate(),
            Err(PolicyProblem::BadFloor)
        );
        assert_eq!(base.validate(), Ok(()));
    }
}
