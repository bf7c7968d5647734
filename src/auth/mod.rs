//! Accounts and access: users, roles and permissions, passwords, server-side sessions,
//! login throttling and the request budget of the expensive endpoints, password recovery,
//! guards and the pages for login, registration and one's own account.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
