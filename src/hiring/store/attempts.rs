//! SQL of test assignments and their answers.

use crate::db::QueryRowCached;
use crate::i18n::Texts;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::hiring::model::grading::Answer;
use crate::hiring::model::{AttemptStatus, CandidateStatus};

#[derive(Debug, Clone)]
pub struct Assignment {
    pub id: i64,
    /// Set for a candidate's screening test; `worker_id` and `service_id` instead for a
    /// worker's re-certification.
    pub candidate_id: Option<i64>,
    pub worker_id: Option<i64>,
    pub service_id: Option<i64>,
    pub test_id: i64,
    pub test_title: Texts,
    pub instructions: Texts,
    pub time_limit_minutes: i64,
    pub question_ids: Vec<i64>,
    pub pass_mark_bp: Option<i64>,
    pub status: AttemptStatus,
    pub deadline_at: Option<DateTime<Utc>>,
    pub score_bp: Option<i64>,
}

impl Assignment {
    /// Where the taker's pages live: the candidate's area or the worker's.
    pub fn base_path(&self) -> &'static str {
        if self.worker_id.is_some() {
            "/worker/tests/"
        } else {
            "/candidate/tests/"
        }
    }
}

const SELECT: &str =
    "SELECT a.id, a.candidate_id, a.worker_id, a.service_id, a.test_id, t.title AS test_title, t.title_ru AS test_title_ru,
        t.instructions, t.instructions_ru, t.time_limit_minutes, a.question_ids, a.pass_mark_bp, a.status, a.deadline_at, a.score_bp
     FROM test_assignments a JOIN screening_tests t ON t.id = a.test_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Assignment> {
    let ids: String = r.get("question_ids")?;
    Ok(Assignment {
        id: r.get("id")?,
        candidate_id: r.get("candidate_id")?,
        worker_id: r.get("worker_id")?,
        service_id: r.get("service_id")?,
        test_id: r.get("test_id")?,
        test_title: Texts::new(
            r.get::<_, String>("test_title")?,
            r.get::<_, String>("test_title_ru")?,
        ),
        instructions: Texts::new(
            r.get::<_, String>("instructions")?,
            r.get::<_, String>("instructions_ru")?,
        ),
        time_limit_minutes: r.get("time_limit_minutes")?,
        question_ids: serde_json::from_str(&ids).unwrap_or_default(),
        pass_mark_bp: r.get("pass_mark_bp")?,
        status: r.get("status")?,
        deadline_at: r.get("deadline_at")?,
        score_bp: r.get("score_bp")?,
    })
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Assignment>> {
    conn.query_row_cached(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()
}

pub fn for_candidate(conn: &Connection, candidate_id: i64) -> rusqlite::Result<Vec<Assignment>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE a.candidate_id = ?1 ORDER BY a.id"))?;
    stmt.query_map([candidate_id], from_row)?.collect()
}

/// Who takes a test: a candidate being screened, or a worker re-certified for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taker {
    Candidate(i64),
    Worker { worker_id: i64, service_id: i64 },
}

