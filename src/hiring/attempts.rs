//! Tests assigned to candidates: assignment with per-candidate customisation, starting the
//! clock, submitting on time (server-enforced), auto-grading, and closing attempts whose
//! time ran out even if the candidate walked away.

use chrono::{DateTime, Duration, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rusqlite::{Connection, OptionalExtension, params};

use super::grading::{Answer, Question, grade, score_bp};
use super::model::{AttemptStatus, CandidateStatus};
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
    pub status: AttemptStatus,
    pub deadline_at: Option<DateTime<Utc>>,
    pub score_bp: Option<i64>,
}

const SELECT: &str =
    "SELECT a.id, a.candidate_id, a.test_id, t.title AS test_title, t.instructions,
        t.time_limit_minutes, a.question_ids, a.pass_mark_bp, a.status, a.deadline_at, a.score_bp
     FROM test_assignments a JOIN screening_tests t ON t.id = a.test_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Assignment> {
    let ids: String = r.get("question_ids")?;
    Ok(Assignment {
        id: r.get("id")?,
        candidate_id: r.get("candidate_id")?,
        test_id: r.get("test_id")?,
        test_title: r.get("test_title")?,
        instructions: r.get("instructions")?,
        time_limit_minutes: r.get("time_limit_minutes")?,
        question_ids: serde_json::from_str(&ids).unwrap_or_default(),
        pass_mark_bp: r.get("pass_mark_bp")?,
        status: r.get("status")?,
        deadline_at: r.get("deadline_at")?,
        score_bp: r.get("score_bp")?,
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

/// Assigns a test; returns the assignment, or refuses with the Fluent id of the problem.
pub fn assign(
    conn: &mut Connection,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    candidate_id: i64,
    test_id: i64,
    c: Customisation,
    seed: u64,
) -> Result<i64, AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        let questions = tests_store::questions(tx, test_id)?;
        if tests_store::test(tx, test_id)?.is_none() || questions.is_empty() {
            return Err(AppError::Refused("flash-assign-test"));
        }
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
        tx.execute(
            "INSERT INTO test_assignments (candidate_id, test_id, question_ids, pass_mark_bp, status, invited_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![candidate_id, test_id, serde_json::to_string(&ids).expect("ids serialise"), c.pass_mark_bp, AttemptStatus::Invited, now],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "UPDATE candidates SET status = ?2 WHERE id = ?1 AND status = ?3",
            params![
                candidate_id,
                CandidateStatus::Testing,
                CandidateStatus::Applied
            ],
        )?;
        let user_id: i64 = tx.query_row(
            "SELECT user_id FROM candidates WHERE id = ?1",
            [candidate_id],
            |r| r.get(0),
        )?;
        let title: String = tx.query_row(
            "SELECT title FROM screening_tests WHERE id = ?1",
            [test_id],
            |r| r.get(0),
        )?;
        let msg = crate::notify::service::Message::new(crate::notify::model::Kind::TestAssigned)
            .arg("test", title)
            .arg(
                "until",
                crate::i18n::Arg::Time(now + Duration::days(INVITATION_DAYS)),
            )
            .link(format!("/candidate/tests/{id}"));
        crate::notify::service::notify(tx, settings, now, user_id, &msg)?;
        Ok(id)
    })
}

/// Starts the clock: the deadline is the server's, whatever the browser does.
pub fn start(conn: &Connection, now: DateTime<Utc>, a: &Assignment) -> rusqlite::Result<bool> {
    let deadline = now + Duration::minutes(a.time_limit_minutes);
    let n = conn.execute(
        "UPDATE test_assignments SET status = ?4, started_at = ?2, deadline_at = ?3 WHERE id = ?1 AND status = ?5",
        params![a.id, now, deadline, AttemptStatus::Started, AttemptStatus::Invited],
    )?;
    Ok(n == 1)
}

