//! Routes of the admin area (the scope and its guard are set up in `startup`).

use actix_web::web;

use super::handlers::{self, invitations, settings};

/// Inside `/admin`.
pub fn admin(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(handlers::overview))
        // users and roles
        .service(web::resource("/users").get(handlers::users_list))
        .service(web::resource("/users/{id}").get(handlers::user_detail))
        .service(web::resource("/users/{id}/role").post(handlers::set_role))
        .service(web::resource("/users/{id}/permission").post(handlers::set_permission))
        .service(web::resource("/users/{id}/active").post(handlers::set_active))
        .service(web::resource("/users/{id}/skills").post(handlers::set_skills))
        // invitations
        .service(
            web::resource("/invitations")
                .get(invitations::page)
                .post(invitations::invite),
        )
        .service(web::resource("/invitations/{id}/resend").post(invitations::resend))
        .service(web::resource("/invitations/{id}/revoke").post(invitations::revoke))
        // the business settings
        .service(
            web::resource("/settings")
                .get(settings::page)
                .post(settings::save),
        )
        // mail queue
        .service(web::resource("/mail").get(handlers::mail_queue))
        .service(web::resource("/mail/{id}").get(handlers::mail_detail))
        .service(web::resource("/mail/{id}/retry").post(handlers::retry_mail))
        // audit log
        .service(web::resource("/audit").get(handlers::audit_log));
}
