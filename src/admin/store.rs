//! What the admin overview reads: active people per role (the `people` view), the mail
//! queue's counts and the latest audit entries (their owners' query functions).

use crate::db::QueryRowCached;
use rusqlite::Connection;

use crate::audit::AuditEntry;
use crate::identity::Role;

pub mod settings;

pub struct Overview {
    pub users_by_role: Vec<(Role, i64)>,
    pub mail: (i64, i64, i64),
    pub recent_audit: Vec<AuditEntry>,
}

pub fn overview(conn: &Connection) -> rusqlite::Result<Overview> {
    let mut users_by_role = Vec::new();
    for role in Role::ALL {
        let n = conn.query_row_cached(
            "SELECT COUNT(*) AS n FROM people WHERE role = ?1 AND active = 1",
            [role.as_str()],
            |r| r.get("n"),
        )?;
        users_by_role.push((role, n));
    }
    Ok(Overview {
        users_by_role,
        mail: crate::notify::store::mail_counts(conn)?,
        recent_audit: crate::audit::page(conn, "", 5, 0)?.0,
    })
}
