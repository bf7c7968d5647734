//! Routes of orders, per area (each area's scope and guard are set up in `startup`).

use actix_web::web;

use super::handlers::{calendar, client, files, history, manage, ordering, report, worker};
use crate::auth::handlers::throttle::expensive;

/// Inside `/client`.
pub fn client(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/orders/new").get(ordering::new_form))
        // GET: where a refused order form stands; it leads to the order list.
        .service(
            web::resource("/orders")
                .get(client::list)
                .post(ordering::create),
        )
        .service(expensive("/orders/quote").get(ordering::quote))
        .service(web::resource("/orders/{id}").get(client::show))
        .service(web::resource("/orders/{id}/appointment.ics").get(calendar::appointment))
        .service(
            web::resource("/orders/{id}/cancel")
                .get(client::cancel_page)
                .post(client::cancel),
        )
        .service(
            web::resource("/orders/{id}/sign")
                .get(client::sign_page)
                .post(client::sign),
        )
        .service(web::resource("/orders/{id}/refuse").post(client::refuse));
}

/// Inside `/worker`.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/history").get(history::page))
        .service(web::resource("/jobs/{id}").get(worker::job))
        .service(expensive("/jobs/{id}/report").post(report::report))
        .service(
            web::resource("/jobs/{id}/cancel")
                .get(worker::withdraw_page)
                .post(worker::withdraw),
        )
        // accept, decline, kit, start
        .service(web::resource("/jobs/{id}/{step}").post(worker::step));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(expensive("/orders").get(manage::table))
        .service(web::resource("/unplaced").get(manage::unplaced))
        .service(web::resource("/orders/{id}/cancel").post(manage::cancel))
        // offer, assign
        .service(web::resource("/orders/{id}/{how:offer|assign}").post(manage::give))
        // kit, resolve
        .service(web::resource("/orders/{id}/{step}").post(manage::step));
}

/// Inside `/orders` (any logged-in user; each file checks who may see its order).
pub fn shared(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/{id}/files/{file}").get(files::file))
        .service(web::resource("/{id}/signature.png").get(files::signature));
}

/// Public: the calendar feed behind its secret link (the token is the only credential).
pub fn public(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/calendar/{token}.ics").get(calendar::feed));
}
