//! Routes of the client profile (inside `/client`).

use actix_web::web;

use super::handlers;

pub fn client(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/profile").get(handlers::show))
        .service(web::resource("/profile/addresses").post(handlers::add_address))
        .service(web::resource("/profile/addresses/{id}/default").post(handlers::make_default))
        .service(web::resource("/profile/addresses/{id}/remove").post(handlers::remove_address))
        .service(web::resource("/profile/notes").post(handlers::save_notes))
        .service(web::resource("/profile/phone").post(handlers::save_phone))
        .service(web::resource("/profile/card").post(handlers::save_card))
        .service(web::resource("/profile/workers/{id}").post(handlers::set_worker_preference));
}
