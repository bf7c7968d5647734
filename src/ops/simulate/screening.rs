//! A screening hypothesis tried in the simulation: a manager builds a test with a written
//! question (graded by hand), drafts a second policy that asks for it, looks at what the
//! policy would decide on past candidates, activates it and has every candidate decided
//! again; each afternoon the manager grades the written answers waiting, as fairly as the
//! applicant's hidden ability deserves.

use anyhow::anyhow;

use super::{World, ability};
use crate::db::write_tx;
use crate::hiring::model::builder::{QuestionForm, parse};
use crate::hiring::model::policy::{Policy, Rule};
use crate::hiring::service::{attempts, screening};
use crate::hiring::store::screening_tests as tests_store;
use crate::i18n::Lang;

const WRITTEN_TEST: &str = "Caring for a client's home";

/// The manager's new test, built as the test builder does; returns its id.
pub fn build_written_test(w: &mut World) -> anyhow::Result<i64> {
    let questions = [
        QuestionForm {
            kind: "single_choice".into(),
            prompt_en: "The client's cat hides under the sofa during the job. What do you do?"
                .into(),
            prompt_ru: "Кошка клиента прячется под диваном во время работы. Что вы сделаете?"
                .into(),
            points: "2".into(),
            options_en: "Pull it out\nLeave it be and work around it\nShoo it outside".into(),
            options_ru: "Вытащить её\nНе трогать и работать вокруг\nВыгнать на улицу".into(),
            correct: "2".into(),
            ..QuestionForm::default()
        },
        QuestionForm {
            kind: "free_text".into(),
            prompt_en: "Tell us about a time you left a place better than you found it.".into(),
            prompt_ru: "Расскажите, как однажды вы оставили место лучше, чем нашли.".into(),
            points: "6".into(),
            ..QuestionForm::default()
        },
    ];
    let parsed: Vec<_> = questions
        .iter()
        .map(|q| parse(q, &Lang::ALL).map_err(|key| anyhow!("simulated question refused: {key}")))
        .collect::<anyhow::Result<_>>()?;
    let now = w.clock.now_utc();
    Ok(write_tx(
        &mut w.state.pool.get()?,
        |tx| -> rusqlite::Result<i64> {
            let id = tests_store::insert_test(
                tx,
                WRITTEN_TEST,
                "Answer in your own words; a manager reads every answer.",
                20,
                now,
            )?;
            for (prompt, points, question) in parsed {
                tests_store::insert_question(tx, id, prompt, points, &question)?;
            }
            Ok(id)
        },
    )?)
}

/// Policy v2: the active policy's tests plus the written one (weighted double), hiring the
/// top tenth over a higher floor. Drafted, simulated on the past candidates, activated and
/// applied to everyone not hired; returns a line for the run's log.
pub fn second_policy(w: &mut World) -> anyhow::Result<String> {
    let now = w.clock.now_utc();
    let mut conn = w.state.pool.get()?;
    let Some(active) = screening::active(&conn)? else {
        return Ok("no active screening policy to improve on".into());
    };
    let mut tests = active.policy.tests.clone();
    if let Some(written) = w.written_test {
        tests.push((written, 2));
    }
    let policy = Policy {
        tests,
        rule: Rule::TopPercent { percent: 10 },
        floor_bp: 6_000,
    };
    let draft = screening::create_draft(&mut conn, now, &policy, active.window_days)
        .map_err(|e| anyhow!("simulated draft refused: {e:?}"))?;
    let stored = screening::policy(&conn, draft)?.ok_or_else(|| anyhow!("draft vanished"))?;
    let what_if = screening::evaluate(&conn, &stored, now)?;
    let would_hire = what_if.iter().filter(|r| r.hired()).count();
    drop(conn);
    let experiment = super::experiments::start_screening(w, stored.version)?;
    Ok(format!(
        "screening policy v{} drafted (would hire {would_hire} of {} past candidates) and tested \
         against the active one in experiment {experiment}",
        stored.version,
        what_if.len(),
    ))
}

/// The text an applicant of `ability` writes: better applicants say more, and to the point.
pub fn written_answer(ability: f64) -> String {
    if ability >= 0.7 {
        "I cleaned a friend's flat after a move: dusted top to bottom, listed what was broken, \
         and left a note of what I had used."
            .into()
    } else if ability >= 0.5 {
        "I tidied a neighbour's kitchen and took the rubbish out.".into()
    } else {
        "I would do my best.".into()
    }
}

/// The manager grades every written answer waiting, by the writer's hidden ability.
pub fn grade_written(w: &mut World) -> anyhow::Result<usize> {
    let waiting = attempts::ungraded(&*w.state.pool.get()?)?;
    let mut graded = 0;
    for answer in waiting {
        let skill = w.written.get(&answer.assignment_id).copied().unwrap_or(0.5);
        let points = ability::written_points(&mut w.rng, skill, answer.max_points);
        let now = w.clock.now_utc();
        let mut conn = w.state.pool.get()?;
        match attempts::grade_text(
            &mut conn,
            &w.state.settings(),
            now,
            answer.assignment_id,
            answer.question_id,
            points,
        ) {
            Ok(()) => graded += 1,
            Err(crate::error::AppError::Refused(_)) => {}
            Err(e) => return Err(anyhow!("simulated grading failed: {e:?}")),
        }
    }
    Ok(graded)
}