pub fn insert(
    conn: &Connection,
    taker: Taker,
    test_id: i64,
    question_ids: &[i64],
    pass_mark_bp: Option<i64>,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let (candidate, worker, service) = match taker {
        Taker::Candidate(id) => (Some(id), None, None),
        Taker::Worker {
            worker_id,
            service_id,
        } => (None, Some(worker_id), Some(service_id)),
    };
    conn.execute(
        "INSERT INTO test_assignments (candidate_id, worker_id, service_id, test_id, question_ids, pass_mark_bp, status, invited_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![candidate, worker, service, test_id, serde_json::to_string(question_ids).expect("ids serialise"), pass_mark_bp, AttemptStatus::Invited, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A candidate given a first test is now testing; returns their user id.
pub fn mark_testing(conn: &Connection, candidate_id: i64) -> rusqlite::Result<i64> {
    conn.execute(
        "UPDATE candidates SET status = ?2 WHERE id = ?1 AND status = ?3",
        params![
            candidate_id,
            CandidateStatus::Testing,
            CandidateStatus::Applied
        ],
    )?;
    conn.query_row_cached(
        "SELECT user_id FROM candidates WHERE id = ?1",
        [candidate_id],
        |r| r.get("user_id"),
    )
}

/// Starts the clock of an invited attempt; false when it was not waiting to start.
pub fn start(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    deadline: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE test_assignments SET status = ?4, started_at = ?2, deadline_at = ?3 WHERE id = ?1 AND status = ?5",
        params![id, now, deadline, AttemptStatus::Started, AttemptStatus::Invited],
    )?;
    Ok(n == 1)
}

/// Replaces the attempt's answers with these: the form sends every answer each time, so a
/// choice taken back or a text emptied is gone from the saved answers too.
pub fn store_answers(
    tx: &Connection,
    assignment_id: i64,
    answers: &[(i64, Answer)],
) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM test_answers WHERE assignment_id = ?1",
        [assignment_id],
    )?;
    for (question, answer) in answers {
        tx.execute(
            "INSERT INTO test_answers (assignment_id, question_id, answer_json) VALUES (?1, ?2, ?3)
             ON CONFLICT (assignment_id, question_id) DO UPDATE SET answer_json = excluded.answer_json",
            params![assignment_id, question, serde_json::to_string(answer).expect("answers serialise")],
        )?;
    }
    Ok(())
}

/// Every saved answer of an attempt, by question.
pub fn answers(conn: &Connection, assignment_id: i64) -> rusqlite::Result<Vec<(i64, Answer)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT question_id, answer_json FROM test_answers WHERE assignment_id = ?1",
    )?;
    let rows = stmt.query_map([assignment_id], |r| {
        Ok((
            r.get::<_, i64>("question_id")?,
            r.get::<_, String>("answer_json")?,
        ))
    })?;
    let mut answers = Vec::new();
    for row in rows {
        let (question, json) = row?;
        if let Ok(answer) = serde_json::from_str(&json) {
            answers.push((question, answer));
        }
    }
    Ok(answers)
}

pub fn answer(
    conn: &Connection,
    assignment_id: i64,
    question_id: i64,
) -> rusqlite::Result<Option<Answer>> {
    Ok(conn
        .query_row(
            "SELECT answer_json FROM test_answers WHERE assignment_id = ?1 AND question_id = ?2",
            params![assignment_id, question_id],
            |r| r.get::<_, String>("answer_json"),
        )
        .optional()?
        .and_then(|j| serde_json::from_str(&j).ok()))
}

/// Records the points an answer earned (keeping the answer as given).
pub fn set_points(
    conn: &Connection,
    assignment_id: i64,
    question_id: i64,
    answer: Option<&Answer>,
    points: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO test_answers (assignment_id, question_id, answer_json, points) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (assignment_id, question_id) DO UPDATE SET points = excluded.points",
        params![assignment_id, question_id, serde_json::to_string(&answer).expect("answers serialise"), points],
    )?;
    Ok(())
}

/// Closes an attempt: graded with a score, or submitted while free text waits.
pub fn close(
    conn: &Connection,
    id: i64,
    status: AttemptStatus,
    now: DateTime<Utc>,
    score_bp: Option<i64>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE test_assignments SET status = ?2, submitted_at = ?3, score_bp = ?4 WHERE id = ?1",
        params![id, status, now, score_bp],
    )?;
    Ok(())
}

/// Expires candidates' invitations sent before `invited_before` and never started. A worker's
/// re-certification stays open past its due date: passing it late still lifts the block.
pub fn expire_invitations(
    conn: &Connection,
    invited_before: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE test_assignments SET status = ?2
         WHERE status = ?3 AND invited_at < ?1 AND candidate_id IS NOT NULL",
        params![
            invited_before,
            AttemptStatus::Expired,
            AttemptStatus::Invited
        ],
    )
}

