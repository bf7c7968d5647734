//! Calendar files: the private feed behind a secret link (a worker's jobs, or every job for
//! managers), polled by calendar apps without a session, and the client's appointment as an
//! `.ics` download from their order page.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::{actor_for, load_details};
use crate::auth::model::Role;
use crate::auth::service::feeds as links;
use crate::auth::store as users;
use crate::db;
use crate::error::AppError;
use crate::i18n::{Arg, Tr};
use crate::ics;
use crate::orders::model::Actor;
use crate::orders::model::feeds::{self, Scope, Wording};
use crate::orders::store::feeds::feed_orders;
use crate::state::AppState;
use crate::web::ctx::Ctx;

fn calendar_response(body: String, download: Option<String>) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"));
    if let Some(name) = download {
        res.insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ));
    }
    res.body(body)
}

/// `GET /calendar/{token}.ics`: an unknown or revoked token is 404, like any missing page.
/// (The request log shows the path without the token: `web::request_span`.)
pub async fn feed(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let now = state.clock.now();
    let settings = state.settings();
    let found = db::run(&state.pool, move |conn| {
        let Some((user_id, role)) = links::owner(conn, &token)? else {
            return Ok(None);
        };
        let user = users::user_by_id(conn, user_id)?.ok_or(AppError::NotFound)?;
        let scope = if role == Role::Worker {
            Scope::Worker(user_id)
        } else {
            Scope::All
        };
        let orders = feed_orders(conn, scope, now)?;
        let ids: Vec<i64> = orders.iter().map(|o| o.id).collect();
        let kit_points = crate::supply::service::points::stored_points(conn, &ids)?;
        let tr = Tr::new(user.language, settings.time_zone);
        let staff_link = format!("{}/manage/orders/", settings.base_url.trim_end_matches('/'));
        let wording = Wording {
            tr,
            pickup_point: Some(&settings.supply.pickup_points[0]),
            kit_points: &kit_points,
            show_worker: scope == Scope::All,
            uid_host: feeds::uid_host(&settings.base_url),
            staff_link: (scope == Scope::All).then_some(staff_link.as_str()),
        };
        let events: Vec<ics::Event> = orders.iter().map(|o| feeds::event(o, &wording)).collect();
        let company = [("company", Arg::Str(settings.business.company_name.clone()))];
        let body = ics::calendar(&tr.t_args("calendar-feed-name", &company), &events, now);
        Ok(Some((user_id, events.len(), body)))
    })
    .await?;
    let Some((user_id, events, body)) = found else {
        // A revoked link still polled by a calendar, or a guess.
        tracing::info!("calendar feed asked for with an unknown or revoked link");
        return Err(AppError::NotFound);
    };
    tracing::info!(user_id, events, "calendar feed read");
    Ok(calendar_response(body, None))
}

/// `GET /client/orders/{id}/appointment.ics`: the client's own order, while the visit is
/// ahead.
pub async fn appointment(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let actor = actor_for(ctx.user()?)?;
    if !matches!(actor, Actor::Client(_)) {
        return Err(AppError::NotFound);
    }
    let details = load_details(&state, actor, id.into_inner()).await?;
    let o = &details.order;
    if !feeds::appointment_ahead(o.status) {
        return Err(AppError::NotFound);
    }
    let settings = state.settings();
    let body = feeds::appointment(
        o,
        ctx.tr,
        (&settings.base_url, &settings.business.company_name),
        state.clock.now(),
    );
    Ok(calendar_response(
        body,
        Some(format!("whiskerworks-order-{}.ics", o.id)),
    ))
}
