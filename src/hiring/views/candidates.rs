//! The managers' list of candidates, with assigning a test and re-evaluating.

use maud::{Markup, html};

use crate::hiring::model::CandidateStatus;
use crate::hiring::store::Candidate;
use crate::hiring::store::attempts::Assignment;
use crate::hiring::store::screening_tests::Test;
use crate::web::components::{Paging, csrf_field, empty_state, pagination, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// Each candidate with the tests they were given.
pub fn list(
    ctx: &Ctx,
    status: Option<CandidateStatus>,
    (rows, given): (&[Candidate], &[Vec<Assignment>]),
    total: i64,
    paging: Paging,
    tests: &[(Test, i64)],
) -> Markup {
    let title = ctx.t("nav-candidates");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            nav.tabs { ul {
                li { a href="/manage/candidates" aria-current=[status.is_none().then_some("page")] { (ctx.t("mail-all")) } }
                @for s in CandidateStatus::ALL { li { a href={ "/manage/candidates?status=" (s.as_str()) } aria-current=[(status == Some(*s)).then_some("page")] { (ctx.t(&manager_label(*s))) } } }
            } }
            @if rows.is_empty() {
                (empty_state(&ctx.t("candidates-empty-title"), &ctx.t("candidates-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr { th { (ctx.t("field-name")) } th { (ctx.t("field-email")) } th { (ctx.t("field-phone")) } th { (ctx.t("candidates-skills")) } th { (ctx.t("admin-status")) } th { (ctx.t("apply-applied-at")) } th { (ctx.t("attempt-assign")) } } }
                    tbody { @for (c, given) in rows.iter().zip(given) { (row(ctx, c, given, tests)) } }
                } }
                (pagination(ctx, paging, total, &format!("/manage/candidates?status={}&", status.map_or("", |s| s.as_str()))))
            }
        },
    )
}

/// A candidate's status as managers read it (the candidates' own page words it for them).
fn manager_label(status: CandidateStatus) -> String {
    format!("candidates-status-{}", status.as_str())
}

fn row(ctx: &Ctx, c: &Candidate, given: &[Assignment], tests: &[(Test, i64)]) -> Markup {
    let ru = ctx.tr.lang == crate::i18n::Lang::Ru;
    html! {
        tr {
            td { (c.name) } td { (c.email) } td { (c.phone) }
            td { (c.skills.iter().map(|(en, ru_name)| if ru { ru_name.as_str() } else { en.as_str() }).collect::<Vec<_>>().join(", ")) }
            td { (ctx.t(&manager_label(c.status)))
                // Which tests they were given, and where each stands.
                @for a in given { br; small.muted { (a.test_title.read(ctx.tr.lang)) " · " (ctx.t(a.status.label_key())) } } }
            td { (ctx.tr.datetime(c.applied_at)) }
            td {
                @if c.status == CandidateStatus::Rejected {
                    (post_button(ctx, &format!("/manage/candidates/{}/reevaluate", c.id), &ctx.t("candidates-reevaluate"), "secondary outline small", None))
                }
                @if !tests.is_empty() && matches!(c.status, CandidateStatus::Applied | CandidateStatus::Testing) {
                details.assign { summary { (ctx.t("attempt-assign")) }
                form.assign method="post" action={ "/manage/candidates/" (c.id) "/assign" } {
                    (csrf_field(ctx))
                    label.inline-field { span { (ctx.t("tests-title")) } select name="test" { @for (t, _) in tests { option value=(t.id) { (t.title.read(ctx.tr.lang)) } } } }
                    label.inline-field { span { (ctx.t("attempt-take")) } input type="number" name="take" min="1"; }
                    label.inline-field { span { (ctx.t("attempt-pass-mark")) } input type="number" name="pass_mark" min="0" max="100"; }
                    label { input type="checkbox" name="shuffle" value="1"; (ctx.t("attempt-shuffle")) }
                    button.small type="submit" { (ctx.t("attempt-assign")) }
                }
                }
            } }
        }
    }
}
