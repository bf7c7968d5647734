//! The default screening (`fixtures/screening.toml`): a general test, a test per service and
//! an active top-3 % policy, so a fresh install and the demo screen applicants with no set-up.
//! Idempotent: a test is added once (by title); the policy is created while none exists, and
//! renewed as a new version while the active one is still the default and a default test for a
//! newly added service joined since.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Deserialize;

use crate::db::{Conn, write_tx};
use crate::hiring::model::grading::Question;
use crate::hiring::model::policy::{Policy, Rule};
use crate::hiring::store::policies as policy_store;
use crate::hiring::store::screening_tests as tests_store;
use crate::i18n::Texts;

#[derive(Deserialize)]
struct Fixture {
    policy: DefaultPolicy,
    tests: Vec<DefaultTest>,
}

#[derive(Deserialize)]
struct DefaultPolicy {
    percent: i64,
    floor_percent: i64,
    window_days: i64,
}

#[derive(Deserialize)]
struct DefaultTest {
    #[serde(default)]
    service: Option<String>,
    title: String,
    title_ru: String,
    instructions: String,
    instructions_ru: String,
    minutes: i64,
    questions: Vec<DefaultQuestion>,
}

#[derive(Deserialize)]
struct DefaultQuestion {
    prompt: String,
    prompt_ru: String,
    points: i64,
    kind: String,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    options_ru: Vec<String>,
    #[serde(default)]
    correct: Vec<usize>,
    #[serde(default)]
    answer: f64,
    #[serde(default)]
    tolerance: f64,
}

impl DefaultTest {
    fn title(&self) -> Texts {
        Texts::new(&self.title, &self.title_ru)
    }
}

impl DefaultQuestion {
    /// The options in both languages, position by position.
    fn options(&self) -> anyhow::Result<Vec<Texts>> {
        anyhow::ensure!(
            self.options.len() == self.options_ru.len(),
            "`{}` has {} options in English and {} in Russian",
            self.prompt,
            self.options.len(),
            self.options_ru.len()
        );
        Ok(self
            .options
            .iter()
            .zip(&self.options_ru)
            .map(|(en, ru)| Texts::new(en, ru))
            .collect())
    }

    fn question(&self) -> anyhow::Result<Question> {
        Ok(match self.kind.as_str() {
            "single_choice" => Question::SingleChoice {
                options: self.options()?,
                correct: *self
                    .correct
                    .first()
                    .ok_or_else(|| anyhow::anyhow!("no answer"))?,
            },
            "multiple_choice" => Question::MultipleChoice {
                options: self.options()?,
                correct: self.correct.clone(),
            },
            "numeric" => Question::Numeric {
                answer: self.answer,
                tolerance: self.tolerance,
            },
            other => anyhow::bail!("unknown question kind {other}"),
        })
    }
}

fn fixture() -> anyhow::Result<Fixture> {
    Ok(toml::from_str(include_str!(
        "../../../fixtures/screening.toml"
    ))?)
}

/// Loads whatever of the default screening is missing; returns the default tests present.
pub fn ensure(conn: &mut Conn, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let f = fixture()?;
    write_tx(conn, |tx| -> anyhow::Result<usize> {
        let mut ids = Vec::new();
        for t in &f.tests {
            let service = match &t.service {
                Some(code) => match tests_store::service_by_code(tx, code)? {
                    Some(id) => Some(id),
                    None => continue,
                },
                None => None,
            };
            ids.push(match tests_store::test_by_title(tx, &t.title())? {
                Some(id) => id,
                None => insert_test(tx, t, service, now)?,
            });
        }
        let default_policy = Policy {
            tests: ids.iter().map(|id| (*id, 1)).collect(),
            rule: Rule::TopPercent {
                percent: f.policy.percent,
            },
            floor_bp: f.policy.floor_percent * 100,
        };
        let renew = match policy_store::active(tx)? {
            None => policy_store::policies(tx)?.is_empty(),
            Some(active) => {
                let theirs: BTreeSet<i64> = active.policy.tests.iter().map(|t| t.0).collect();
                let ours: BTreeSet<i64> = ids.iter().copied().collect();
                let still_default = active.policy.rule == default_policy.rule
                    && active.policy.floor_bp == default_policy.floor_bp
                    && active.window_days == f.policy.window_days
                    && theirs.is_subset(&ours);
                still_default && theirs != ours
            }
        };
        if renew && !ids.is_empty() {
            let id = policy_store::insert_draft(tx, now, &default_policy, f.policy.window_days)?;
            policy_store::activate(tx, id, now)?;
            tracing::info!(tests = ids.len(), "default screening policy activated");
        }
        Ok(ids.len())
    })
}

fn insert_test(
    tx: &Connection,
    t: &DefaultTest,
    service: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let instructions = Texts::new(&t.instructions, &t.instructions_ru);
    let id = tests_store::insert_test(tx, t.title(), instructions, t.minutes, now)?;
    tests_store::set_service(tx, id, service)?;
    for q in &t.questions {
        let prompt = Texts::new(&q.prompt, &q.prompt_ru);
        tests_store::insert_question(tx, id, prompt, q.points, &q.question()?)?;
    }
    Ok(id)
}

/// The active policy's tests an applicant for `services` takes: those naming one of the
/// services, and those naming none.
pub fn tests_for_applicant(conn: &Connection, services: &[i64]) -> rusqlite::Result<Vec<i64>> {
    let Some(active) = policy_store::active(conn)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (test, _) in &active.policy.tests {
        let service = tests_store::service_of(conn, *test)?;
        if service.is_none_or(|s| services.contains(&s)) {
            out.push(*test);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_screening_parses_and_every_question_has_an_answer_key() {
        let f = fixture().unwrap();
        assert_eq!(f.policy.percent, 3);
        assert_eq!(f.policy.floor_percent, 50);
        assert_eq!(f.policy.window_days, 90);
        assert!(
            f.tests.iter().any(|t| t.service.is_none()),
            "a general test"
        );
        for t in &f.tests {
            assert!(!t.questions.is_empty(), "{}", t.title);
            assert!(
                !t.title_ru.is_empty() && !t.instructions_ru.is_empty(),
                "{} in Russian",
                t.title
            );
            for q in &t.questions {
                q.question().unwrap();
                assert!(!q.prompt_ru.is_empty(), "{} in Russian", q.prompt);
            }
        }
    }
}
