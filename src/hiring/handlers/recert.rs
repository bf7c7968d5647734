//! Re-certification pages: the worker's profile with their certifications and tests, and the
//! managers' list of workers, one worker's certifications, assigning a test and overriding.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::db::write_tx;
use crate::error::AppError;
use crate::hiring::service::attempts::Customisation;
use crate::hiring::service::recert;
use crate::hiring::store::recert as store;
use crate::hiring::store::screening_tests as tests_store;
use crate::hiring::views::recert as views;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

/// The worker's own profile: certifications per service and their re-certification tests.
pub async fn mine(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let id = ctx.user()?.id;
    let (certs, tests) = db::run(&state.pool, move |conn| {
        Ok((
            store::for_worker(conn, id)?,
            store::worker_assignments(conn, id)?,
        ))
    })
    .await?;
    Ok(views::mine(&ctx, &certs, &tests, state.clock.now()))
}

pub async fn list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let rows = db::run(&state.pool, move |conn| {
        let mut rows = Vec::new();
        for w in store::workers(conn)? {
            let certs = store::for_worker(conn, w.id)?;
            let gaps = crate::matching::service::readiness::gaps(conn, w.id)?;
            rows.push((w, certs, gaps));
        }
        Ok(rows)
    })
    .await?;
    Ok(views::list(&ctx, &rows, state.clock.now()))
}

pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let (worker, certs, given, gaps) = db::run(&state.pool, move |conn| {
        let worker = store::worker(conn, id)?.ok_or(AppError::NotFound)?;
        let certs = store::for_worker(conn, id)?;
        let mut with_tests = Vec::new();
        for c in certs {
            let tests = tests_store::tests_for_service(conn, c.service_id)?;
            with_tests.push((c, tests));
        }
        Ok((
            worker,
            with_tests,
            store::worker_assignments(conn, id)?,
            crate::matching::service::readiness::gaps(conn, id)?,
        ))
    })
    .await?;
    let page = views::Worker {
        worker: &worker,
        certs: &certs,
        given: &given,
        gaps: &gaps,
    };
    Ok(views::show(&ctx, &page, state.clock.now()))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RecertifyForm {
    service: String,
    test: String,
    pass_mark: String,
}

pub async fn assign(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<RecertifyForm>,
) -> Result<HttpResponse, AppError> {
    let (worker_id, actor) = (id.into_inner(), ctx.user()?.id);
    let back = format!("/manage/workers/{worker_id}");
    let service_id: i64 = form.service.parse().map_err(|_| AppError::BadRequest)?;
    let test_id: i64 = form.test.parse().map_err(|_| AppError::BadRequest)?;
    let pass_mark_bp = match form.pass_mark.trim() {
        "" => None,
        v => Some(v.parse::<i64>().map_err(|_| AppError::BadRequest)? * 100),
    };
    let c = Customisation {
        pass_mark_bp,
        ..Customisation::default()
    };
    let (settings, now) = (state.settings(), state.clock.now());
    let result = db::run(&state.pool, move |conn| {
        store::worker(conn, worker_id)?.ok_or(AppError::NotFound)?;
        write_tx(conn, |tx| {
            recert::assign(
                tx,
                &settings,
                now,
                Some(actor),
                worker_id,
                service_id,
                test_id,
                c,
            )
        })
    })
    .await;
    Ok(match result {
        Ok(_) => redirect_flash(&back, FlashLevel::Success, "flash-recert-assigned"),
        Err(AppError::Refused(key)) => redirect_flash(&back, FlashLevel::Error, key),
        Err(e) => return Err(e),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OverrideForm {
    service: String,
    reason: String,
}

pub async fn override_block(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<OverrideForm>,
) -> Result<HttpResponse, AppError> {
    let (worker_id, actor) = (id.into_inner(), ctx.user()?.id);
    let back = format!("/manage/workers/{worker_id}");
    let service_id: i64 = form.service.parse().map_err(|_| AppError::BadRequest)?;
    let reason = form.reason.clone();
    let now = state.clock.now();
    let result = db::run(&state.pool, move |conn| {
        recert::override_block(conn, now, actor, worker_id, service_id, &reason)
    })
    .await;
    Ok(match result {
        Ok(()) => redirect_flash(&back, FlashLevel::Success, "flash-recert-overridden"),
        Err(AppError::Refused(key)) => redirect_flash(&back, FlashLevel::Error, key),
        Err(e) => return Err(e),
    })
}
