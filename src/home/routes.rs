//! Routes of the landing page, the health check, the metrics, the client's and worker's homes and the
//! manager's order page.

use actix_web::web;

use super::handlers::{self, order_page, role_homes};
use crate::auth::handlers::throttle::expensive;

pub fn public(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").get(handlers::landing))
        .service(web::resource("/healthz").get(handlers::healthz))
        .service(web::resource("/readyz").get(handlers::readyz))
        .service(web::resource("/metrics").get(handlers::metrics::metrics))
        .service(expensive("/events").get(handlers::events::stream));
}

/// Inside `/client`.
pub fn client(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(role_homes::client));
}

/// Inside `/worker`.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(role_homes::worker));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/orders/{id}").get(order_page::show));
}
