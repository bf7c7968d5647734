//! Tests assigned to candidates: assignment with per-candidate customisation, starting the
//! clock, submitting on time (server-enforced), auto-grading, and closing attempts whose
//! time ran out even if the candidate walked away. The SQL is in `store::attempts`.

use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rusqlite::Connection;

use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::hiring::model::AttemptStatus;
use crate::hiring::model::grading::{Answer, Question, grade, score_bp};
use crate::hiring::store::attempts as store;
pub use crate::hiring::store::attempts::{
    Assignment, Taker, Ungraded, for_candidate, get, ungraded,
};
use crate::hiring::store::screening_tests as tests_store;

/// An invitation not started within this many days expires.
pub const INVITATION_DAYS: i64 = 7;

/// How a test is tailored for one candidate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Customisation {
    /// Ask only this many questions, drawn at random.
    pub take: Option<usize>,
    pub shuffle: bool,
    pub pass_mark_bp: Option<i64>,
}

/// Assigns a test to a candidate; returns the assignment, or refuses with the Fluent id of
/// the problem.
pub fn assign(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    candidate_id: i64,
    test_id: i64,
    c: Customisation,
    seed: u64,
) -> Result<i64, AppError> {
    write_tx(conn, |tx| {
        invite_candidate(tx, settings, now, candidate_id, test_id, c, seed)
    })
}

/// Assigns a test to a candidate inside the caller's transaction and tells them.
pub fn invite_candidate(
    tx: &WriteTx,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    candidate_id: i64,
    test_id: i64,
    c: Customisation,
    seed: u64,
) -> Result<i64, AppError> {
    let (id, title) = create(tx, now, Taker::Candidate(candidate_id), test_id, c, seed)?;
    let user_id = store::mark_testing(tx, candidate_id)?;
    let msg = crate::notify::service::Message::new(crate::notify::model::Kind::TestAssigned)
        .arg("test", title.arg())
        .arg(
            "until",
            crate::i18n::Arg::Time(now + Duration::days(INVITATION_DAYS)),
        )
        .link(format!("/candidate/tests/{id}"));
    crate::notify::service::notify(tx, settings, now, user_id, &msg)?;
    Ok(id)
}

/// Creates an assignment of `test_id` for `taker`, tailored by `c`; returns its id and the
/// test's title. Refuses a test without questions or a tailoring that does not fit it.
pub fn create(
    tx: &Connection,
    now: DateTime<Utc>,
    taker: Taker,
    test_id: i64,
    c: Customisation,
    seed: u64,
) -> Result<(i64, crate::i18n::Texts), AppError> {
    let questions = tests_store::questions(tx, test_id)?;
    let Some(test) = tests_store::test(tx, test_id)?.filter(|_| !questions.is_empty()) else {
        return Err(AppError::Refused("flash-assign-test"));
    };
    let mut ids: Vec<i64> = questions.iter().map(|q| q.id).collect();
    let mut rng = StdRng::seed_from_u64(seed);
    if let Some(take) = c.take {
        if take == 0 || take > ids.len() {
            return Err(AppError::Refused("flash-assign-take"));
        }
        ids.shuffle(&mut rng);
        ids.truncate(take);
        // Keep the builder's order unless the questions are to be shuffled.
        ids.sort_by_key(|id| questions.iter().position(|q| q.id == *id));
    }
    if c.shuffle {
        ids.shuffle(&mut rng);
    }
    if c.pass_mark_bp.is_some_and(|p| !(0..=10_000).contains(&p)) {
        return Err(AppError::Refused("flash-assign-pass-mark"));
    }
    let id = store::insert(tx, taker, test_id, &ids, c.pass_mark_bp, now)?;
    Ok((id, test.title))
}

/// Starts the clock: the deadline is the server's, whatever the browser does.
pub fn start(conn: &Connection, now: DateTime<Utc>, a: &Assignment) -> rusqlite::Result<bool> {
    let deadline = now + Duration::minutes(a.time_limit_minutes);
    store::start(conn, a.id, now, deadline)
}

/// Saves answers while the attempt runs (autosave); nothing is graded or closed. Refused like
/// a submission when late, closed or naming foreign questions.
pub fn save(
    conn: &mut Conn,
    now: DateTime<Utc>,
    a: &Assignment,
    answers: &[(i64, Answer)],
) -> Result<(), AppError> {
    open_for_answers(now, a, answers).map_err(AppError::Refused)?;
    write_tx(conn, |tx| -> Result<_, AppError> {
        store::store_answers(tx, a.id, answers)?;
        Ok(())
    })
}

