//! Routes of the landing page, health check and role homes.

use actix_web::middleware::from_fn;
use actix_web::web;

use super::handlers;
use crate::auth::guard::{require_candidate, require_client, require_manager, require_worker};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").get(handlers::landing))
        .service(web::resource("/healthz").get(handlers::healthz));
    // role homes
    cfg.service(
        web::scope("/client")
            .wrap(from_fn(require_client))
            .service(web::resource("").get(handlers::client_home)),
    )
    .service(
        web::scope("/worker")
            .wrap(from_fn(require_worker))
            .service(web::resource("").get(handlers::worker_home)),
    )
    .service(
        web::scope("/manage")
            .wrap(from_fn(require_manager))
            .service(web::resource("").get(handlers::manager_home)),
    )
    .service(
        web::scope("/candidate")
            .wrap(from_fn(require_candidate))
            .service(web::resource("").get(handlers::candidate_home)),
    );
}
