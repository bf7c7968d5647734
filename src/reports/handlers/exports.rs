//! `GET /manage/reports/{kind}.csv`: a period's CSV export, streamed page by page from a
//! blocking thread, so a year of rows never sits in memory.

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::calendar::business_day;
use crate::db::Pool;
use crate::error::AppError;
use crate::reports::model::exports::row;
use crate::reports::model::period::{Period, PeriodQuery};
use crate::reports::store::exports::{Export, export_of, page};
use crate::state::AppState;
use crate::web::ctx::{Ctx, redirect};

/// Streams the export on a blocking thread, one page per chunk; stops early when the
/// client goes away.
fn stream(
    pool: Pool,
    export: &'static Export,
    tz: Tz,
    bounds: (DateTime<Utc>, DateTime<Utc>),
) -> tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>> {
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    actix_web::rt::task::spawn_blocking(move || {
        let mut header = String::new();
        row(
            &export
                .header
                .iter()
                .map(|h| h.to_string())
                .collect::<Vec<_>>(),
            &mut header,
        );
        if tx.blocking_send(Ok(Bytes::from(header))).is_err() {
            return;
        }
        let mut cursor = (String::new(), 0);
        loop {
            let next = pool
                .get()
                .map_err(|e| std::io::Error::other(e.to_string()))
                .and_then(|conn| {
                    page(&conn, export, tz, bounds, &cursor)
                        .map_err(|e| std::io::Error::other(e.to_string()))
                });
            match next {
                Ok(Some((chunk, last))) => {
                    cursor = last;
                    if tx.blocking_send(Ok(Bytes::from(chunk))).is_err() {
                        return;
                    }
                }
                Ok(None) => return,
                Err(error) => {
                    tracing::error!(%error, "export failed part way");
                    let _ = tx.blocking_send(Err(error));
                    return;
                }
            }
        }
    });
    rx
}

/// `GET /manage/reports/{kind}.csv?period=…`: a bad period goes back to the dashboard, which
/// says what was wrong.
pub async fn download(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    file: web::Path<String>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let kind = file.strip_suffix(".csv").unwrap_or("");
    let export = export_of(kind).ok_or(AppError::NotFound)?;
    let tz = state.settings().time_zone;
    let Ok(period) = Period::from_query(&q, business_day(tz, state.clock.now())) else {
        return Ok(redirect(&format!("/manage?{}", req.query_string())));
    };
    tracing::info!(manager = ctx.user()?.id, kind, from = %period.from, to = %period.to, "csv export");
    let rx = stream(state.pool.clone(), export, tz, period.bounds(tz));
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"{kind}-{}-{}.csv\"",
                period.from, period.to
            ),
        ))
        .streaming(body))
}
