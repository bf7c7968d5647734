//! Routes of hiring.

use actix_web::web;

use super::{apply, attempt_pages, grading_pages, manage, policy_pages, test_pages};

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
        .service(web::resource("/tests/{id}").get(attempt_pages::show))
        .service(web::resource("/tests/{id}/start").post(attempt_pages::start))
        .service(web::resource("/tests/{id}/save").post(attempt_pages::save))
        .service(web::resource("/tests/{id}/submit").post(attempt_pages::submit));
}

/// Inside `/manage`.
pub fn manage(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/candidates").get(manage::list))
        .service(web::resource("/candidates/{id}/assign").post(attempt_pages::assign))
        .service(web::resource("/candidates/{id}/reevaluate").post(policy_pages::reevaluate))
        .service(web::resource("/grading").get(grading_pages::queue))
        // screening policies
        .service(
            web::resource("/policies")
                .get(policy_pages::list)
                .post(policy_pages::create),
        )
        .service(web::resource("/policies/decide").post(policy_pages::decide))
        .service(web::resource("/policies/{id}").get(policy_pages::show))
        .service(web::resource("/policies/{id}/activate").post(policy_pages::activate))
        .service(web::resource("/grading/{assignment}/{question}").post(grading_pages::grade))
        // screening tests
        .service(
            web::resource("/tests")
                .get(test_pages::list)
                .post(test_pages::create),
        )
        .service(
            web::resource("/tests/{id}")
                .get(test_pages::edit)
                .post(test_pages::update),
        )
        .service(web::resource("/tests/{id}/questions").post(test_pages::add_question))
        .service(
            web::resource("/tests/{id}/questions/{question}/{step}")
                .post(test_pages::question_step),
        );
}
