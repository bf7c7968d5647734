//! The manager's "try matching again" for an order.

use actix_web::{HttpResponse, web};

use crate::db;
use crate::error::AppError;
use crate::matching::service::{Outcome, rerun as rerun_matching};
use crate::orders::service::Hooks;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

pub async fn rerun(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let manager_id = ctx.user()?.id;
    let id = id.into_inner();
    let (settings, hooks) = (state.settings(), **hooks);
    let now = state.clock.now();
    let outcome = db::run(&state.pool, move |conn| {
        rerun_matching(conn, &settings, &hooks, now, manager_id, id)
    })
    .await;
    state.jobs.kick_outbox();
    let back = format!("/manage/orders/{id}");
    Ok(match outcome {
        Err(AppError::Refused(key)) => redirect_flash(&back, FlashLevel::Error, key),
        Err(other) => return Err(other),
        Ok(outcome) => match outcome {
            Outcome::Offered(_) => {
                redirect_flash(&back, FlashLevel::Success, "flash-matching-offered")
            }
            Outcome::Unassigned => {
                redirect_flash(&back, FlashLevel::Error, "flash-matching-nobody")
            }
            Outcome::Skipped => redirect_flash(&back, FlashLevel::Error, "refuse-not-now"),
        },
    })
}
