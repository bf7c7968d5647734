//! Notifications: the in-app list with its unread badge, per-user email preferences, and the
//! email outbox with its dispatcher (retries with backoff, dead letters for admins).

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
