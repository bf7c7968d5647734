//! Routes of experiments, inside `/manage`.

use actix_web::web;

use super::handlers as h;

pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/experiments").get(h::list).post(h::create))
        .service(web::resource("/experiments/new").get(h::new))
        .service(web::resource("/experiments/{id}").get(h::show))
        .service(web::resource("/experiments/{id}/results.csv").get(h::csv))
        .service(web::resource("/experiments/{id}/start").post(h::start))
        .service(web::resource("/experiments/{id}/stop").post(h::stop))
        .service(web::resource("/experiments/{id}/delete").post(h::delete))
        .service(web::resource("/experiments/{id}/refresh").post(h::refresh));
}
