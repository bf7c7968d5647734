//! Grading a screening test: every question kind, and the attempt's score.
//!
//! Scores are integers: points are whole numbers per question, and the attempt's score is
//! kept in basis points (0–10,000 = 0–100.00 %), rounded down, so nothing depends on floats.
//! Partial credit: a multiple-choice question earns
//! `points × max(0, right picks − wrong picks) / number of right options`, rounded down —
//! guessing everything earns nothing. Numeric answers within the tolerance (edges included)
//! earn full points. Free text waits for a manager's grade (0 to the question's points).
//! Choices are kept by position, the same in every language, so the language a candidate
//! reads never changes the grade.

use serde::{Deserialize, Serialize};

use crate::i18n::Texts;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Question {
    SingleChoice {
        options: Vec<Texts>,
        correct: usize,
    },
    MultipleChoice {
        options: Vec<Texts>,
        correct: Vec<usize>,
    },
    Numeric {
        answer: f64,
        tolerance: f64,
    },
    FreeText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    Choice { picked: Vec<usize> },
    Number { value: f64 },
    Text { text: String },
}

/// Points earned, or `None` when a manager must grade it.
pub fn grade(q: &Question, points: i64, answer: Option<&Answer>) -> Option<i64> {
    match (q, answer) {
        (Question::FreeText, _) => None,
        (_, None) => Some(0),
        (Question::SingleChoice { correct, .. }, Some(Answer::Choice { picked })) => {
            Some(if picked.as_slice() == [*correct] {
                points
            } else {
                0
            })
        }
        (Question::MultipleChoice { correct, .. }, Some(Answer::Choice { picked })) => {
            let mut picked = picked.clone();
            picked.sort_unstable();
            picked.dedup();
            let right = picked.iter().filter(|p| correct.contains(p)).count() as i64;
            let wrong = picked.len() as i64 - right;
            let total = correct.len().max(1) as i64;
            Some(points * (right - wrong).max(0) / total)
        }
        (Question::Numeric { answer, tolerance }, Some(Answer::Number { value })) => Some(
            if (value - answer).abs() <= *tolerance + f64::EPSILON * answer.abs().max(1.0) {
                points
            } else {
                0
            },
        ),
        // An answer of the wrong shape earns nothing.
        _ => Some(0),
    }
}

/// The attempt's score in basis points from (earned, possible) per question.
pub fn score_bp(earned_possible: &[(i64, i64)]) -> i64 {
    let possible: i64 = earned_possible.iter().map(|(_, p)| *p).sum();
    if possible == 0 {
        return 0;
    }
    let earned: i64 = earned_possible.iter().map(|(e, _)| *e).sum();
    earned.clamp(0, possible) * 10_000 / possible
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(picked: &[usize]) -> Option<Answer> {
        Some(Answer::Choice {
            picked: picked.to_vec(),
        })
    }

    #[test]
    fn single_choice_is_all_or_nothing() {
        let q = Question::SingleChoice {
            options: vec!["a".into(), "b".into()],
            correct: 1,
        };
        assert_eq!(grade(&q, 5, choice(&[1]).as_ref()), Some(5));
        assert_eq!(grade(&q, 5, choice(&[0]).as_ref()), Some(0));
        assert_eq!(
            grade(&q, 5, choice(&[0, 1]).as_ref()),
            Some(0),
            "two picks on a single choice"
        );
        assert_eq!(grade(&q, 5, None), Some(0), "unanswered");
    }

    #[test]
    fn multiple_choice_gives_partial_credit_and_punishes_guessing() {
        let q = Question::MultipleChoice {
            options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            correct: vec![0, 2],
        };
        assert_eq!(grade(&q, 4, choice(&[0, 2]).as_ref()), Some(4));
        assert_eq!(grade(&q, 4, choice(&[0]).as_ref()), Some(2));
        assert_eq!(
            grade(&q, 4, choice(&[0, 1]).as_ref()),
            Some(0),
            "one right, one wrong"
        );
        assert_eq!(
            grade(&q, 4, choice(&[0, 1, 2, 3]).as_ref()),
            Some(0),
            "ticking everything earns nothing"
        );
        assert_eq!(
            grade(&q, 3, choice(&[2]).as_ref()),
            Some(1),
            "3 × 1/2 rounds down"
        );
        assert_eq!(
            grade(&q, 4, choice(&[0, 0, 2]).as_ref()),
            Some(4),
            "duplicates count once"
        );
    }

    #[test]
    fn numeric_answers_count_within_the_tolerance_edges_included() {
        let q = Question::Numeric {
            answer: 12.5,
            tolerance: 0.5,
        };
        let n = |v| Some(Answer::Number { value: v });
        assert_eq!(grade(&q, 3, n(12.5).as_ref()), Some(3));
        assert_eq!(grade(&q, 3, n(13.0).as_ref()), Some(3), "upper edge");
        assert_eq!(grade(&q, 3, n(12.0).as_ref()), Some(3), "lower edge");
        assert_eq!(grade(&q, 3, n(13.01).as_ref()), Some(0));
        let exact = Question::Numeric {
            answer: 0.3,
            tolerance: 0.0,
        };
        assert_eq!(
            grade(
                &exact,
                1,
                Some(Answer::Number { value: 0.1 + 0.2 }).as_ref()
            ),
            Some(1),
            "float noise is not a miss"
        );
    }

    #[test]
    fn free_text_waits_for_a_manager_and_wrong_shapes_earn_nothing() {
        assert_eq!(
            grade(
                &Question::FreeText,
                5,
                Some(Answer::Text { text: "…".into() }).as_ref()
            ),
            None
        );
        let q = Question::Numeric {
            answer: 1.0,
            tolerance: 0.0,
        };
        assert_eq!(grade(&q, 5, choice(&[1]).as_ref()), Some(0));
    }

    #[test]
    fn the_score_is_in_basis_points_rounded_down() {
        assert_eq!(score_bp(&[(1, 3)]), 3_333);
        assert_eq!(score_bp(&[(3, 3), (2, 4)]), 7_142);
        assert_eq!(score_bp(&[]), 0);
        assert_eq!(score_bp(&[(5, 5)]), 10_000);
    }
}
