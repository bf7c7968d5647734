//! Bets pages: open orders to bet on, a book with its results, and the standings. Every
//! page view and bet is written to the bets access log.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::model::{BookStatus, Proposition, net_transfers};
use super::service;
use super::{store, views};
use crate::auth::store as users;
use crate::db;
use crate::error::AppError;
use crate::money::parse_minor;
use crate::orders::store::queries;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

fn names(
    conn: &rusqlite::Connection,
    ids: impl Iterator<Item = i64>,
) -> rusqlite::Result<Vec<(i64, String)>> {
    ids.map(|id| {
        Ok((
            id,
            users::user_by_id(conn, id)?
                .map(|u| u.name)
                .unwrap_or_else(|| format!("#{id}")),
        ))
    })
    .collect()
}

pub async fn index(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let me = ctx.user()?.id;
    let now = state.clock.now();
    let page = db::run(&state.pool, move |conn| {
        db::write_tx(conn, |tx| store::log_access(tx, now, me, "view", "index"))?;
        let orders = queries::not_started(conn, 50)?;
        let mut open = Vec::new();
        for o in orders {
            let books = store::books_for_order(conn, o.id)?;
            let mut pools = Vec::new();
            for b in &books {
                let stakes = store::stakes(conn, b.id)?;
                let yes = stakes
                    .iter()
                    .filter(|s| s.yes)
                    .map(|s| s.amount_minor)
                    .sum::<i64>();
                let no = stakes
                    .iter()
                    .filter(|s| !s.yes)
                    .map(|s| s.amount_minor)
                    .sum::<i64>();
                pools.push((b.clone(), yes, no));
            }
            open.push((o, pools));
        }
        let recent = store::books_with_status(
            conn,
            &[BookStatus::Settled, BookStatus::Void, BookStatus::Closed],
            20,
        )?;
        Ok(views::Index { open, recent })
    })
    .await?;
    Ok(views::index(&ctx, &page))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BetForm {
    proposition: String,
    side: String,
    amount: String,
}

pub async fn place(
    ctx: Ctx,
    state: web::Data<AppState>,
    order_id: web::Path<i64>,
    form: web::Form<BetForm>,
) -> Result<HttpResponse, AppError> {
    let me = ctx.user()?.id;
    let order_id = order_id.into_inner();
    let p = Proposition::parse(&form.proposition).ok_or(AppError::BadRequest)?;
    let yes = match form.side.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    let Some(amount) = parse_minor(&form.amount) else {
        return Ok(redirect_flash(
            "/bets",
            FlashLevel::Error,
            "flash-bet-amount",
        ));
    };
    let now = state.clock.now();
    let placed = db::run(&state.pool, move |conn| {
        service::place(conn, now, me, order_id, p, yes, amount)
    })
    .await;
    Ok(match placed {
        Ok(book) => redirect_flash(
            &format!("/bets/books/{book}"),
            FlashLevel::Success,
            "flash-bet-placed",
        ),
        Err(AppError::Refused(key)) => redirect_flash("/bets", FlashLevel::Error, key),
        Err(e) => return Err(e),
    })
}

pub async fn book(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let me = ctx.user()?.id;
    let id = id.into_inner();
    let now = state.clock.now();
    let page = db::run(&state.pool, move |conn| {
        db::write_tx(conn, |tx| {
            store::log_access(tx, now, me, "view", &format!("book:{id}"))
        })?;
        let book = store::book(conn, id)?.ok_or(AppError::NotFound)?;
        let stakes = store::stakes(conn, id)?;
        let results = store::results(conn, id)?;
        let nets: Vec<(i64, i64)> = results.iter().map(|p| (p.manager_id, p.net())).collect();
        let transfers = net_transfers(&nets);
        let people = names(
            conn,
            stakes
                .iter()
                .map(|s| s.manager_id)
                .chain(results.iter().map(|r| r.manager_id)),
        )?;
        Ok(views::BookPage {
            book,
            stakes,
            results,
            transfers,
            names: people,
        })
    })
    .await?;
    Ok(views::book(&ctx, &page))
}

pub async fn standings(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let me = ctx.user()?.id;
    let now = state.clock.now();
    let (nets, transfers, people) = db::run(&state.pool, move |conn| {
        db::write_tx(conn, |tx| {
            store::log_access(tx, now, me, "view", "standings")
        })?;
        let nets = store::standings(conn)?;
        let transfers = net_transfers(&nets);
        let people = names(conn, nets.iter().map(|(m, _)| *m))?;
        Ok((nets, transfers, people))
    })
    .await?;
    Ok(views::standings(&ctx, &nets, &transfers, &people))
}

#[derive(Deserialize)]
pub struct LogQuery {
    page: Option<i64>,
}

/// The access log: every view and bet in the bets module, for holders of `bets`.
pub async fn access_log(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<LogQuery>,
) -> Result<Markup, AppError> {
    let me = ctx.user()?.id;
    let now = state.clock.now();
    let paging = crate::web::components::Paging::new(q.page, 50);
    let (rows, total, people) = db::run(&state.pool, move |conn| {
        db::write_tx(conn, |tx| store::log_access(tx, now, me, "view", "log"))?;
        let (rows, total) = store::access_page(conn, paging.per_page, paging.offset())?;
        let mut ids: Vec<i64> = rows.iter().map(|a| a.manager_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let people = names(conn, ids.into_iter())?;
        Ok((rows, total, people))
    })
    .await?;
    Ok(views::access_log(&ctx, &rows, &people, paging, total))
}
