//! The request budget of the expensive endpoints (price quote, order search, CSV exports,
//! uploads, event streams): their routes are declared with `expensive(path)` instead of
//! `web::resource(path)`, and each request spends one from the client address's budget and
//! from the signed-in account's, or is answered 429 with `Retry-After` and a page in the
//! user's language. Logins, sign-ups and
//! resets have their own, stricter limits (`service`, `service::recovery`).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{Next, from_fn};
use actix_web::{HttpMessage, Resource, web};

use crate::auth::handlers::session::{RequestCtx, client_ip};
use crate::budget::Key;
use crate::config::Settings;
use crate::error::AppError;
use crate::state::AppState;

/// `web::resource(path)` for an expensive route: its requests spend the budget.
pub fn expensive(
    path: &str,
) -> Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::resource(path).wrap(from_fn(spend_budget))
}

async fn spend_budget(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .expect("AppState is registered")
        .clone();
    let settings = &state.settings();
    let budget = settings.security.budget;
    if !exempt(&req, settings) {
        let address = client_ip(req.request(), settings);
        let mut keys = vec![(Key::address(&address), budget.per_ip_per_minute)];
        let account = req
            .extensions()
            .get::<RequestCtx>()
            .and_then(|ctx| ctx.user.as_ref().map(|u| u.id));
        if let Some(id) = account {
            keys.push((Key::Account(id), budget.per_account_per_minute));
        }
        if let Err(wait) = state.budgets.spend(&keys, state.clock.now()) {
            // Whole seconds, rounded up: coming back a little early would only be refused.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Ok(req
                .error_response(AppError::Throttled(seconds.max(1)))
                .map_into_right_body());
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// Loopback clients (tools on the host, the test suite) go uncounted unless the settings say
/// otherwise, but only when loopback is the connection's own address: behind a trusted
/// proxy the forwarded address counts, and a forwarded "127.0.0.1" could be made up.
fn exempt(req: &ServiceRequest, settings: &Settings) -> bool {
    let forwarded = settings.trust_proxy
        && [header::FORWARDED, header::X_FORWARDED_FOR]
            .iter()
            .any(|h| req.headers().contains_key(h));
    !settings.security.budget.limit_loopback
        && !forwarded
        && req
            .peer_addr()
            .is_some_and(|peer| peer.ip().to_canonical().is_loopback())
}
