//! Route guards that deny by default: each back-office area is a scope wrapped in the guard
//! for its roles. Anonymous visitors are sent to log in; the wrong role gets 403.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse};

use crate::auth::handlers::session::RequestCtx;
use crate::auth::model::Role;
use crate::error::AppError;

async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
    allowed: &[Role],
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let role = req
        .extensions()
        .get::<RequestCtx>()
        .and_then(|ctx| ctx.user.as_ref().map(|u| u.role));
    match role {
        Some(role) if allowed.is_empty() || allowed.contains(&role) => {
            Ok(next.call(req).await?.map_into_left_body())
        }
        Some(_) => Ok(req
            .error_response(AppError::Forbidden)
            .map_into_right_body()),
        None => {
            let next_path = req
                .uri()
                .path_and_query()
                .map(|pq| pq.as_str().to_string())
                .unwrap_or_else(|| "/".into());
            let location = format!("/login?next={}", urlencode(&next_path));
            let res = if req.headers().contains_key("HX-Request") {
                // htmx follows HX-Redirect with a full page load.
                HttpResponse::Unauthorized()
                    .insert_header(("HX-Redirect", location))
                    .finish()
            } else {
                HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, location))
                    .finish()
            };
            Ok(req.into_response(res).map_into_right_body())
        }
    }
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|q| q.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

macro_rules! role_guard {
    ($name:ident, $doc:literal, [$($role:expr),*]) => {
        #[doc = $doc]
        pub async fn $name(
            req: ServiceRequest,
            next: Next<impl MessageBody + 'static>,
        ) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
            guard(req, next, &[$($role),*]).await
        }
    };
}

role_guard!(require_login, "Any logged-in user.", []);
role_guard!(require_client, "Clients only.", [Role::Client]);
role_guard!(require_worker, "Workers only.", [Role::Worker]);
role_guard!(require_candidate, "Candidates only.", [Role::Candidate]);
role_guard!(
    require_manager,
    "Managers, and admins as the owners of the business.",
    [Role::Manager, Role::Admin]
);
role_guard!(require_admin, "Admins only.", [Role::Admin]);

/// Bets: managers holding the `bets` permission, while the business has bets on. Everyone
/// else, admins included, and everyone while bets are off, is told the pages do not exist.
pub async fn require_bets(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let bets_on = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .is_some_and(|state| state.settings().business.bets);
    let allowed = bets_on
        && req
            .extensions()
            .get::<RequestCtx>()
            .and_then(|ctx| {
                ctx.user.as_ref().map(|u| {
                    u.role == Role::Manager
                        && u.has_permission(crate::auth::model::Permission::Bets)
                })
            })
            .unwrap_or(false);
    if allowed {
        Ok(next.call(req).await?.map_into_left_body())
    } else {
        Ok(req.error_response(AppError::NotFound).map_into_right_body())
    }
}
