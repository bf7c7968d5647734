//! Routes of accounts: login, logout, registration, password recovery, language, own
//! account page.

use actix_web::middleware::from_fn;
use actix_web::web;

use super::handlers::guard::{require_admin, require_login};
use super::handlers::{self, account, calendar, invitations, recovery, setup};

pub fn configure(cfg: &mut web::ServiceConfig) {
    // public
    cfg.service(
        web::resource("/login")
            .get(handlers::login_page)
            .post(handlers::login),
    )
    .service(
        web::resource("/register")
            .get(handlers::register_page)
            .post(handlers::register),
    )
    .service(
        web::resource("/forgot-password")
            .get(recovery::forgot_page)
            .post(recovery::forgot_submit),
    )
    .service(
        web::resource("/reset-password")
            .get(recovery::reset_page)
            .post(recovery::reset_submit),
    )
    .service(
        web::resource("/invite")
            .get(invitations::page)
            .post(invitations::accept),
    )
    .service(web::resource("/setup").get(setup::page).post(setup::submit))
    .service(
        web::resource("/setup/next")
            .wrap(from_fn(require_admin))
            .get(setup::next),
    )
    .service(web::resource("/logout").post(handlers::logout))
    .service(web::resource("/lang").post(handlers::switch_language));
    // own account
    cfg.service(
        web::scope("/account")
            .wrap(from_fn(require_login))
            .service(web::resource("").get(account::show))
            .service(web::resource("/password").post(account::change_password))
            .service(
                web::resource("/confirm-password")
                    .get(account::confirm_password_page)
                    .post(account::confirm_password_submit),
            )
            .service(web::resource("/notifications").post(account::save_notifications))
            // calendar feed link
            .service(web::resource("/calendar").get(calendar::show))
            .service(web::resource("/calendar/renew").post(calendar::renew))
            .service(web::resource("/calendar/revoke").post(calendar::revoke)),
    );
}
