//! The admin's replay page: re-decides the chosen days' decisions with a strategy and shows
//! what would change. Admin-only, like every decision record.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::matching::model::replay::Request;
use crate::matching::service::replay::run;
use crate::matching::views::replay::{Asked, page as view};
use crate::state::AppState;
use crate::web::ctx::Ctx;
use crate::web::html as html_response;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReplayQuery {
    strategy: String,
    from: String,
    to: String,
    weights: String,
    made_by: String,
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ReplayQuery>,
) -> Result<HttpResponse, AppError> {
    let q = q.into_inner();
    let asked = Asked {
        strategy: &q.strategy,
        from: &q.from,
        to: &q.to,
        weights: &q.weights,
        made_by: &q.made_by,
    };
    // The bare page is the form; a report needs a strategy asked for.
    if q.strategy.is_empty() {
        return Ok(html_response(
            StatusCode::OK,
            view(&ctx, &asked, None, None),
        ));
    }
    let request = match Request::parse(&q.strategy, &q.from, &q.to, &q.weights)
        .and_then(|r| r.made_by_named(&q.made_by))
    {
        Ok(r) => r,
        Err(e) => {
            let markup = view(&ctx, &asked, None, Some(e.key()));
            return Ok(html_response(StatusCode::UNPROCESSABLE_ENTITY, markup));
        }
    };
    let (tz, now) = (state.settings().time_zone, state.clock.now());
    let replayed = db::run(&state.pool, move |conn| run(conn, tz, now, &request)).await?;
    Ok(html_response(
        StatusCode::OK,
        view(&ctx, &asked, Some(&replayed), None),
    ))
}
