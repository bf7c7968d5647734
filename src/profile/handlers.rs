//! HTTP handlers of the client profile.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::model::WorkerPreference;
use super::{store, views};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::text;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::saved_or_missing;

const BACK: &str = "/client/profile";

pub async fn show(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let client_id = ctx.user()?.id;
    let profile = db::run(&state.pool, move |conn| {
        Ok(views::Profile {
            card: crate::billing::cards::current(
                conn,
                client_id,
                crate::billing::cards::Purpose::Charge,
            )?,
            addresses: store::addresses(conn, client_id)?,
            notes: store::notes_for_workers(conn, client_id)?,
            phone: store::phone(conn, client_id)?,
            workers: store::known_workers(conn, client_id)?,
        })
    })
    .await?;
    Ok(views::profile(&ctx, &profile))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AddressForm {
    label: String,
    address: String,
    access_notes: String,
}

pub async fn add_address(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<AddressForm>,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let (Some(label), Some(address), Some(notes)) = (
        text(&form.label, 50, true),
        text(&form.address, 300, true),
        text(&form.access_notes, 500, false),
    ) else {
        return Ok(redirect_flash(
            BACK,
            FlashLevel::Error,
            "flash-address-invalid",
        ));
    };
    let now = state.clock.now();
    db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| {
            store::insert_address(tx, client_id, &label, &address, &notes, now)
        })?)
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}

pub async fn make_default(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let id = id.into_inner();
    let done = db::run(&state.pool, move |conn| {
        Ok(crate::db::write_tx(conn, |tx| {
            store::set_default(tx, client_id, id)
        })?)
    })
    .await?;
    saved_or_missing(done, BACK)
}

pub async fn remove_address(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let id = id.into_inner();
    let done = db::run(&state.pool, move |conn| {
        Ok(crate::db::write_tx(conn, |tx| {
            store::remove_address(tx, client_id, id)
        })?)
    })
    .await?;
    if !done {
        return Err(AppError::NotFound);
    }
    Ok(redirect_flash(
        BACK,
        FlashLevel::Success,
        "flash-address-removed",
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NotesForm {
    notes: String,
}

pub async fn save_notes(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<NotesForm>,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let Some(notes) = text(&form.notes, 1000, false) else {
        return Ok(redirect_flash(
            BACK,
            FlashLevel::Error,
            "flash-notes-invalid",
        ));
    };
    db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| {
            store::set_notes_for_workers(tx, client_id, &notes)
        })?)
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PhoneForm {
    phone: String,
}

/// The client's phone: international form, or empty to remove it.
pub async fn save_phone(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<PhoneForm>,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let Some(phone) = super::model::parse_phone(&form.phone) else {
        return Ok(redirect_flash(
            BACK,
            FlashLevel::Error,
            "flash-phone-invalid",
        ));
    };
    db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| {
            store::set_phone(tx, client_id, &phone)
        })?)
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WorkerPrefForm {
    kind: String,
}

pub async fn set_worker_preference(
    ctx: Ctx,
    state: web::Data<AppState>,
    worker_id: web::Path<i64>,
    form: web::Form<WorkerPrefForm>,
) -> Result<HttpResponse, AppError> {
    let client_id = ctx.user()?.id;
    let worker_id = worker_id.into_inner();
    let kind = match form.kind.as_str() {
        "none" => None,
        other => Some(WorkerPreference::parse(other).ok_or(AppError::BadRequest)?),
    };
    let done = db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| {
            store::set_worker_preference(tx, client_id, worker_id, kind)
        })?)
    })
    .await?;
    saved_or_missing(done, BACK)
}

/// Saves the client's card for weekly charges (tokenized by the gateway; the number is
/// never stored). Field problems come back on the profile page.
#[derive(Deserialize)]
pub struct BackQuery {
    #[serde(default)]
    back: String,
}

/// Saves the client's card, then goes back where they came from (the order form they were
/// filling in) or to the profile.
pub async fn save_card(
    ctx: Ctx,
    billing: web::Data<crate::billing::Deps>,
    q: web::Query<BackQuery>,
    form: web::Form<crate::billing::cards::CardForm>,
) -> Result<HttpResponse, AppError> {
    let back = crate::web::safe_path(&q.back).unwrap_or(BACK).to_string();
    crate::billing::handlers::save_card(
        ctx,
        billing,
        form,
        crate::billing::cards::Purpose::Charge,
        &back,
    )
    .await
}
