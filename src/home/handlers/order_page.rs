//! The manager's order page, composed from the contexts that each hold a part of it: the
//! order (orders), how matching went (matching), the money posted (billing) and the QC
//! review (quality). Here, above them all, so orders imports none of them.

use actix_web::web;
use maud::Markup;

use crate::auth::model::Role;
use crate::auth::store as users;
use crate::db;
use crate::error::AppError;
use crate::orders::handlers::{actor_for, load_details};
use crate::orders::views;
use crate::state::AppState;
use crate::web::ctx::Ctx;

/// `/manage/orders/{id}`.
pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let details = load_details(&state, actor_for(ctx.user()?)?, id).await?;
    let (workers, matching, money, review) = db::run(&state.pool, move |conn| {
        let workers = users::users_with_role(conn, Role::Worker, 500)?;
        let matching = crate::matching::service::order_summary(conn, id)?;
        let money = crate::billing::store::statements::order_money(conn, id)?;
        let review = crate::quality::store::reviews::review_of_order(conn, id)?;
        Ok((workers, matching, money, review))
    })
    .await?;
    Ok(views::manage::order_page(
        &ctx,
        &details,
        &workers,
        matching.as_ref(),
        &money,
        review,
    ))
}
