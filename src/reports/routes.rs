//! Routes of the dashboard and the exports (inside `/manage`, behind the manager guard).

use actix_web::web;

use super::handlers::{dashboard, exports};

pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(dashboard::show))
        .service(web::resource("/reports/{file}").get(exports::download));
}
