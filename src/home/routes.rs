//! Routes of the landing page, health check and the homes not yet owned by a context.

use actix_web::web;

use super::handlers;

pub fn public(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").get(handlers::landing))
        .service(web::resource("/healthz").get(handlers::healthz));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(handlers::manager_home));
}
