//! Routes of hiring.

use actix_web::web;

use super::{apply, manage};

/// Open to anyone.
pub fn public(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/apply")
            .get(apply::form)
            .post(apply::submit_form),
    );
}

/// Inside `/candidate`.
pub fn candidate(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("").get(apply::candidate_home));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/candidates").get(manage::list));
}