fn open_for_answers(
    now: DateTime<Utc>,
    a: &Assignment,
    answers: &[(i64, Answer)],
) -> Result<(), &'static str> {
    if a.status != AttemptStatus::Started {
        return Err("err-attempt-not-open");
    }
    if a.deadline_at.is_some_and(|d| now > d) {
        return Err("err-attempt-late");
    }
    if answers.iter().any(|(q, _)| !a.question_ids.contains(q)) {
        return Err("err-attempt-question");
    }
    Ok(())
}

/// Records the answers and grades what can be graded. Refused when late, not started, or
/// when an answer names a question that is not part of this assignment.
pub fn submit(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    a: &Assignment,
    answers: &[(i64, Answer)],
) -> Result<AttemptStatus, AppError> {
    open_for_answers(now, a, answers).map_err(AppError::Refused)?;
    write_tx(conn, |tx| -> Result<_, AppError> {
        store::store_answers(tx, a.id, answers)?;
        close(tx, settings, now, a)
    })
}

/// Grades every question (free text stays ungraded) and closes the attempt: `graded` with a
/// score, or `submitted` while free text waits for a manager. A worker's graded attempt
/// decides their re-certification.
fn close(
    tx: &WriteTx,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    a: &Assignment,
) -> Result<AttemptStatus, AppError> {
    let questions = tests_store::questions_by_ids(tx, &a.question_ids)?;
    let mut earned_possible = Vec::new();
    let mut waiting = false;
    for q in &questions {
        let answer = store::answer(tx, a.id, q.id)?;
        match grade(&q.question, q.points, answer.as_ref()) {
            Some(points) => {
                store::set_points(tx, a.id, q.id, answer.as_ref(), points)?;
                earned_possible.push((points, q.points));
            }
            None if answer.is_some() && q.question == Question::FreeText => waiting = true,
            None => earned_possible.push((0, q.points)),
        }
    }
    let status = if waiting {
        AttemptStatus::Submitted
    } else {
        AttemptStatus::Graded
    };
    let score = (!waiting).then(|| score_bp(&earned_possible));
    store::close(tx, a.id, status, now, score)?;
    if let Some(score) = score {
        crate::hiring::service::recert::decide(tx, settings, now, a, score)?;
    }
    Ok(status)
}

/// Closes attempts whose time ran out with whatever was saved, and expires invitations not
/// started in time. Returns how many attempts were closed.
pub fn close_overdue(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    write_tx(conn, |tx| {
        store::expire_invitations(tx, now - Duration::days(INVITATION_DAYS))
    })?;
    let mut closed = 0;
    for id in store::overdue(conn, now)? {
        let Some(a) = get(conn, id)? else { continue };
        write_tx(conn, |tx| -> Result<(), AppError> {
            close(tx, settings, now, &a)?;
            Ok(())
        })?;
        closed += 1;
    }
    Ok(closed)
}

/// A manager grades one written answer; the attempt's score is set once nothing is left.
pub fn grade_text(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    assignment_id: i64,
    question_id: i64,
    points: i64,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        let Some(a) = get(tx, assignment_id)?.filter(|a| a.status == AttemptStatus::Submitted)
        else {
            return Err(AppError::Refused("flash-grading-closed"));
        };
        let Some(max) = store::ungraded_max(tx, assignment_id, question_id)? else {
            return Err(AppError::Refused("flash-grading-closed"));
        };
        if !(0..=max).contains(&points) {
            return Err(AppError::Refused("flash-grading-points"));
        }
        let left = store::grade_answer(tx, assignment_id, question_id, points)?;
        if left == 0 {
            let questions = tests_store::questions_by_ids(tx, &a.question_ids)?;
            let mut earned_possible = Vec::new();
            for q in &questions {
                let earned = store::points(tx, a.id, q.id)?;
                earned_possible.push((earned.unwrap_or(0), q.points));
            }
            let score = score_bp(&earned_possible);
            store::set_graded(tx, a.id, score)?;
            crate::hiring::service::recert::decide(tx, settings, now, &a, score)?;
        }
        Ok(())
    })
}
