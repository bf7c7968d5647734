//! Routes of billing, one line each, grouped by who uses them.

use actix_web::web;

use super::{manage_pages, pages, refunds};

/// Inside `/invoices` (any logged-in user; each handler checks the invoice is theirs).
pub fn shared(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/{id}").get(pages::invoice))
        .service(web::resource("/{id}/download").get(pages::invoice_csv))
        .service(web::resource("/{id}/pay").post(pages::pay_now));
}

/// Inside `/client`.
pub fn client(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/billing").get(pages::client_billing));
}

/// Inside `/worker`.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/earnings").get(pages::worker_earnings))
        .service(web::resource("/earnings/card").post(pages::worker_card));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/billing").get(pages::manage))
        .service(web::resource("/billing/invoices.csv").get(pages::export_invoices))
        .service(web::resource("/billing/invoices/{id}/retry").post(pages::retry_charge))
        .service(web::resource("/billing/payouts/{id}/retry").post(pages::retry_payout))
        .service(web::resource("/billing/controls").get(manage_pages::page))
        .service(web::resource("/billing/adjustments").post(manage_pages::adjust))
        .service(web::resource("/billing/settings").post(manage_pages::save_settings))
        .service(web::resource("/billing/promos").post(manage_pages::create_promo))
        .service(web::resource("/billing/promos/{id}/active").post(manage_pages::toggle_promo))
        .service(web::resource("/billing/orders/{id}/refund").post(refunds::refund));
}
