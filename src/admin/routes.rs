//! Routes of the admin area, all behind the admin guard.

use actix_web::middleware::from_fn;
use actix_web::web;

use super::handlers;
use crate::auth::guard::require_admin;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/admin")
            .wrap(from_fn(require_admin))
            .service(web::resource("").get(handlers::overview))
            // users and roles
            .service(web::resource("/users").get(handlers::users_list))
            .service(web::resource("/users/{id}").get(handlers::user_detail))
            .service(web::resource("/users/{id}/role").post(handlers::set_role))
            .service(web::resource("/users/{id}/permission").post(handlers::set_permission))
            .service(web::resource("/users/{id}/active").post(handlers::set_active))
            // mail queue
            .service(web::resource("/mail").get(handlers::mail_queue))
            .service(web::resource("/mail/{id}/retry").post(handlers::retry_mail))
            // audit log
            .service(web::resource("/audit").get(handlers::audit_log)),
    );
}
