//! Routes of the in-app notification list, inside the `/notifications` scope (any logged-in
//! user; the app assembly wraps the scope in the login guard).

use actix_web::web;

use super::handlers;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(handlers::list))
        .service(web::resource("/badge").get(handlers::badge))
        .service(web::resource("/read").post(handlers::mark_read))
        .service(web::resource("/{id}/open").post(handlers::open));
}
