//! Hiring's invariants for `check`: re-certification states agree with the attempts behind
//! them, and an override stands only on a failed or overdue certification.

use rusqlite::Connection;

/// (description, SQL returning the offending rows as "worker/service" strings).
const RULES: &[(&str, &str)] = &[
    (
        "a certification under re-certification has no open attempt of its own",
        "SELECT c.worker_id || '/' || c.service_id FROM worker_certifications c
         LEFT JOIN test_assignments a ON a.id = c.assignment_id
         WHERE c.status = 'testing' AND (a.id IS NULL OR a.worker_id IS NOT c.worker_id
           OR a.service_id IS NOT c.service_id OR a.status NOT IN ('invited', 'started', 'submitted'))",
    ),
    (
        "an open re-certification attempt is not the one its certification waits for",
        "SELECT a.worker_id || '/' || a.service_id FROM test_assignments a
         LEFT JOIN worker_certifications c ON c.worker_id = a.worker_id AND c.service_id = a.service_id
         WHERE a.worker_id IS NOT NULL AND a.status IN ('invited', 'started', 'submitted')
           AND (c.assignment_id IS NOT a.id OR c.status NOT IN ('testing', 'overdue'))",
    ),
    (
        "a decided certification disagrees with its graded attempt's score",
        "SELECT c.worker_id || '/' || c.service_id FROM worker_certifications c
         JOIN test_assignments a ON a.id = c.assignment_id
         WHERE c.status IN ('certified', 'failed') AND a.status = 'graded'
           AND c.score_bp IS NOT a.score_bp",
    ),
    (
        "a certification is decided while its attempt is still open",
        "SELECT c.worker_id || '/' || c.service_id FROM worker_certifications c
         JOIN test_assignments a ON a.id = c.assignment_id
         WHERE c.status IN ('certified', 'failed') AND a.status IN ('invited', 'started', 'submitted')",
    ),
    (
        "a manager's override stands on a certification that is not failed or overdue",
        "SELECT worker_id || '/' || service_id FROM worker_certifications
         WHERE override_reason IS NOT NULL AND status NOT IN ('failed', 'overdue')",
    ),
    (
        "a re-certification attempt was given to someone who is not a worker",
        "SELECT a.worker_id || '/' || a.service_id FROM test_assignments a
         JOIN people p ON p.id = a.worker_id WHERE p.role <> 'worker'",
    ),
];

/// Every broken rule, one line per offending worker/service.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    for (what, sql) in RULES {
        let mut stmt = conn.prepare_cached(sql)?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            out.push(format!("hiring: {what} (worker/service {})", row?));
        }
    }
    Ok(out)
}
