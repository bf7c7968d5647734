//! Routes of the dashboard and the exports (inside `/manage`, behind the manager guard).

use actix_web::web;

use super::handlers::{archives, dashboard, exports};
use crate::auth::handlers::throttle::expensive;

pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(dashboard::show))
        .service(expensive("/reports/{file}").get(exports::download))
        .service(web::resource("/balances").get(archives::balances))
        .service(expensive("/balances.csv").get(archives::balances_csv))
        .service(web::resource("/consumption").get(archives::consumption))
        .service(expensive("/consumption.csv").get(archives::consumption_csv));
}
