//! SQL for screening tests and their questions.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::hiring::model::grading::Question;
use crate::i18n::{Lang, Texts};

/// The columns of a test, its texts per language (`title` and `instructions` are English).
const TEST_COLUMNS: &str =
    "t.id, t.title, t.title_ru, t.instructions, t.instructions_ru, t.time_limit_minutes";

fn test_row(r: &rusqlite::Row) -> rusqlite::Result<Test> {
    Ok(Test {
        id: r.get("id")?,
        title: Texts::new(
            r.get::<_, String>("title")?,
            r.get::<_, String>("title_ru")?,
        ),
        instructions: Texts::new(
            r.get::<_, String>("instructions")?,
            r.get::<_, String>("instructions_ru")?,
        ),
        time_limit_minutes: r.get("time_limit_minutes")?,
    })
}

fn question_row(r: &rusqlite::Row) -> rusqlite::Result<TestQuestion> {
    let spec: String = r.get("spec_json")?;
    let question = serde_json::from_str(&spec).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(TestQuestion {
        id: r.get("id")?,
        position: r.get("position")?,
        prompt: Texts::new(
            r.get::<_, String>("prompt")?,
            r.get::<_, String>("prompt_ru")?,
        ),
        points: r.get("points")?,
        question,
    })
}

#[derive(Debug, Clone)]
pub struct Test {
    pub id: i64,
    pub title: Texts,
    pub instructions: Texts,
    pub time_limit_minutes: i64,
}

#[derive(Debug, Clone)]
pub struct TestQuestion {
    pub id: i64,
    pub position: i64,
    pub prompt: Texts,
    pub points: i64,
    pub question: Question,
}

pub fn tests(conn: &Connection) -> rusqlite::Result<Vec<(Test, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TEST_COLUMNS},
                (SELECT COUNT(*) FROM screening_questions q WHERE q.test_id = t.id AND q.active = 1)
                  AS question_count
         FROM screening_tests t ORDER BY t.id DESC"
    ))?;
    stmt.query_map([], |r| Ok((test_row(r)?, r.get("question_count")?)))?
        .collect()
}

pub fn test(conn: &Connection, id: i64) -> rusqlite::Result<Option<Test>> {
    conn.query_row_cached(
        &format!("SELECT {TEST_COLUMNS} FROM screening_tests t WHERE t.id = ?1"),
        [id],
        test_row,
    )
    .optional()
}

pub fn insert_test(
    conn: &Connection,
    title: impl Into<Texts>,
    instructions: impl Into<Texts>,
    minutes: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let (title, instructions) = (title.into(), instructions.into());
    conn.execute(
        "INSERT INTO screening_tests (title, title_ru, instructions, instructions_ru, time_limit_minutes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![title.en, title.ru, instructions.en, instructions.ru, minutes, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Saves the texts of the languages in use; those of languages not in use are kept for when
/// they are used again.
pub fn update_test(
    conn: &Connection,
    id: i64,
    langs: &[Lang],
    title: &Texts,
    instructions: &Texts,
    minutes: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE screening_tests SET
             title = CASE WHEN ?2 THEN ?4 ELSE title END,
             title_ru = CASE WHEN ?3 THEN ?5 ELSE title_ru END,
             instructions = CASE WHEN ?2 THEN ?6 ELSE instructions END,
             instructions_ru = CASE WHEN ?3 THEN ?7 ELSE instructions_ru END,
             time_limit_minutes = ?8, updated_at = ?9
         WHERE id = ?1",
        params![
            id,
            langs.contains(&Lang::En),
            langs.contains(&Lang::Ru),
            title.en,
            title.ru,
            instructions.en,
            instructions.ru,
            minutes,
            now
        ],
    )
}

pub fn questions(conn: &Connection, test_id: i64) -> rusqlite::Result<Vec<TestQuestion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, position, prompt, prompt_ru, points, spec_json FROM screening_questions
         WHERE test_id = ?1 AND active = 1 ORDER BY position, id",
    )?;
    stmt.query_map([test_id], question_row)?.collect()
}

