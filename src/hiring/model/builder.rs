//! Turning the test builder's forms into questions: every kind's fields checked, each
//! problem named by a Fluent id.

use serde::Deserialize;

use crate::hiring::model::grading::Question;
use crate::validate::text;

/// The add-question form (which fields matter depends on the kind).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub kind: String,
    pub prompt: String,
    pub points: String,
    /// One option per line (choice kinds).
    pub options: String,
    /// 1-based: "2" for single choice, "1, 3" for multiple choice.
    pub correct: String,
    pub answer: String,
    pub tolerance: String,
}

fn number(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// A valid (prompt, points, question), or the id of the first problem.
pub fn parse(f: &QuestionForm) -> Result<(String, i64, Question), &'static str> {
    let prompt = text(&f.prompt, 1000, true).ok_or("err-question-prompt")?;
    let points = f
        .points
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=100).contains(p))
        .ok_or("err-question-points")?;
    let options = || -> Result<Vec<String>, &'static str> {
        let lines: Vec<String> = f
            .options
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let ok = (2..=10).contains(&lines.len()) && lines.iter().all(|l| l.chars().count() <= 200);
        if ok {
            Ok(lines)
        } else {
            Err("err-question-options")
        }
    };
    let picks = |n: usize| -> Result<Vec<usize>, &'static str> {
        let mut picks = Vec::new();
        for part in f
            .correct
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let k: usize = part.parse().map_err(|_| "err-question-correct")?;
            if !(1..=n).contains(&k) {
                return Err("err-question-correct");
            }
            picks.push(k - 1);
        }
        picks.sort_unstable();
        picks.dedup();
        if picks.is_empty() {
            Err("err-question-correct")
        } else {
            Ok(picks)
        }
    };
    let question = match f.kind.as_str() {
        "single_choice" => {
            let options = options()?;
            let picks = picks(options.len())?;
            if picks.len() != 1 {
                return Err("err-question-correct");
            }
            Question::SingleChoice {
                correct: picks[0],
                options,
            }
        }
        "multiple_choice" => {
            let options = options()?;
            let correct = picks(options.len())?;
            Question::MultipleChoice { options, correct }
        }
        "numeric" => {
            let answer = number(&f.answer).ok_or("err-question-answer")?;
            let tolerance = if f.tolerance.trim().is_empty() {
                Some(0.0)
            } else {
                number(&f.tolerance)
            }
            .filter(|t| *t >= 0.0)
            .ok_or("err-question-tolerance")?;
            Question::Numeric { answer, tolerance }
        }
        "free_text" => Question::FreeText,
        _ => return Err("err-question-kind"),
    };
    Ok((prompt, points, question))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str) -> QuestionForm {
        QuestionForm {
            kind: kind.into(),
            prompt: "Which?".into(),
            points: "2".into(),
            ..QuestionForm::default()
        }
    }

    #[test]
    fn every_kind_parses_from_its_fields() {
        let single = QuestionForm {
            options: "Cat\nDog\n\nMouse".into(),
            correct: "3".into(),
            ..form("single_choice")
        };
        assert_eq!(
            parse(&single).unwrap().2,
            Question::SingleChoice {
                options: vec!["Cat".into(), "Dog".into(), "Mouse".into()],
                correct: 2
            }
        );
        let multi = QuestionForm {
            options: "a\nb\nc".into(),
            correct: "3, 1".into(),
            ..form("multiple_choice")
        };
        assert_eq!(
            parse(&multi).unwrap().2,
            Question::MultipleChoice {
                options: vec!["a".into(), "b".into(), "c".into()],
                correct: vec![0, 2]
            }
        );
        let numeric = QuestionForm {
            answer: "12,5".into(),
            tolerance: "0.5".into(),
            ..form("numeric")
        };
        assert_eq!(
            parse(&numeric).unwrap().2,
            Question::Numeric {
                answer: 12.5,
                tolerance: 0.5
            }
        );
        assert_eq!(
            parse(&form("free_text")).unwrap(),
            ("Which?".into(), 2, Question::FreeText)
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(
            parse(&QuestionForm {
                prompt: " ".into(),
                ..form("free_text")
            }),
            Err("err-question-prompt")
        );
        assert_eq!(
            parse(&QuestionForm {
                points: "0".into(),
                ..form("free_text")
            }),
            Err("err-question-points")
        );
        assert_eq!(
            parse(&QuestionForm {
                options: "only one".into(),
                correct: "1".into(),
                ..form("single_choice")
            }),
            Err("err-question-options")
        );
        assert_eq!(
            parse(&QuestionForm {
                options: "a\nb".into(),
                correct: "1,2".into(),
                ..form("single_choice")
            }),
            Err("err-question-correct")
        );
        assert_eq!(
            parse(&QuestionForm {
                options: "a\nb".into(),
                correct: "3".into(),
                ..form("multiple_choice")
            }),
            Err("err-question-correct")
        );
        assert_eq!(
            parse(&QuestionForm {
                answer: "NaN".into(),
                ..form("numeric")
            }),
            Err("err-question-answer")
        );
        assert_eq!(
            parse(&QuestionForm {
                answer: "1".into(),
                tolerance: "-1".into(),
                ..form("numeric")
            }),
            Err("err-question-tolerance")
        );
        assert_eq!(parse(&form("essay")), Err("err-question-kind"));
    }
}
