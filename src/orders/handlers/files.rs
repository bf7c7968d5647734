//! Serving an order's files and signature, only to people who may see the order; to
//! everyone else they do not exist.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use super::actor_for;
use crate::db;
use crate::error::AppError;
use crate::orders::{service, service::files, store, store::records};
use crate::state::AppState;
use crate::web::ctx::Ctx;

/// (sha256, content type, file name) of something attached to the order, if visible.
async fn locate(
    ctx: &Ctx,
    state: &AppState,
    order_id: i64,
    file_id: Option<i64>,
) -> Result<(String, String, String), AppError> {
    let actor = actor_for(ctx.user()?)?;
    db::run(&state.pool, move |conn| {
        let facts = store::facts(conn, order_id)?.ok_or(AppError::NotFound)?;
        if !service::visible(&facts, actor) {
            return Err(AppError::NotFound);
        }
        match file_id {
            Some(id) => records::files(conn, order_id)?
                .into_iter()
                .find(|f| f.id == id && !f.removed)
                .map(|f| (f.sha256, f.content_type, f.file_name))
                .ok_or(AppError::NotFound),
            None => records::signature(conn, order_id)?
                .filter(|s| !s.image_removed)
                .map(|s| {
                    (
                        s.signature_sha256,
                        "image/png".to_string(),
                        format!("signature-{order_id}.png"),
                    )
                })
                .ok_or(AppError::NotFound),
        }
    })
    .await
}

async fn serve(
    state: &AppState,
    (sha, content_type, name): (String, String, String),
) -> Result<HttpResponse, AppError> {
    let data_dir = state.settings().data_dir.clone();
    let bytes = web::block(move || files::read(&data_dir, &sha))
        .await
        .map_err(|e| anyhow::anyhow!(e))?
        .map_err(|_| AppError::NotFound)?;
    let safe_name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{safe_name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}

pub async fn file(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (order_id, file_id) = path.into_inner();
    let found = locate(&ctx, &state, order_id, Some(file_id)).await?;
    serve(&state, found).await
}

pub async fn signature(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let found = locate(&ctx, &state, id.into_inner(), None).await?;
    serve(&state, found).await
}
