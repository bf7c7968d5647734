//! The stock movement history, newest first, filtered by consumable, kind or order.

use actix_web::web;
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::MovementKind;
use crate::supply::store::{self, MovementFilter};
use crate::supply::views::movements as views;
use crate::web::components::Paging;
use crate::web::ctx::Ctx;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default)]
    item: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    order: String,
    page: Option<i64>,
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<Query>,
) -> Result<Markup, AppError> {
    // Unknown filter values are ignored rather than refused: a stale link still shows a list.
    let filter = MovementFilter {
        consumable_id: q.item.parse().ok(),
        kind: MovementKind::parse(&q.kind),
        order_id: q.order.parse().ok(),
    };
    let paging = Paging::new(q.page, 50);
    let f = filter.clone();
    let ((rows, total), items) = db::run(&state.pool, move |conn| {
        Ok((
            store::movements(conn, &f, paging.per_page, paging.offset())?,
            store::consumables(conn)?,
        ))
    })
    .await?;
    Ok(views::page(&ctx, &filter, &rows, total, paging, &items))
}
