//! Routes of quality control, inside `/manage` (managers only).

use actix_web::web;

use super::pages;

pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/qc").get(pages::queue_page))
        .service(web::resource("/qc/badge").get(pages::badge))
        .service(
            web::resource("/qc/{id}")
                .get(pages::review_page)
                .post(pages::decide),
        )
        .service(web::resource("/qc/{id}/assign").post(pages::assign))
        .service(web::resource("/insights").get(pages::insights_page));
}
