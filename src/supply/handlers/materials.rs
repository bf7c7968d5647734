//! Setting and removing lines of a service's bill of materials.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{done, refused};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::parse_quantity;
use crate::supply::service::materials;
use crate::supply::store;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LineForm {
    consumable: String,
    quantity: String,
}

pub async fn set(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<LineForm>,
) -> Result<HttpResponse, AppError> {
    let service_id = id.into_inner();
    let back = format!("/manage/services/{service_id}#materials");
    let Some(quantity) = parse_quantity(&form.quantity) else {
        return refused(&back, "refuse-bad-quantity");
    };
    let Ok(consumable_id) = form.consumable.trim().parse::<i64>() else {
        return refused(&back, "refuse-unknown-consumable");
    };
    let result = db::run(&state.pool, move |conn| {
        materials::set_line(conn, service_id, consumable_id, quantity)
    })
    .await;
    done(&back, result, "flash-material-saved")
}

pub async fn remove(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (service_id, consumable_id) = path.into_inner();
    let removed = db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| {
            store::remove_material(tx, service_id, consumable_id)
        })?)
    })
    .await?;
    if !removed {
        return Err(AppError::NotFound);
    }
    done(
        &format!("/manage/services/{service_id}#materials"),
        Ok(()),
        "flash-material-removed",
    )
}
