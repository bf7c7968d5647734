//! Routes of bets, inside the `/bets` scope guarded by `guard::require_bets`.

use actix_web::web;

use super::handlers;

pub fn bets(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(handlers::index))
        .service(web::resource("/orders/{id}").post(handlers::place))
        .service(web::resource("/books/{id}").get(handlers::book))
        .service(web::resource("/standings").get(handlers::standings))
        .service(web::resource("/log").get(handlers::access_log));
}
