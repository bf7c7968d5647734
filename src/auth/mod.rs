//! Accounts and access: users, roles and permissions, passwords, server-side sessions,
//! login throttling and the request budget of the expensive endpoints, password recovery,
//! guards and the pages for login, registration and one's own account.

pub mod feeds;
pub mod guard;
pub mod handlers;
pub mod invitations;
pub mod model;
pub mod password;
pub mod reauth;
pub mod recovery;
pub mod routes;
pub mod service;
pub mod session;
pub mod store;
pub mod throttle;
pub mod views;
