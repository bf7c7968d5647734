//! Routes of matching, per area.

use actix_web::web;

use super::handlers::{admin, board, manage, replay, worker};

/// Inside `/worker`.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/availability").get(worker::show))
        .service(web::resource("/availability/duty").post(worker::set_duty))
        .service(web::resource("/availability/hours").post(worker::set_hours))
        .service(web::resource("/availability/days-off").post(worker::add_day_off))
        .service(web::resource("/availability/days-off/{day}/remove").post(worker::remove_day_off))
        .service(web::resource("/board").get(board::page))
        .service(web::resource("/board/{id}/volunteer").post(board::volunteer));
}

/// Inside `/manage` (before the orders' generic step route).
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/orders/{id}/rerun").post(manage::rerun))
        .service(web::resource("/orders/{id}/board").post(board::open));
}

/// Inside `/admin`.
pub fn admin(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/matching").get(admin::overview))
        .service(web::resource("/matching/settings").post(admin::save))
        .service(web::resource("/matching/replay").get(replay::page))
        .service(web::resource("/matching/decisions/{id}").get(admin::decision));
}
