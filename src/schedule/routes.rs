//! Routes of the schedule, per area.

use actix_web::web;

use super::handlers::{board, reschedule, series};

/// Inside `/client`.
pub fn client(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/orders/{id}/reschedule")
            .get(reschedule::form)
            .post(reschedule::submit),
    )
    .service(web::resource("/series").get(series::client_list));
    series_actions(cfg);
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/orders/{id}/reschedule")
            .get(reschedule::form)
            .post(reschedule::submit),
    )
    .service(web::resource("/series").get(series::manage_list))
    // The dispatch board; offering and assigning from it are the orders' manual steps.
    .service(web::resource("/schedule").get(board::page))
    .service(web::resource("/schedule/orders/{id}/{how:offer|assign}").post(board::give));
    series_actions(cfg);
}

/// One series and what is done to it: the same in both areas (the actor tells them apart).
fn series_actions(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/series/{id}").get(series::show))
        .service(web::resource("/series/{id}/skip").post(series::skip))
        .service(web::resource("/series/{id}/move").post(series::move_one))
        .service(web::resource("/series/{id}/move-all").post(series::move_all))
        .service(web::resource("/series/{id}/end").post(series::end));
}
