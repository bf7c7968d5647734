//! What the admin overview reads: active people per role (the `people` view), the mail
//! queue's counts, the latest audit entries and the getting-started checklist (published
//! views and their owners' query functions).

use crate::db::QueryRowCached;
use rusqlite::Connection;

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
