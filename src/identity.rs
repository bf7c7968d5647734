//! Who is asking: roles, named permissions and the signed-in user the session middleware
//! attaches to each request. Below every context, so the web layer can read it without
//! depending on `auth`, which fills it in.

use std::fmt;

use actix_web::{HttpMessage, HttpRequest};

use crate::i18n::Lang;

pub const LANG_COOKIE: &str = "ww_lang";
pub const FLASH_COOKIE: &str = "ww_flash";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Client,
    Worker,
    Manager,
    Admin,
    Candidate,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Client,
        Role::Worker,
        Role::Manager,
        Role::Admin,
        Role::Candidate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Worker => "worker",
            Role::Manager => "manager",
            Role::Admin => "admin",
            Role::Candidate => "candidate",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Where a user of this role lands after logging in.
    pub fn home(self) -> &'static str {
        match self {
            Role::Client => "/client",
            Role::Worker => "/worker",
            Role::Manager => "/manage",
            Role::Admin => "/admin",
            Role::Candidate => "/candidate",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Named permissions granted on top of a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Take part in managers' secret bets.
    Bets,
}

impl Permission {
    pub const ALL: [Permission; 1] = [Permission::Bets];

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Bets => "bets",
        }
    }

    pub fn parse(s: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Only managers can hold `bets`: the spec keeps bets among managers.
    pub fn allowed_for(self, role: Role) -> bool {
        match self {
            Permission::Bets => role == Role::Manager,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub language: Lang,
    pub permissions: Vec<String>,
    pub session_hash: String,
    /// When the password was last typed in this session (login or a re-check).
    pub authenticated_at: chrono::DateTime<chrono::Utc>,
}

impl CurrentUser {
    pub fn has_permission(&self, permission: Permission) -> bool {
        self.permissions.iter().any(|p| p == permission.as_str())
    }
}

/// What the session middleware learned about this request.
#[derive(Debug, Clone)]
pub struct RequestCtx {
    pub user: Option<CurrentUser>,
    pub lang: Lang,
    pub csrf_token: String,
}

pub fn request_ctx(req: &HttpRequest) -> RequestCtx {
    req.extensions()
        .get::<RequestCtx>()
        .cloned()
        .unwrap_or_else(|| RequestCtx {
            user: None,
            lang: Lang::default(),
            csrf_token: String::new(),
        })
}
