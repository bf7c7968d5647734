//! The managers' list of candidates.

use actix_web::web;
use maud::{Markup, html};
use serde::Deserialize;

use super::store;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::components::{Paging, csrf_field, empty_state, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

const STATUSES: [&str; 4] = ["applied", "testing", "hired", "rejected"];

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    page: Option<i64>,
}

pub async fn list(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<Markup, AppError> {
    let status = STATUSES.into_iter().find(|s| *s == q.status);
    let paging = Paging::new(q.page, 30);
    let ((rows, total), tests) = db::run(&state.pool, move |conn| {
        Ok((
            store::list(conn, status, paging.per_page, paging.offset())?,
            super::tests_store::tests(conn)?,
        ))
    })
    .await?;
    let title = ctx.t("nav-candidates");
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            h1 { (title) }
            nav.tabs { ul {
                li { a href="/manage/candidates" aria-current=[status.is_none().then_some("page")] { (ctx.t("mail-all")) } }
                @for s in STATUSES { li { a href={ "/manage/candidates?status=" (s) } aria-current=[(status == Some(s)).then_some("page")] { (ctx.t(&format!("candidate-status-{s}"))) } } }
            } }
            @if rows.is_empty() {
                (empty_state(&ctx.t("candidates-empty-title"), &ctx.t("candidates-empty-text")))
            } @else {
                div.table-wrap { table.striped.dense {
                    thead { tr { th { (ctx.t("field-name")) } th { (ctx.t("field-email")) } th { (ctx.t("field-phone")) } th { (ctx.t("apply-skills")) } th { (ctx.t("admin-status")) } th { (ctx.t("apply-applied-at")) } th { (ctx.t("attempt-assign")) } } }
                    tbody { @for c in &rows {
                        tr {
                            td { (c.name) } td { (c.email) } td { (c.phone) }
                            td { (c.skills.iter().map(|(en, _)| en.as_str()).collect::<Vec<_>>().join(", ")) }
                            td { (ctx.t(&format!("candidate-status-{}", c.status))) }
                            td { (ctx.tr.datetime(c.applied_at)) }
                            td {
                                @if c.status == "rejected" {
                                    (crate::web::components::post_button(&ctx, &format!("/manage/candidates/{}/reevaluate", c.id), &ctx.t("candidates-reevaluate"), "secondary outline small", None))
                                }
                                @if !tests.is_empty() && matches!(c.status.as_str(), "applied" | "testing") {
                                form.assign method="post" action={ "/manage/candidates/" (c.id) "/assign" } {
                                    (csrf_field(&ctx))
                                    select name="test" aria-label=(ctx.t("tests-title")) { @for (t, _) in &tests { option value=(t.id) { (t.title) } } }
                                    input type="number" name="take" min="1" placeholder=(ctx.t("attempt-take")) aria-label=(ctx.t("attempt-take"));
                                    input type="number" name="pass_mark" min="0" max="100" placeholder=(ctx.t("attempt-pass-mark")) aria-label=(ctx.t("attempt-pass-mark"));
                                    label { input type="checkbox" name="shuffle" value="1"; (ctx.t("attempt-shuffle")) }
                                    button.small type="submit" { (ctx.t("attempt-assign")) }
                                }
                            } }
                        }
                    } }
                } }
                (pagination(&ctx, paging, total, &format!("/manage/candidates?status={}&", status.unwrap_or(""))))
            }
        },
    ))
}
