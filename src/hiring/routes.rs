//! Routes of hiring.

use actix_web::web;

use super::handlers::{
    apply, attempts, candidates, followup, grading, policies, recert, screening_tests,
};

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
    cfg.service(web::resource("").get(apply::candidate_home))
        .service(web::resource("/tests/{id}").get(attempts::show))
        .service(web::resource("/tests/{id}/start").post(attempts::start))
        .service(web::resource("/tests/{id}/save").post(attempts::save))
        .service(web::resource("/tests/{id}/submit").post(attempts::submit));
}

/// Inside `/worker`: re-certification tests, on the same attempt pages as candidates'.
pub fn worker(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/tests/{id}").get(attempts::show))
        .service(web::resource("/tests/{id}/start").post(attempts::start))
        .service(web::resource("/tests/{id}/save").post(attempts::save))
        .service(web::resource("/tests/{id}/submit").post(attempts::submit))
        .service(web::resource("/profile").get(recert::mine));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/candidates").get(candidates::list))
        .service(web::resource("/candidates/{id}/assign").post(attempts::assign))
        .service(web::resource("/candidates/{id}/reevaluate").post(policies::reevaluate))
        .service(web::resource("/grading").get(grading::queue))
        // re-certification of workers
        .service(web::resource("/workers").get(recert::list))
        .service(web::resource("/workers/{id}").get(recert::show))
        .service(web::resource("/workers/{id}/recertify").post(recert::assign))
        .service(web::resource("/workers/{id}/override").post(recert::override_block))
        // screening policies
        .service(
            web::resource("/policies")
                .get(policies::list)
                .post(policies::create),
        )
        .service(web::resource("/policies/decide").post(policies::decide))
        .service(web::resource("/policies/followup").get(followup::page))
        .service(web::resource("/policies/{id}").get(policies::show))
        .service(web::resource("/policies/{id}/activate").post(policies::activate))
        .service(web::resource("/grading/{assignment}/{question}").post(grading::grade))
        // screening tests
        .service(
            web::resource("/tests")
                .get(screening_tests::list)
                .post(screening_tests::create),
        )
        .service(
            web::resource("/tests/{id}")
                .get(screening_tests::edit)
                .post(screening_tests::update),
        )
        .service(web::resource("/tests/{id}/questions").post(screening_tests::add_question))
        .service(
            web::resource("/tests/{id}/questions/{question}/{step}")
                .post(screening_tests::question_step),
        );
}
