//! Routes of the dashboard and the exports (inside `/manage`, behind the manager guard).

use actix_web::web;

use super::handlers::{archives, dashboard, exports};

pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(dashboard::show))
        .service(web::resource("/reports/{file}").get(exports::download))
        .service(web::resource("/balances").get(archives::balances))
        .service(web::resource("/balances.csv").get(archives::balances_csv))
        .service(web::resource("/consumption").get(archives::consumption))
        .service(web::resource("/consumption.csv").get(archives::consumption_csv));
}
