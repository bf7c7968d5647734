//! SQL for accounts: users, permissions and sessions; login and sign-up attempts and
//! trusted devices in `throttle`, password reset links in `resets`, invitations in
//! `invitations`.

mod feeds;
mod invitations;
mod resets;
mod setup;
mod throttle;
pub use feeds::*;
pub use invitations::*;
pub use resets::*;
pub use setup::*;
pub use throttle::*;

use crate::db::{QueryRowCached, WriteTx};
use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::Role;
use crate::i18n::Lang;

impl FromSql for Role {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Role::parse(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}
impl ToSql for Role {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}
impl FromSql for Lang {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Lang::from_code(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}
impl ToSql for Lang {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub language: Lang,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

const USER_COLUMNS: &str = "id, email, name, role, language, active, created_at";

fn user_from_row(r: &Row) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get("id")?,
        email: r.get("email")?,
        name: r.get("name")?,
        role: r.get("role")?,
        language: r.get("language")?,
        active: r.get("active")?,
        created_at: r.get("created_at")?,
    })
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub language: Lang,
}

/// Inserts a user; `None` when the email is taken.
pub fn insert_user(
    conn: &Connection,
    u: &NewUser,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    let inserted = conn.execute(
        "INSERT INTO users (email, name, password_hash, role, language, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (email) DO NOTHING",
        params![u.email, u.name, u.password_hash, u.role, u.language, now],
    )?;
    Ok((inserted == 1).then(|| conn.last_insert_rowid()))
}

pub fn user_by_id(conn: &Connection, id: i64) -> rusqlite::Result<Option<User>> {
    conn.query_row_cached(
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"),
        [id],
        user_from_row,
    )
    .optional()
}

/// The user and their password hash, for login.
pub fn user_with_hash_by_email(
    conn: &Connection,
    email: &str,
) -> rusqlite::Result<Option<(User, String)>> {
    conn.query_row_cached(
        &format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = ?1"),
        [email],
        |r| Ok((user_from_row(r)?, r.get("password_hash")?)),
    )
    .optional()
}

pub fn password_hash(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row_cached(
        "SELECT password_hash FROM users WHERE id = ?1",
        [user_id],
        |r| r.get("password_hash"),
    )
    .optional()
}

pub fn set_password_hash(conn: &Connection, user_id: i64, hash: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET password_hash = ?2 WHERE id = ?1",
        params![user_id, hash],
    )?;
    Ok(())
}

pub fn set_language(conn: &Connection, user_id: i64, lang: Lang) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET language = ?2 WHERE id = ?1",
        params![user_id, lang],
    )?;
    Ok(())
}

/// Moves everyone reading `from` to `to` (the business stopped using `from`); how many.
pub fn move_language(conn: &Connection, from: Lang, to: Lang) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE users SET language = ?2 WHERE language = ?1",
        params![from, to],
    )
}

pub fn set_role(conn: &Connection, user_id: i64, role: Role) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET role = ?2 WHERE id = ?1",
        params![user_id, role],
    )?;
    Ok(())
}

pub fn set_active(conn: &Connection, user_id: i64, active: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET active = ?2 WHERE id = ?1",
        params![user_id, active],
    )?;
    Ok(())
}

pub fn permissions(conn: &Connection, user_id: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT permission FROM user_permissions WHERE user_id = ?1 ORDER BY permission",
    )?;
    stmt.query_map([user_id], |r| r.get("permission"))?
        .collect()
}

pub fn set_permission(
    conn: &Connection,
    user_id: i64,
    permission: &str,
    granted: bool,
) -> rusqlite::Result<bool> {
    let changed = if granted {
        conn.execute(
            "INSERT INTO user_permissions (user_id, permission) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![user_id, permission],
        )?
    } else {
        conn.execute(
            "DELETE FROM user_permissions WHERE user_id = ?1 AND permission = ?2",
            params![user_id, permission],
        )?
    };
    Ok(changed == 1)
}

pub fn ids_with_role(conn: &Connection, role: Role) -> rusqlite::Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM users WHERE role = ?1 AND active = 1 ORDER BY id")?;
    stmt.query_map([role], |r| r.get("id"))?.collect()
}

