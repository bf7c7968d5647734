//! Routes of supply.

use actix_web::web;

use super::handlers::{kit, materials, movements, packs, stock};

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    // stock
    cfg.service(web::resource("/stock").get(stock::page).post(stock::add))
        .service(web::resource("/stock/movements").get(movements::page))
        .service(web::resource("/stock/{id}/receive").post(stock::receive))
        .service(web::resource("/stock/{id}/adjust").post(stock::adjust))
        // kits and extra requests
        .service(web::resource("/packs").get(packs::page))
        .service(web::resource("/packs/extras/{id}/{answer}").post(packs::decide))
        .service(web::resource("/packs/{id}/point").post(packs::choose_point))
        // bill of materials
        .service(web::resource("/services/{id}/materials").post(materials::set))
        .service(
            web::resource("/services/{id}/materials/{consumable}/remove").post(materials::remove),
        );
}

/// Inside `/worker`.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/jobs/{id}/extras").post(kit::ask));
}