/// Saves answers while the attempt runs (autosave); nothing is graded or closed. Refused like
/// a submission when late, closed or naming foreign questions.
pub fn save(
    conn: &mut Connection,
    now: DateTime<Utc>,
    a: &Assignment,
    answers: &[(i64, Answer)],
) -> Result<(), AppError> {
    open_for_answers(now, a, answers).map_err(AppError::Refused)?;
    write_tx(conn, |tx| -> Result<_, AppError> {
        store_answers(tx, a.id, answers)?;
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

fn store_answers(
    tx: &Connection,
    assignment_id: i64,
    answers: &[(i64, Answer)],
) -> rusqlite::Result<()> {
    for (question, answer) in answers {
        tx.execute(
            "INSERT INTO test_answers (assignment_id, question_id, answer_json) VALUES (?1, ?2, ?3)
             ON CONFLICT (assignment_id, question_id) DO UPDATE SET answer_json = excluded.answer_json",
            params![assignment_id, question, serde_json::to_string(answer).expect("answers serialise")],
        )?;
    }
    Ok(())
}

/// Records the answers and grades what can be graded. Refused when late, not started, or
/// when an answer names a question that is not part of this assignment.
pub fn submit(
    conn: &mut Connection,
    now: DateTime<Utc>,
    a: &Assignment,
    answers: &[(i64, Answer)],
) -> Result<AttemptStatus, AppError> {
    open_for_answers(now, a, answers).map_err(AppError::Refused)?;
    write_tx(conn, |tx| -> Result<_, AppError> {
        store_answers(tx, a.id, answers)?;
        Ok(close(tx, now, a)?)
    })
}

/// Grades every question (free text stays ungraded) and closes the attempt: `graded` with a
/// score, or `submitted` while free text waits for a manager.
fn close(tx: &Connection, now: DateTime<Utc>, a: &Assignment) -> rusqlite::Result<AttemptStatus> {
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
    let status = if waiting {
        AttemptStatus::Submitted
    } else {
        AttemptStatus::Graded
    };
    let score = (!waiting).then(|| score_bp(&earned_possible));
    tx.execute(
        "UPDATE test_assignments SET status = ?2, submitted_at = ?3, score_bp = ?4 WHERE id = ?1",
        params![a.id, status, now, score],
    )?;
    Ok(status)
}

/// Closes attempts whose time ran out with whatever was saved, and expires invitations not
/// started in time. Returns how many attempts were closed.
pub fn close_overdue(conn: &mut Connection, now: DateTime<Utc>) -> Result<usize, AppError> {
    conn.execute(
        "UPDATE test_assignments SET status = ?2 WHERE status = ?3 AND invited_at < ?1",
        params![
            now - Duration::days(INVITATION_DAYS),
            AttemptStatus::Expired,
            AttemptStatus::Invited
        ],
    )?;
    let ids: Vec<i64> = {
        let mut stmt =
            conn.prepare("SELECT id FROM test_assignments WHERE status = ?2 AND deadline_at < ?1")?;
        stmt.query_map(params![now, AttemptStatus::Started], |r| r.get("id"))?
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

/// A written answer waiting for a manager's grade.
#[derive(Debug, Clone)]
pub struct Ungraded {
    pub assignment_id: i64,
    pub question_id: i64,
    pub candidate: String,
    pub test_title: String,
    pub prompt: String,
    pub max_points: i64,
    pub text: String,
}

pub fn ungraded(conn: &Connection) -> rusqlite::Result<Vec<Ungraded>> {
    let mut stmt = conn.prepare(
        "SELECT a.id AS assignment_id, q.id AS question_id, u.name AS candidate, t.title AS test_title,
                q.prompt, q.points, ans.answer_json
         FROM test_answers ans
         JOIN test_assignments a ON a.id = ans.assignment_id
         JOIN screening_questions q ON q.id = ans.question_id
         JOIN screening_tests t ON t.id = a.test_id
         JOIN candidates c ON c.id = a.candidate_id JOIN people u ON u.id = c.user_id
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
            test_title: r.get("test_title")?,
            prompt: r.get("prompt")?,
            max_points: r.get("points")?,
            text,
        })
    })?
    .collect()
}

/// A manager grades one written answer; the attempt's score is set once nothing is left.
pub fn grade_text(
    conn: &mut Connection,
    assignment_id: i64,
    question_id: i64,
    points: i64,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        let Some(a) = get(tx, assignment_id)?.filter(|a| a.status == AttemptStatus::Submitted)
        else {
            return Err(AppError::Refused("flash-grading-closed"));
        };
        let max: Option<i64> = tx
            .query_row(
                "SELECT q.points FROM test_answers ans JOIN screening_questions q ON q.id = ans.question_id
                 WHERE ans.assignment_id = ?1 AND ans.question_id = ?2 AND ans.points IS NULL",
                params![assignment_id, question_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(max) = max else {
            return Err(AppError::Refused("flash-grading-closed"));
        };
        if !(0..=max).contains(&points) {
            return Err(AppError::Refused("flash-grading-points"));
        }
        tx.execute(
            "UPDATE test_answers SET points = ?3 WHERE assignment_id = ?1 AND question_id = ?2",
            params![assignment_id, question_id, points],
        )?;
        let left: i64 = tx.query_row(
            "SELECT COUNT(*) FROM test_answers WHERE assignment_id = ?1 AND points IS NULL",
            [assignment_id],
            |r| r.get(0),
        )?;
        if left == 0 {
            let questions = tests_store::questions_by_ids(tx, &a.question_ids)?;
            let mut earned_possible = Vec::new();
            for q in &questions {
                let earned: Option<i64> = tx
                    .query_row("SELECT points FROM test_answers WHERE assignment_id = ?1 AND question_id = ?2", params![a.id, q.id], |r| r.get(0))
                    .optional()?
                    .flatten();
                earned_possible.push((earned.unwrap_or(0), q.points));
            }
            tx.execute(
                "UPDATE test_assignments SET status = ?3, score_bp = ?2 WHERE id = ?1",
                params![a.id, score_bp(&earned_possible), AttemptStatus::Graded],
            )?;
        }
        Ok(())
    })
}
