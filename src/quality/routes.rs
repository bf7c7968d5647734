//! Routes of quality control, inside `/manage` (managers only).

use actix_web::web;

use super::handlers;

pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/qc").get(handlers::queue_page))
        .service(web::resource("/qc/badge").get(handlers::badge))
        .service(
            web::resource("/qc/{id}")
                .get(handlers::review_page)
                .post(handlers::decide),
        )
        .service(web::resource("/qc/{id}/assign").post(handlers::assign))
        .service(web::resource("/insights").get(handlers::insights_page));
}
