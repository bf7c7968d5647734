//! Routes of the landing page and the health check.

use actix_web::web;

use super::handlers;

pub fn public(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").get(handlers::landing))
        .service(web::resource("/healthz").get(handlers::healthz));
}
