//! Routes of the schedule, per area.

use actix_web::web;

/// Inside `/client`.
pub fn client(_cfg: &mut web::ServiceConfig) {}

/// Inside `/manage`.
pub fn manage(_cfg: &mut web::ServiceConfig) {}
