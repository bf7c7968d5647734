//! Routes of billing, one line each, grouped by who uses them.

use actix_web::web;

use super::handlers::{accounts, controls, invoices, manage, refunds};
use crate::auth::handlers::throttle::expensive;

/// Inside `/invoices` (any logged-in user; each handler checks the invoice is theirs).
pub fn shared(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/{id}").get(invoices::invoice))
        .service(expensive("/{id}/download").get(invoices::invoice_csv))
        .service(web::resource("/{id}/pay").post(invoices::pay_now));
}

/// Inside `/client`.
pub fn client(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/billing").get(accounts::client_billing));
}

/// Inside `/worker`.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/earnings").get(accounts::worker_earnings))
        .service(web::resource("/earnings/card").post(accounts::worker_card));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/billing").get(manage::manage))
        .service(expensive("/billing/invoices.csv").get(manage::export_invoices))
        .service(web::resource("/billing/invoices/{id}/retry").post(manage::retry_charge))
        .service(web::resource("/billing/payouts/{id}/retry").post(manage::retry_payout))
        .service(web::resource("/billing/controls").get(controls::page))
        .service(web::resource("/billing/adjustments").post(controls::adjust))
        .service(web::resource("/billing/settings").post(controls::save_settings))
        .service(web::resource("/billing/promos").post(controls::create_promo))
        .service(web::resource("/billing/promos/{id}/active").post(controls::toggle_promo))
        .service(web::resource("/billing/orders/{id}/refund").post(refunds::refund));
}
