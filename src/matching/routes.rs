//! Routes of matching, per area.

use actix_web::web;

use super::{admin_pages, manage_pages, worker_pages};

/// Inside `/worker`.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/availability").get(worker_pages::show))
        .service(web::resource("/availability/duty").post(worker_pages::set_duty))
        .service(web::resource("/availability/hours").post(worker_pages::set_hours))
        .service(web::resource("/availability/days-off").post(worker_pages::add_day_off))
        .service(
            web::resource("/availability/days-off/{day}/remove").post(worker_pages::remove_day_off),
        );
}

/// Inside `/manage` (before the orders' generic step route).
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/orders/{id}/rerun").post(manage_pages::rerun));
}

/// Inside `/admin`.
pub fn admin(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/matching").get(admin_pages::overview))
        .service(web::resource("/matching/settings").post(admin_pages::save))
        .service(web::resource("/matching/decisions/{id}").get(admin_pages::decision));
}
