//! Turning the test builder's forms into questions: every kind's fields checked, each
//! problem named by a Fluent id. Texts are typed in each language the business uses.

use serde::Deserialize;

use crate::hiring::model::grading::Question;
use crate::i18n::{Lang, Texts};

/// The add-question form (which fields matter depends on the kind).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub kind: String,
    pub prompt_en: String,
    pub prompt_ru: String,
    pub points: String,
    /// One option per line (choice kinds), in the same order in every language.
    pub options_en: String,
    pub options_ru: String,
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

impl QuestionForm {
    pub fn prompt(&self) -> Texts {
        Texts::new(&self.prompt_en, &self.prompt_ru)
    }
    pub fn options(&self) -> Texts {
        Texts::new(&self.options_en, &self.options_ru)
    }
}

/// A valid (prompt, points, question) in the business's `languages`, or the id of the first
/// problem.
pub fn parse(f: &QuestionForm, languages: &[Lang]) -> Result<(Texts, i64, Question), &'static str> {
    let prompt =
        Texts::typed(&f.prompt(), languages, 1000, true).map_err(|_| "err-question-prompt")?;
    let points = f
        .points
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=100).contains(p))
        .ok_or("err-question-points")?;
    // Each language lists as many options as the others: option n is the same answer in all.
    let options = || -> Result<Vec<Texts>, &'static str> {
        let typed = f.options();
        let mut out: Vec<Texts> = Vec::new();
        for lang in languages {
            let lines: Vec<&str> = typed
                .get(*lang)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let ok = (2..=10).contains(&lines.len())
                && lines.iter().all(|l| l.chars().count() <= 200)
                && (out.is_empty() || out.len() == lines.len());
            if !ok {
                return Err("err-question-options");
            }
            out.resize_with(lines.len(), Texts::default);
            for (o, line) in out.iter_mut().zip(lines) {
                o.set(*lang, line.to_string());
            }
        }
        Ok(out)
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

    const EN: &[Lang] = &[Lang::En];

    fn form(kind: &str) -> QuestionForm {
        QuestionForm {
            kind: kind.into(),
            prompt_en: "Which?".into(),
            points: "2".into(),
            ..QuestionForm::default()
        }
    }

    #[test]
    fn every_kind_parses_from_its_fields() {
        let single = QuestionForm {
            options_en: "Cat\nDog\n\nMouse".into(),
            correct: "3".into(),
            ..form("single_choice")
        };
        assert_eq!(
            parse(&single, EN).unwrap().2,
            Question::SingleChoice {
                options: vec!["Cat".into(), "Dog".into(), "Mouse".into()],
                correct: 2
            }
        );
        let multi = QuestionForm {
            options_en: "a\nb\nc".into(),
            correct: "3, 1".into(),
            ..form("multiple_choice")
        };
        assert_eq!(
            parse(&multi, EN).unwrap().2,
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
            parse(&numeric, EN).unwrap().2,
            Question::Numeric {
                answer: 12.5,
                tolerance: 0.5
            }
        );
        assert_eq!(
            parse(&form("free_text"), EN).unwrap(),
            ("Which?".into(), 2, Question::FreeText)
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(
            parse(
                &QuestionForm {
                    prompt_en: " ".into(),
                    ..form("free_text")
                },
                EN
            ),
            Err("err-question-prompt")
        );
        assert_eq!(
            parse(
                &QuestionForm {
                    points: "0".into(),
                    ..form("free_text")
                },
                EN
            ),
            Err("err-question-points")
        );
        assert_eq!(
            parse(
                &QuestionForm {
                    options_en: "only one".into(),
                    correct: "1".into(),
                    ..form("single_choice")
                },
                EN
            ),
            Err("err-question-options")
        );
        assert_eq!(
            parse(
                &QuestionForm {
                    options_en: "a\nb".into(),
                    correct: "1,2".into(),
                    ..form("single_choice")
                },
                EN
            ),
            Err("err-question-correct")
        );
        assert_eq!(
            parse(
                &QuestionForm {
                    options_en: "a\nb".into(),
                    correct: "3".into(),
                    ..form("multiple_choice")
                },
                EN
            ),
            Err("err-question-correct")
        );
        assert_eq!(
            parse(
                &QuestionForm {
                    answer: "NaN".into(),
                    ..form("numeric")
                },
                EN
            ),
            Err("err-question-answer")
        );
        assert_eq!(
            parse(
                &QuestionForm {
                    answer: "1".into(),
                    tolerance: "-1".into(),
                    ..form("numeric")
                },
                EN
            ),
            Err("err-question-tolerance")
        );
        assert_eq!(parse(&form("essay"), EN), Err("err-question-kind"));
    }
}

#[cfg(test)]
mod language_tests {
    use super::*;

    #[test]
    fn each_business_language_is_required_with_as_many_options_and_one_answer_key() {
        let both = [Lang::En, Lang::Ru];
        let f = QuestionForm {
            kind: "single_choice".into(),
            prompt_en: "Which?".into(),
            prompt_ru: "Какой?".into(),
            points: "1".into(),
            options_en: "Cat\nDog".into(),
            options_ru: "Кот\nПёс".into(),
            correct: "2".into(),
            ..QuestionForm::default()
        };
        let (prompt, _, q) = parse(&f, &both).unwrap();
        assert_eq!(prompt, Texts::new("Which?", "Какой?"));
        assert_eq!(
            q,
            Question::SingleChoice {
                options: vec![Texts::new("Cat", "Кот"), Texts::new("Dog", "Пёс")],
                correct: 1
            }
        );
        let ru_only = QuestionForm {
            prompt_en: String::new(),
            options_en: String::new(),
            ..f.clone()
        };
        assert!(
            parse(&ru_only, &[Lang::Ru]).is_ok(),
            "English is not asked for"
        );
        assert_eq!(parse(&ru_only, &both), Err("err-question-prompt"));
        let uneven = QuestionForm {
            options_ru: "Кот\nПёс\nМышь".into(),
            ..f.clone()
        };
        assert_eq!(parse(&uneven, &both), Err("err-question-options"));
    }
}
