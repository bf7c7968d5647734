//! What the admin overview reads: active people per role (the `people` view), the mail
//! queue's counts and the latest audit entries (their owners' query functions); and the
//! company's logo (`company_logo`).

use crate::db::QueryRowCached;
use rusqlite::Connection;

use super::model::Image;
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

/// The company's logo as pages know it (its bytes are read once to name their version), or
/// `None` when none was uploaded.
pub fn logo_info(conn: &Connection) -> rusqlite::Result<Option<crate::config::LogoInfo>> {
    Ok(logo(conn)?.map(|(image, bytes)| super::model::info(image, &bytes)))
}

/// The logo's image and bytes, as served.
pub fn logo(conn: &Connection) -> rusqlite::Result<Option<(Image, Vec<u8>)>> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        "SELECT content_type, width, height, bytes FROM company_logo WHERE id = 1",
        [],
        |r| {
            let content_type: String = r.get("content_type")?;
            Ok((
                Image {
                    content_type: if content_type == "image/png" {
                        "image/png"
                    } else {
                        "image/jpeg"
                    },
                    width: r.get("width")?,
                    height: r.get("height")?,
                },
                r.get::<_, Vec<u8>>("bytes")?,
            ))
        },
    )
    .optional()
}

/// Makes `bytes` the logo, replacing any before it.
pub fn put_logo(
    conn: &Connection,
    image: &Image,
    bytes: &[u8],
    now: chrono::DateTime<chrono::Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO company_logo (id, content_type, width, height, bytes, updated_at) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (id) DO UPDATE SET content_type = excluded.content_type, \
         width = excluded.width, height = excluded.height, bytes = excluded.bytes, \
         updated_at = excluded.updated_at",
        rusqlite::params![image.content_type, image.width, image.height, bytes, now],
    )?;
    Ok(())
}

/// Removes the logo; false when there was none.
pub fn delete_logo(conn: &Connection) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM company_logo WHERE id = 1", [])? > 0)
}
