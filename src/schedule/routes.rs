//! Routes of the schedule, per area.

use actix_web::web;

use super::handlers::reschedule;

/// Inside `/client`.
pub fn client(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/orders/{id}/reschedule")
            .get(reschedule::form)
            .post(reschedule::submit),
    );
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/orders/{id}/reschedule")
            .get(reschedule::form)
            .post(reschedule::submit),
    );
}
