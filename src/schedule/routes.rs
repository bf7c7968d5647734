//! Routes of the schedule, per area.

use actix_web::web;

use super::handlers::board;

/// Inside `/client`.
pub fn client(_cfg: &mut web::ServiceConfig) {}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    // The dispatch board; offering and assigning from it are the orders' manual steps.
    cfg.service(web::resource("/schedule").get(board::page))
        .service(web::resource("/schedule/orders/{id}/{how:offer|assign}").post(board::give));
}
