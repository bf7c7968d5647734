//! The company logo: an admin uploads or removes it (`/admin/settings/logo…`), and anyone's
//! page, app icon or mail fetches it from `GET /brand/logo`.

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::admin::model::{self, MAX_LOGO_BYTES};
use crate::admin::{service, store};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::uploads::{Expect, UploadProblem, declared_too_large, receive};

/// Where the logo's form lives: the settings page, at its logo section.
const BACK: &str = "/admin/settings#logo";

/// `POST /admin/settings/logo`: the file in the `logo` field, a PNG or JPEG of at most 1 MB
/// (or the app's upload limit, when that is lower). A refused file changes nothing.
pub async fn upload(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let settings = state.settings();
    let mut limits = settings.security.uploads;
    limits.max_file_bytes = limits.max_file_bytes.min(MAX_LOGO_BYTES);
    let refuse = |key: &'static str| Ok(redirect_flash(BACK, FlashLevel::Error, key));
    if declared_too_large(&req, &limits) {
        return refuse("flash-logo-too-large");
    }
    let expect = Expect {
        limits,
        max_files: 1,
        file_field: "logo",
        temp_dir: settings.data_dir.join("files").join("tmp"),
    };
    let (mut received, problem) = receive(payload, &expect, &state.uploads_in_flight).await?;
    match problem {
        None => {}
        Some(UploadProblem::FileTooLarge | UploadProblem::RequestTooLarge) => {
            return refuse("flash-logo-too-large");
        }
        Some(_) => return refuse("flash-logo-not-received"),
    }
    let Some(file) = received.files.pop() else {
        return refuse("flash-logo-missing");
    };
    let bytes = web::block(move || std::fs::read(file.temp.path()))
        .await
        .map_err(|e| anyhow::anyhow!(e))?
        .map_err(anyhow::Error::from)?;
    let Some(image) = model::recognise(&bytes) else {
        return refuse("flash-logo-not-image");
    };
    let now = state.clock.now();
    let info = db::run(&state.pool, move |conn| {
        service::set_logo(conn, now, actor, (image, &bytes))?;
        Ok(store::logo_info(conn)?)
    })
    .await?;
    state.live_settings.set_logo(info);
    Ok(redirect_flash(
        BACK,
        FlashLevel::Success,
        "flash-logo-saved",
    ))
}

/// `POST /admin/settings/logo/remove`: back to the shipped logo.
pub async fn remove(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let now = state.clock.now();
    db::run(&state.pool, move |conn| {
        service::remove_logo(conn, now, actor)
    })
    .await?;
    state.live_settings.set_logo(None);
    Ok(redirect_flash(
        BACK,
        FlashLevel::Success,
        "flash-logo-removed",
    ))
}

#[derive(Deserialize)]
pub struct Version {
    v: Option<String>,
}

/// `GET /brand/logo`: the logo with its own type, 404 when there is none. Asked for by its
/// current version (`?v=`) it may be cached for good, since a new logo gets a new address.
pub async fn serve(
    state: web::Data<AppState>,
    query: web::Query<Version>,
) -> Result<HttpResponse, AppError> {
    let found = db::run(&state.pool, |conn| Ok(store::logo(conn)?)).await?;
    let Some((image, bytes)) = found else {
        return Err(AppError::NotFound);
    };
    let version = model::info(image, &bytes).version;
    let cache = if query.v.as_deref() == Some(version.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, image.content_type))
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::ETAG, format!("\"{version}\"")))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}
