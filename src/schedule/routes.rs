//! Routes of the schedule, per area.

use actix_web::web;

use super::handlers::{board, reschedule};

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
    )
    // The dispatch board; offering and assigning from it are the orders' manual steps.
    .service(web::resource("/schedule").get(board::page))
    .service(web::resource("/schedule/orders/{id}/{how:offer|assign}").post(board::give));
}
