//! Routes of the in-app notification list.

use actix_web::middleware::from_fn;
use actix_web::web;

use super::handlers;
use crate::auth::guard::require_login;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/notifications")
            .wrap(from_fn(require_login))
            .service(web::resource("").get(handlers::list))
            .service(web::resource("/badge").get(handlers::badge))
            .service(web::resource("/read").post(handlers::mark_read)),
    );
}