/// Attempts still running after their deadline.
pub fn overdue(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT id FROM test_assignments WHERE status = ?2 AND deadline_at < ?1")?;
    stmt.query_map(params![now, AttemptStatus::Started], |r| r.get("id"))?
        .collect()
}

/// A written answer waiting for a manager's grade.
#[derive(Debug, Clone)]
pub struct Ungraded {
    pub assignment_id: i64,
    pub question_id: i64,
    pub candidate: String,
    pub test_title: Texts,
    pub prompt: Texts,
    pub max_points: i64,
    pub text: String,
}

pub fn ungraded(conn: &Connection) -> rusqlite::Result<Vec<Ungraded>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id AS assignment_id, q.id AS question_id, u.name AS candidate, t.title AS test_title,
                t.title_ru AS test_title_ru, q.prompt, q.prompt_ru, q.points, ans.answer_json
         FROM test_answers ans
         JOIN test_assignments a ON a.id = ans.assignment_id
         JOIN screening_questions q ON q.id = ans.question_id
         JOIN screening_tests t ON t.id = a.test_id
         LEFT JOIN candidates c ON c.id = a.candidate_id
         JOIN people u ON u.id = COALESCE(c.user_id, a.worker_id)
         WHERE a.status = ?1 AND ans.points IS NULL
         ORDER BY a.submitted_at, a.id, q.position",
    )?;
    stmt.query_map([AttemptStatus::Submitted], |r| {
        let json: String = r.get("answer_json")?;
        let text = match serde_json::from_str::<Answer>(&json) {
            Ok(Answer::Text { text }) => text,
            _ => String::new(),
        };
        Ok(Ungraded {
            assignment_id: r.get("assignment_id")?,
            question_id: r.get("question_id")?,
            candidate: r.get("candidate")?,
            test_title: Texts::new(
                r.get::<_, String>("test_title")?,
                r.get::<_, String>("test_title_ru")?,
            ),
            prompt: Texts::new(
                r.get::<_, String>("prompt")?,
                r.get::<_, String>("prompt_ru")?,
            ),
            max_points: r.get("points")?,
            text,
        })
    })?
    .collect()
}

/// The most a written answer still waiting for its grade can earn; `None` when it is graded
/// already (or not there).
pub fn ungraded_max(
    conn: &Connection,
    assignment_id: i64,
    question_id: i64,
) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT q.points FROM test_answers ans JOIN screening_questions q ON q.id = ans.question_id
         WHERE ans.assignment_id = ?1 AND ans.question_id = ?2 AND ans.points IS NULL",
        params![assignment_id, question_id],
        |r| r.get("points"),
    )
    .optional()
}

/// Grades one answer; returns how many answers of the attempt still wait for a grade.
pub fn grade_answer(
    conn: &Connection,
    assignment_id: i64,
    question_id: i64,
    points: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "UPDATE test_answers SET points = ?3 WHERE assignment_id = ?1 AND question_id = ?2",
        params![assignment_id, question_id, points],
    )?;
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM test_answers WHERE assignment_id = ?1 AND points IS NULL",
        [assignment_id],
        |r| r.get("n"),
    )
}

pub fn points(
    conn: &Connection,
    assignment_id: i64,
    question_id: i64,
) -> rusqlite::Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT points FROM test_answers WHERE assignment_id = ?1 AND question_id = ?2",
            params![assignment_id, question_id],
            |r| r.get("points"),
        )
        .optional()?
        .flatten())
}

/// The attempt is graded with its final score.
pub fn set_graded(conn: &Connection, id: i64, score_bp: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE test_assignments SET status = ?3, score_bp = ?2 WHERE id = ?1",
        params![id, score_bp, AttemptStatus::Graded],
    )?;
    Ok(())
}