pub fn insert_question(
    conn: &Connection,
    test_id: i64,
    prompt: impl Into<Texts>,
    points: i64,
    q: &Question,
) -> rusqlite::Result<i64> {
    let prompt = prompt.into();
    conn.execute(
        "INSERT INTO screening_questions (test_id, position, prompt, prompt_ru, points, spec_json)
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM screening_questions WHERE test_id = ?1), ?2, ?3, ?4, ?5)",
        params![test_id, prompt.en, prompt.ru, points, serde_json::to_string(q).expect("questions serialise")],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn remove_question(conn: &Connection, test_id: i64, id: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE screening_questions SET active = 0 WHERE id = ?2 AND test_id = ?1",
        params![test_id, id],
    )
}

/// Swaps the question with the one before it.
pub fn move_up(conn: &Connection, test_id: i64, id: i64) -> rusqlite::Result<bool> {
    let list = questions(conn, test_id)?;
    let Some(i) = list.iter().position(|q| q.id == id) else {
        return Ok(false);
    };
    if i == 0 {
        return Ok(true);
    }
    let (a, b) = (&list[i - 1], &list[i]);
    conn.execute(
        "UPDATE screening_questions SET position = ?2 WHERE id = ?1",
        params![b.id, a.position],
    )?;
    conn.execute(
        "UPDATE screening_questions SET position = ?2 WHERE id = ?1",
        params![a.id, b.position],
    )?;
    Ok(true)
}

/// The given questions (active or not: an assignment keeps the ones it was given), in the
/// order of `ids`.
pub fn questions_by_ids(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<TestQuestion>> {
    let mut out = Vec::new();
    for id in ids {
        // A question whose spec no longer reads is left out rather than failing the attempt.
        let q = conn
            .query_row(
                "SELECT id, position, prompt, prompt_ru, points, spec_json FROM screening_questions WHERE id = ?1",
                [id],
                |r| Ok(question_row(r).ok()),
            )
            .optional()?;
        if let Some(Some(q)) = q {
            out.push(q);
        }
    }
    Ok(out)
}

/// The service a test is for; `None` for a general test.
pub fn set_service(tx: &Connection, id: i64, service: Option<i64>) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE screening_tests SET service_id = ?2 WHERE id = ?1",
        params![id, service],
    )?;
    Ok(())
}

pub fn service_of(conn: &Connection, id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT service_id FROM screening_tests WHERE id = ?1",
        [id],
        |r| r.get("service_id"),
    )
}

pub fn service_by_code(conn: &Connection, code: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT id FROM service_names WHERE code = ?1",
        [code],
        |r| r.get("id"),
    )
    .optional()
}

/// The first test titled so in English or in Russian.
pub fn test_by_title(conn: &Connection, title: &Texts) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT id FROM screening_tests
         WHERE (title = ?1 AND ?1 <> '') OR (title_ru = ?2 AND ?2 <> '') ORDER BY id LIMIT 1",
        params![title.en, title.ru],
        |r| r.get("id"),
    )
    .optional()
}

/// The tests that may re-certify a worker for `service_id`: its own, and those of services
/// needing the same skill; its own first, newest first.
pub fn tests_for_service(conn: &Connection, service_id: i64) -> rusqlite::Result<Vec<Test>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TEST_COLUMNS} FROM screening_tests t
         JOIN service_names own ON own.id = t.service_id
         JOIN service_names s ON s.id = ?1 AND s.skill = own.skill
         ORDER BY t.service_id <> ?1, t.id DESC"
    ))?;
    stmt.query_map([service_id], test_row)?.collect()
}

/// The first test whose title is written only in `lang` (the business may not drop it yet).
pub fn titled_only_in(conn: &Connection, lang: Lang) -> rusqlite::Result<Option<String>> {
    let (own, other) = match lang {
        Lang::En => ("title", "title_ru"),
        Lang::Ru => ("title_ru", "title"),
    };
    conn.query_row(
        &format!("SELECT {own} FROM screening_tests WHERE {own} <> '' AND {other} = '' LIMIT 1"),
        [],
        |r| r.get(0),
    )
    .optional()
}
