//! Pages of the admin area.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::store::Overview;
use crate::audit::AuditEntry;
use crate::auth::store::User;
use crate::catalogue::model::skills::Skills;
use crate::config::OperationsRules;
use crate::db::backup::BackupFile;
use crate::identity::{Permission, Role};
use crate::matching::service::readiness::Gap;
use crate::matching::views::readiness;
use crate::web::components::{Paging, csrf_field, empty_state, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;
use crate::work::{CatchUp, JobsStatus};

mod checklist;
pub mod invitations;
pub mod logo;
mod mail;
pub mod settings;
pub use mail::{mail, mail_detail};

/// The scheduled backups the overview lists, with the schedule they follow.
pub struct Backups<'a> {
    pub files: &'a [BackupFile],
    pub rules: &'a OperationsRules,
    pub now: DateTime<Utc>,
}

fn backups_card(ctx: &Ctx, b: &Backups) -> Markup {
    let dir = b.rules.backup_dir.display().to_string();
    html! {
        article #backups {
            h2 { (ctx.t("admin-backups")) }
            @if let Some(every) = b.rules.backup_every {
                p.muted { (ctx.tr.t_args("admin-backups-schedule", &[
                    ("hours", every.num_hours().into()),
                    ("keep", (b.rules.backup_keep as i64).into()),
                    ("dir", dir.as_str().into()),
                ])) }
            } @else {
                p.muted { (ctx.t("admin-backups-off")) }
            }
            @if b.files.is_empty() {
                p { (ctx.t("admin-backups-none")) }
            } @else {
                table {
                    thead { tr {
                        th { (ctx.t("backup-file")) } th { (ctx.t("backup-size")) }
                        th { (ctx.t("backup-taken")) } th { (ctx.t("backup-age")) }
                    } }
                    tbody {
                        @for f in b.files {
                            tr {
                                td { code { (f.name) } }
                                td { (ctx.tr.file_size(f.size_bytes as i64)) }
                                td { (ctx.tr.datetime(f.taken_at)) }
                                td { (ctx.tr.t_args("backup-age-hours", &[("hours", (b.now - f.taken_at).num_hours().into())])) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn overview(ctx: &Ctx, o: &Overview, jobs: &JobsStatus, backups: &Backups) -> Markup {
    let title = ctx.t("admin-overview-title");
    let (pending, sent, dead) = o.mail;
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            (checklist::card(ctx, &o.checklist))
            div.stats {
                @for (role, n) in &o.users_by_role {
                    a.stat href={ "/admin/users?role=" (role.as_str()) } {
                        span.stat-value { (n) } span.stat-label { (ctx.t(&format!("role-{role}-plural"))) }
                    }
                }
            }
            div.grid {
                article {
                    h2 { (ctx.t("nav-mail-queue")) }
                    p { (ctx.t("mail-pending")) ": " strong { (pending) } " · " (ctx.t("mail-sent")) ": " strong { (sent) } " · "
                        (ctx.t("mail-dead")) ": " strong.danger[dead > 0] { (dead) } }
                    a href="/admin/mail?status=dead" { (ctx.t("admin-see-dead")) " →" }
                }
                article {
                    h2 { (ctx.t("admin-jobs")) }
                    p { (if jobs.running { ctx.t("admin-jobs-running") } else { ctx.t("admin-jobs-stopped") }) }
                    @if let Some(at) = jobs.last_reconcile {
                        p.muted { (ctx.t("admin-jobs-last-run")) ": " (ctx.tr.datetime(at)) }
                    }
                    @match jobs.catch_up {
                        CatchUp::Running => p { (ctx.t("admin-jobs-catching-up")) },
                        CatchUp::Failed => p.danger { (ctx.t("admin-jobs-catch-up-failed")) },
                        CatchUp::Off | CatchUp::Done => {},
                    }
                }
            }
            (backups_card(ctx, backups))
            article {
                h2 { (ctx.t("nav-audit-log")) }
                (audit_table(ctx, &o.recent_audit))
                a href="/admin/audit" { (ctx.t("admin-see-all")) " →" }
            }
        },
    )
}

pub fn users(
    ctx: &Ctx,
    rows: &[User],
    search: &str,
    role: Option<Role>,
    paging: Paging,
    total: i64,
) -> Markup {
    let title = ctx.t("nav-users");
    let role_code = role.map(Role::as_str).unwrap_or("");
    let base = format!(
        "/admin/users?q={}&role={role_code}&",
        serde_urlencoded::to_string([("", search)])
            .unwrap_or_default()
            .trim_start_matches('=')
    );
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            form.filters method="get" action="/admin/users" role="search" {
                label.inline-field { span { (ctx.t("admin-users-search")) } input type="search" name="q" value=(search); }
                label.inline-field { span { (ctx.t("account-role")) }
                    select name="role" {
                        option value="" { (ctx.t("admin-all-roles")) }
                        @for r in Role::ALL {
                            option value=(r.as_str()) selected[Some(r) == role] { (ctx.t(&format!("role-{r}"))) }
                        }
                    }
                }
                button type="submit" { (ctx.t("filter")) }
            }
            @if rows.is_empty() {
                (empty_state(&ctx.t("admin-users-empty-title"), &ctx.t("admin-users-empty-text")))
            } @else {
                p.muted { (ctx.tr.t_args("admin-users-count", &[("count", total.into())])) }
                div.table-wrap tabindex="0" { table.striped.phone-cards {
                    thead { tr { th { (ctx.t("field-name")) } th { (ctx.t("field-email")) } th { (ctx.t("account-role")) } th { (ctx.t("admin-status")) } th { (ctx.t("admin-created")) } } }
                    tbody {
                        @for u in rows {
                            tr {
                                td { a href={ "/admin/users/" (u.id) } { (u.name) } }
                                td { (u.email) }
                                td { (ctx.t(&format!("role-{}", u.role))) }
                                td { @if u.active { (ctx.t("admin-active")) } @else { mark { (ctx.t("admin-inactive")) } } }
                                td { (ctx.tr.datetime(u.created_at)) }
                            }
                        }
                    }
                } }
                (pagination(ctx, paging, total, &base))
            }
        },
    )
}

/// A worker's set-up as the user page shows it: the skills they hold, the list to choose
/// from, and what still stops them from being offered jobs or paid.
pub struct WorkerSetup {
    pub held: Vec<String>,
    pub list: Skills,
    pub gaps: Vec<Gap>,
}

pub fn user(ctx: &Ctx, u: &User, perms: &[String], worker: &WorkerSetup) -> Markup {
    let own = ctx.user.as_ref().is_some_and(|me| me.id == u.id);
    let action = |what: &str| format!("/admin/users/{}/{what}", u.id);
    layout::page(
        ctx,
        &u.name,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/admin/users" { (ctx.t("nav-users")) } } li { (u.name) } } }
            h1 { (u.name) }
            p { (u.email) " · " (ctx.t(&format!("role-{}", u.role))) " · "
                @if u.active { (ctx.t("admin-active")) } @else { mark { (ctx.t("admin-inactive")) } } }
            @if u.role == Role::Worker && u.active { (readiness::flags(ctx, &worker.gaps)) }
            div.grid {
                article {
                    h2 { (ctx.t("account-role")) }
                    form method="post" action=(action("role")) data-confirm=(ctx.t("admin-confirm-role")) {
                        (csrf_field(ctx))
                        label.inline-field { span { (ctx.t("account-role")) }
                            select name="role" disabled[own] {
                                @for r in Role::ALL { option value=(r.as_str()) selected[r == u.role] { (ctx.t(&format!("role-{r}"))) } }
                            }
                        }
                        button type="submit" disabled[own] { (ctx.t("admin-change-role")) }
                    }
                }
                article {
                    h2 { (ctx.t("admin-permissions")) }
                    @for p in Permission::ALL.into_iter().filter(|p| p.allowed_for(u.role)) {
                        @let has = perms.iter().any(|x| x == p.as_str());
                        @let confirm = if has { ctx.t("admin-confirm-revoke") } else { ctx.t("admin-confirm-grant") };
                        form.inline method="post" action=(action("permission")) data-confirm=(confirm) {
                            (csrf_field(ctx))
                            input type="hidden" name="permission" value=(p.as_str());
                            input type="hidden" name="granted" value=(if has { "0" } else { "1" });
                            span { (ctx.t(&format!("permission-{}", p.as_str()))) ": " strong { (if has { ctx.t("yes") } else { ctx.t("no") }) } " " }
                            button.secondary.outline.small type="submit" { (if has { ctx.t("admin-revoke") } else { ctx.t("admin-grant") }) }
                        }
                    }
                    @if !Permission::ALL.into_iter().any(|p| p.allowed_for(u.role)) { p.muted { (ctx.t("admin-no-permissions")) } }
                }
                article {
                    h2 { (ctx.t("admin-status")) }
                    @if u.role == Role::Worker { (skills_form(ctx, &action("skills"), worker)) }
                    @if !own {
                        @if u.active {
                            (post_form_active(ctx, &action("active"), "0", &ctx.t("admin-deactivate"), Some(ctx.t("admin-confirm-deactivate"))))
                        } @else {
                            (post_form_active(ctx, &action("active"), "1", &ctx.t("admin-reactivate"), None))
                        }
                    } @else { p.muted { (ctx.t("admin-own-account")) } }
                }
            }
        },
    )
}

/// The worker's skills as boxes to tick, named in the reader's language: the list's skills
/// that are not retired, and any retired one the worker still holds.
fn skills_form(ctx: &Ctx, action: &str, w: &WorkerSetup) -> Markup {
    let lang = ctx.tr.lang;
    let held = |code: &str| w.held.iter().any(|h| h == code);
    html! {
        form method="post" action=(action) {
            (csrf_field(ctx))
            fieldset {
                legend { (ctx.t("admin-skills")) }
                @for s in w.list.0.iter().filter(|s| s.active || held(&s.code)) {
                    label { input type="checkbox" name="skills" value=(s.code) checked[held(&s.code)];
                        (s.name(lang)) @if !s.active { " (" (ctx.t("skills-retired")) ")" } }
                }
                @if w.list.active().next().is_none() { p.muted { (ctx.t("skills-none-listed")) } }
            }
            small.muted { a href="/admin/skills" { (ctx.t("skills-keep-list")) } }
            " "
            button.secondary.small type="submit" { (ctx.t("save")) }
        }
    }
}

fn post_form_active(
    ctx: &Ctx,
    action: &str,
    value: &str,
    label: &str,
    confirm: Option<String>,
) -> Markup {
    html! {
        form.inline method="post" action=(action) data-confirm=[confirm] {
            (csrf_field(ctx))
            input type="hidden" name="active" value=(value);
            button.contrast type="submit" { (label) }
        }
    }
}

/// Every action the audit log records, as (code, label id).
const AUDIT_ACTIONS: [(&str, &str); 33] = [
    ("user.setup", "audit-action-user-setup"),
    ("user.role", "audit-action-user-role"),
    ("user.permission", "audit-action-user-permission"),
    ("user.deactivate", "audit-action-user-deactivate"),
    ("user.reactivate", "audit-action-user-reactivate"),
    ("user.skills", "audit-action-user-skills"),
    ("skill.add", "audit-action-skill-add"),
    ("skill.rename", "audit-action-skill-rename"),
    ("skill.retire", "audit-action-skill-retire"),
    ("skill.restore", "audit-action-skill-restore"),
    ("user.invite", "audit-action-user-invite"),
    ("user.invite.resend", "audit-action-user-invite-resend"),
    ("user.invite.revoke", "audit-action-user-invite-revoke"),
    ("user.invite.accept", "audit-action-user-invite-accept"),
    ("billing.adjustment", "audit-action-billing-adjustment"),
    ("billing.pricing", "audit-action-billing-pricing"),
    (
        "billing.promo_created",
        "audit-action-billing-promo-created",
    ),
    ("billing.promo_active", "audit-action-billing-promo-active"),
    ("billing.refund", "audit-action-billing-refund"),
    ("mail.retry", "audit-action-mail-retry"),
    ("matching.settings", "audit-action-matching-settings"),
    ("settings.business", "audit-action-business-settings"),
    ("qc.review", "audit-action-qc-review"),
    ("screening.activate", "audit-action-screening-activate"),
    // hiring: re-certification
    ("recert.assign", "audit-action-recert-assign"),
    ("recert.override", "audit-action-recert-override"),
    // orders (issue 19)
    ("matching.board_open", "audit-action-matching-board-open"),
    // retention of personal data
    ("user.anonymise", "audit-action-user-anonymise"),
    ("retention.pass", "audit-action-retention-pass"),
    // schedule: series
    ("series.skip", "audit-action-series-skip"),
    ("series.move", "audit-action-series-move"),
    ("series.move_all", "audit-action-series-move-all"),
    ("series.end", "audit-action-series-end"),
];

/// An audit action in words (the code stays beside it, for the filter).
fn action_label(ctx: &Ctx, action: &str) -> String {
    AUDIT_ACTIONS
        .iter()
        .find(|(code, _)| *code == action)
        .map_or_else(|| action.to_string(), |(_, key)| ctx.t(key))
}

fn audit_table(ctx: &Ctx, rows: &[AuditEntry]) -> Markup {
    html! {
        @if rows.is_empty() {
            p.muted { (ctx.t("audit-empty")) }
        } @else {
            div.table-wrap tabindex="0" { table.striped.phone-cards {
                thead { tr { th { (ctx.t("audit-when")) } th { (ctx.t("audit-who")) } th { (ctx.t("audit-action")) } th { (ctx.t("audit-subject")) } th { (ctx.t("audit-details")) } } }
                tbody { @for a in rows {
                    tr { td.nowrap { (ctx.tr.datetime(a.at)) } td { (a.actor.as_deref().map_or_else(|| ctx.t("audit-system"), str::to_string)) }
                         td { (action_label(ctx, &a.action)) br; small.muted { code { (a.action) } } } td { (a.subject) } td.details { small { (details_text(ctx, &a.details)) } } }
                } }
            } }
        }
    }
}

/// An entry's details as "review 26 · score 4 · bonus ₽0.00": the recorded JSON in words, with
/// amounts in minor units shown as money; text that is not a JSON object is shown as it is.
fn details_text(ctx: &Ctx, details: &str) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(details) else {
        return details.to_string();
    };
    fields
        .iter()
        .map(|(key, value)| {
            let shown = match (key.strip_suffix("_minor"), value) {
                (Some(_), serde_json::Value::Number(n)) if n.is_i64() => {
                    ctx.tr.money(n.as_i64().unwrap_or(0), &ctx.currency)
                }
                (_, serde_json::Value::Null) => "—".to_string(),
                (_, serde_json::Value::String(s)) => s.clone(),
                (_, other) => other.to_string(),
            };
            let name = key.strip_suffix("_minor").unwrap_or(key).replace('_', " ");
            format!("{name} {shown}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn audit(ctx: &Ctx, rows: &[AuditEntry], action: &str, paging: Paging, total: i64) -> Markup {
    let title = ctx.t("nav-audit-log");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            form.filters method="get" action="/admin/audit" {
                label.inline-field { span { (ctx.t("audit-filter")) } input type="search" name="action" value=(action); }
                button type="submit" { (ctx.t("filter")) }
            }
            (audit_table(ctx, rows))
            (pagination(ctx, paging, total, &format!("/admin/audit?action={action}&")))
        },
    )
}
