//! Routes of the catalogue.

use actix_web::web;

use super::handlers;

/// Everyone may browse active services.
pub fn public(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/services").get(handlers::browse));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/services").get(handlers::manage_list))
        .service(
            web::resource("/services/new")
                .get(handlers::new_form)
                .post(handlers::create),
        )
        .service(
            web::resource("/services/{id}")
                .get(handlers::edit)
                .post(handlers::update),
        )
        .service(web::resource("/services/{id}/active").post(handlers::set_active))
        // options
        .service(web::resource("/services/{id}/options").post(handlers::add_option))
        .service(
            web::resource("/services/{id}/options/{option}/active")
                .post(handlers::set_option_active),
        )
        // checklist
        .service(web::resource("/services/{id}/checklist").post(handlers::add_checklist_item))
        .service(
            web::resource("/services/{id}/checklist/{item}/remove")
                .post(handlers::remove_checklist_item),
        );
}

/// Inside `/admin`: the skills list the business keeps.
pub fn admin(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/skills")
            .get(handlers::skills::page)
            .post(handlers::skills::add),
    )
    .service(web::resource("/skills/{id}").post(handlers::skills::rename))
    .service(web::resource("/skills/{id}/active").post(handlers::skills::set_active));
}