/// One page of users matching `search` (name or email) and `role`, newest first.
pub fn search_users(
    conn: &Connection,
    search: &str,
    role: Option<Role>,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<User>, i64)> {
    let pattern = format!(
        "%{}%",
        search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let role = role.map(Role::as_str);
    let filter =
        "(name LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\') AND (?2 IS NULL OR role = ?2)";
    let total = conn.query_row_cached(
        &format!("SELECT COUNT(*) AS n FROM users WHERE {filter}"),
        params![pattern, role],
        |r| r.get("n"),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE {filter} ORDER BY id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let users = stmt
        .query_map(params![pattern, role, limit, offset], user_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((users, total))
}

/// Up to `limit` users of one role, newest first (the workers in a manager's filter and
/// offer lists): read through the role's index, where `search_users` reads every user.
pub fn users_with_role(conn: &Connection, role: Role, limit: i64) -> rusqlite::Result<Vec<User>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE role = ?1 ORDER BY id DESC LIMIT ?2"
    ))?;
    stmt.query_map(params![role.as_str(), limit], user_from_row)?
        .collect()
}

// ---- sessions ----

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub csrf_token: &'a str,
    pub expires_at: DateTime<Utc>,
    pub ip: &'a str,
    pub user_agent: &'a str,
}

pub fn insert_session(
    conn: &Connection,
    s: &NewSession,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip, user_agent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?6, ?7)",
        params![s.token_hash, s.user_id, s.csrf_token, now, s.expires_at, s.ip, s.user_agent],
    )?;
    Ok(())
}

/// A session as the middleware sees it: the user, its CSRF token, when it was last seen and
/// when its owner last typed the password.
pub struct LiveSession {
    pub user: User,
    pub csrf_token: String,
    pub last_seen_at: DateTime<Utc>,
    pub authenticated_at: DateTime<Utc>,
}

/// A live session of an active user: not past its absolute expiry, and seen after
/// `idle_since` (`admin_idle_since` for admins, whose idle timeout is shorter).
pub fn live_session(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
    idle_since: DateTime<Utc>,
    admin_idle_since: DateTime<Utc>,
) -> rusqlite::Result<Option<LiveSession>> {
    conn.prepare_cached(
        "SELECT u.id, u.email, u.name, u.role, u.language, u.active, u.created_at, s.csrf_token,
                s.last_seen_at, COALESCE(s.authenticated_at, s.created_at) AS authenticated_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.active = 1
           AND s.last_seen_at > CASE WHEN u.role = 'admin' THEN ?4 ELSE ?3 END",
    )?
    .query_row(
        params![token_hash, now, idle_since, admin_idle_since],
        |r| {
            Ok(LiveSession {
                user: user_from_row(r)?,
                csrf_token: r.get("csrf_token")?,
                last_seen_at: r.get("last_seen_at")?,
                authenticated_at: r.get("authenticated_at")?,
            })
        },
    )
    .optional()
}

/// The owner typed the password again (before a sensitive action).
pub fn reauthenticate_session(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sessions SET authenticated_at = ?2 WHERE token_hash = ?1",
        params![token_hash, now],
    )?;
    Ok(())
}

pub fn touch_session(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
        params![token_hash, now],
    )?;
    Ok(())
}

/// Every way a session ends goes through the three functions below, so each tells the
/// user's event streams (`live::SESSIONS_ENDED`, published when the write transaction
/// commits): a stream of an ended session closes at once instead of outliving it. (Expired
/// sessions' streams have usually closed before housekeeping removes them: each stream also
/// checks its session on its keep-alive tick.)
fn ended(tx: &WriteTx, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    let mut stmt = tx.prepare_cached(sql)?;
    let users = stmt
        .query_map(params, |r| r.get::<_, i64>("user_id"))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let count = users.len();
    let users: std::collections::BTreeSet<i64> = users.into_iter().collect();
    for user_id in users {
        tx.note(
            crate::live::Audience::User(user_id),
            crate::live::SESSIONS_ENDED,
        );
    }
    Ok(count)
}

pub fn delete_session(tx: &WriteTx, token_hash: &str) -> rusqlite::Result<usize> {
    ended(
        tx,
        "DELETE FROM sessions WHERE token_hash = ?1 RETURNING user_id",
        [token_hash],
    )
}

pub fn delete_user_sessions(
    tx: &WriteTx,
    user_id: i64,
    except: Option<&str>,
) -> rusqlite::Result<usize> {
    ended(
        tx,
        "DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2 RETURNING user_id",
        params![user_id, except],
    )
}

pub fn delete_expired_sessions(tx: &WriteTx, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    ended(
        tx,
        "DELETE FROM sessions WHERE expires_at <= ?1 RETURNING user_id",
        [now],
    )
}
