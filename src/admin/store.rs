//! What the admin overview reads: active people per role (the `people` view), the mail
//! queue's counts, the latest audit entries and the getting-started checklist (published
//! views and their owners' query functions); and the company's logo (`company_logo`).

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
    /// Empty once everything on it is done.
    pub checklist: Vec<ChecklistItem>,
}

/// One step of getting started: whether the data shows it done, and where to do it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub label_key: &'static str,
    pub done: bool,
    pub href: &'static str,
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
        checklist: checklist(conn)?,
    })
}

/// The getting-started steps, each decided from the data; empty when all are done.
pub fn checklist(conn: &Connection) -> rusqlite::Result<Vec<ChecklistItem>> {
    let exists =
        |sql: &str| -> rusqlite::Result<bool> { conn.query_row_cached(sql, [], |r| r.get(0)) };
    let services = exists("SELECT EXISTS (SELECT 1 FROM service_names WHERE active = 1)")?;
    let stock = exists("SELECT EXISTS (SELECT 1 FROM stock_levels WHERE on_hand > 0)")?
        && crate::supply::store::any_bill_of_materials(conn)?;
    let staff = exists("SELECT EXISTS (SELECT 1 FROM people WHERE role IN ('worker', 'manager'))")?;
    let (skill_held, without_hours) = crate::matching::store::availability::setup_gaps(conn)?;
    let skills =
        exists("SELECT EXISTS (SELECT 1 FROM skill_names WHERE active = 1)")? && skill_held;
    let workers =
        exists("SELECT EXISTS (SELECT 1 FROM people WHERE role = 'worker' AND active = 1)")?;
    let hours = workers
        && without_hours == 0
        && crate::billing::store::people::workers_without_payout_card(conn)? == 0;
    let screening = crate::hiring::store::policies::reviewed(conn)?;
    let order = exists("SELECT EXISTS (SELECT 1 FROM order_facts)")?;
    let items = vec![
        item("checklist-services", services, "/manage/services"),
        item("checklist-stock", stock, "/manage/stock"),
        item("checklist-staff", staff, "/admin/invitations"),
        item("checklist-skills", skills, "/manage/skills"),
        item("checklist-hours", hours, "/admin/users?role=worker"),
        item("checklist-screening", screening, "/manage/policies"),
        item("checklist-order", order, "/manage/orders"),
    ];
    Ok(if items.iter().all(|i| i.done) {
        Vec::new()
    } else {
        items
    })
}

fn item(label_key: &'static str, done: bool, href: &'static str) -> ChecklistItem {
    ChecklistItem {
        label_key,
        done,
        href,
    }
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
