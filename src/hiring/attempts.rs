//! Tests assigned to candidates: assignment with per-candidate customisation, starting the
//! clock, submitting on time (server-enforced), auto-grading, and closing attempts whose
//! time ran out even if the candidate walked away.

use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rusqlite::{Connection, OptionalExtension, params};

use super::grading::{Answer, Question, grade, score_bp};
use super::tests_store;
use crate::db::write_tx;
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Assignment {
    pub id: i64,
    pub candidate_id: i64,
    pub test_id: i64,
    pub test_title: String,
    pub instructions: String,
    pub time_limit_minutes: i64,
    pub question_ids: Vec<i64>,
    pub pass_mark_bp: Option<i64>,
    pub status: String,
    pub deadline_at: Option<DateTime<Utc>>,
    pub score_bp: Option<i64>,
}

const SELECT: &str = "SELECT a.id, a.candidate_id, a.test_id, t.title, t.instructions, t.time_limit_minutes, a.question_ids,
        a.pass_mark_bp, a.status, a.deadline_at, a.score_bp
     FROM test_assignments a JOIN screening_tests t ON t.id = a.test_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Assignment> {
    let ids: String = r.get(6)?;
    Ok(Assignment {
        id: r.get(0)?,
        candidate_id: r.get(1)?,
        test_id: r.get(2)?,
        test_title: r.get(3)?,
        instructions: r.get(4)?,
        time_limit_minutes: r.get(5)?,
        question_ids: serde_json::from_str(&ids).unwrap_or_default(),
        pass_mark_bp: r.get(7)?,
        status: r.get(8)?,
        deadline_at: r.get(9)?,
        score_bp: r.get(10)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Assignment>> {
    conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()
}

pub fn for_candidate(conn: &Connection, candidate_id: i64) -> rusqlite::Result<Vec<Assignment>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE a.candidate_id = ?1 ORDER BY a.id"))?;
    stmt.query_map([candidate_id], from_row)?.collect()
}

/// How a test is tailored for one candidate.
#[derive(Debug, Clone, Copy, Default)]
pub struct Customisation {
    /// Ask only this many questions, drawn at random.
    pub take: Option<usize>,
    pub shuffle: bool,
    pub pass_mark_bp: Option<i64>,
}

/// Assigns a test; returns the assignment, or the Fluent id of the problem.
pub fn assign(
    conn: &mut Connection,
    now: DateTime<Utc>,
    candidate_id: i64,
    test_id: i64,
    c: Customisation,
    seed: u64,
) -> Result<Result<i64, &'static str>, AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        let questions = tests_store::questions(tx, test_id)?;
        if tests_store::test(tx, test_id)?.is_none() || questions.is_empty() {
            return Ok(Err("flash-assign-test"));
        }
        let mut ids: Vec<i64> = questions.iter().map(|q| q.id).collect();
        let mut rng = StdRng::seed_from_u64(seed);
        if let Some(take) = c.take {
            if take == 0 || take > ids.len() {
                return Ok(Err("flash-assign-take"));
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
            return Ok(Err("flash-assign-pass-mark"));
        }
        tx.execute(
            "INSERT INTO test_assignments (candidate_id, test_id, question_ids, pass_mark_bp, status, invited_at)
             VALUES (?1, ?2, ?3, ?4, 'invited', ?5)",
            params![candidate_id, test_id, serde_json::to_string(&ids).expect("ids serialise"), c.pass_mark_bp, now],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE candidates SET status = 'testing' WHERE id = ?1 AND status = 'applied'",
            [candidate_id],
        )?;
        Ok(Ok(id))
    })
}

/// Starts the clock: the deadline is the server's, whatever the browser does.
pub fn start(conn: &Connection, now: DateTime<Utc>, a: &Assignment) -> rusqlite::Result<bool> {
    let deadline = now + Duration::minutes(a.time_limit_minutes);
    let n = conn.execute(
        "UPDATE test_assignments SET status = 'started', started_at = ?2, deadline_at = ?3 WHERE id = ?1 AND status = 'invited'",
        params![a.id, now, deadline],
    )?;
    Ok(n == 1)
}

/// Records the answers and grades what can be graded. Refused when late, not started, or
/// when an answer names a question that is not part of this assignment.
pub fn submit(
    conn: &mut Connection,
    now: DateTime<Utc>,
    a: &Assignment,
    answers: &[(i64, Answer)],
) -> Result<Result<String, &'static str>, AppError> {
    if a.status != "started" {
        return Ok(Err("err-attempt-not-open"));
    }
    if a.deadline_at.is_some_and(|d| now > d) {
        return Ok(Err("err-attempt-late"));
    }
    if answers.iter().any(|(q, _)| !a.question_ids.contains(q)) {
        return Ok(Err("err-attempt-question"));
    }
    write_tx(conn, |tx| -> Result<_, AppError> {
        for (question, answer) in answers {
            tx.execute(
                "INSERT INTO test_answers (assignment_id, question_id, answer_json) VALUES (?1, ?2, ?3)
                 ON CONFLICT (assignment_id, question_id) DO UPDATE SET answer_json = excluded.answer_json",
                params![a.id, question, serde_json::to_string(answer).expect("answers serialise")],
            )?;
        }
        Ok(Ok(close(tx, now, a)?))
    })
}

/// Grades every question (free text stays ungraded) and closes the attempt: `graded` with a
/// score, or `submitted` while free text waits for a manager.
fn close(tx: &Connection, now: DateTime<Utc>, a: &Assignment) -> rusqlite::Result<String> {
    let questions = tests_store::questions_by_ids(tx, &a.question_ids)?;
    let mut earned_possible = Vec::new();
    let mut waiting = false;
    for q in &questions {
        let answer: Option<Answer> = tx
            .query_row("SELECT answer_json FROM test_answers WHERE assignment_id = ?1 AND question_id = ?2", params![a.id, q.id], |r| r.get::<_, String>(0))
            .optional()?
            .and_then(|j| serde_json::from_str(&j).ok());
        match grade(&q.question, q.points, answer.as_ref()) {
            Some(points) => {
                tx.execute(
                    "INSERT INTO test_answers (assignment_id, question_id, answer_json, points) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (assignment_id, question_id) DO UPDATE SET points = excluded.points",
                    params![a.id, q.id, serde_json::to_string(&answer).expect("answers serialise"), points],
                )?;
                earned_possible.push((points, q.points));
            }
            None if answer.is_some() && q.question == Question::FreeText => waiting = true,
            None => earned_possible.push((0, q.points)),
        }
    }
    let status = if waiting { "submitted" } else { "graded" };
    let score = (!waiting).then(|| score_bp(&earned_possible));
    tx.execute(
        "UPDATE test_assignments SET status = ?2, submitted_at = ?3, score_bp = ?4 WHERE id = ?1",
        params![a.id, status, now, score],
    )?;
    Ok(status.to_string())
}

/// Closes attempts whose time ran out with whatever was saved. Returns how many.
pub fn close_overdue(conn: &mut Connection, now: DateTime<Utc>) -> Result<usize, AppError> {
    let ids: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT id FROM test_assignments WHERE status = 'started' AND deadline_at < ?1",
        )?;
        stmt.query_map([now], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut closed = 0;
    for id in ids {
        let Some(a) = get(conn, id)? else { continue };
        write_tx(conn, |tx| -> Result<(), AppError> {
            close(tx, now, &a)?;
            Ok(())
        })?;
        closed += 1;
    }
    Ok(closed)
}
