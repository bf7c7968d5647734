//! The business settings page: one form by theme (company, languages, time and money,
//! orders, pickup points, bets, personal data), locked fields with where they are set, the
//! warnings to confirm, and the history of saves.

use std::sync::Arc;

use maud::{Markup, html};

use crate::admin::service::settings::{Problem, Submitted, Warning};
use crate::admin::store::settings::Version;
use crate::billing::model::discounts::format_percent;
use crate::config::Settings;
use crate::config::business::SHIPPED_PICKUP_POINT;
use crate::i18n::{Arg, Lang};
use crate::web::components::csrf_field;
use crate::web::ctx::Ctx;
use crate::web::layout;

/// What the page shows.
pub struct Shown {
    pub settings: Arc<Settings>,
    pub commission_bp: i64,
    pub history: Vec<Version>,
    /// The ledger has postings: the currency can no longer change.
    pub currency_fixed: bool,
    /// What the admin sent, shown again when refused or to be confirmed.
    pub sent: Submitted,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Warning>,
    /// Reached from the first-run set-up.
    pub setup: bool,
}

impl Shown {
    /// The value to show for `key`: as sent, else as now. On the first-run page the shipped
    /// pickup point is left for the business to replace with its own.
    fn value(&self, key: &str) -> String {
        let now = self.settings.form_value(key);
        let shipped = key == "pickup_points" && now == SHIPPED_PICKUP_POINT;
        match self.sent.values.get(key) {
            Some(sent) => sent.clone(),
            None if self.setup && shipped && self.settings.lock_of(key).is_none() => String::new(),
            None => now,
        }
    }

    fn problem(&self, key: &str) -> Option<&Problem> {
        self.problems.iter().find(|p| p.key == key)
    }
}

pub fn page(ctx: &Ctx, s: &Shown) -> Markup {
    let title = ctx.t("settings-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @if s.setup { p.flash.info { (ctx.t("settings-setup-lead")) } }
            @if !s.problems.is_empty() {
                p.flash.error role="alert" { (ctx.t("settings-refused")) }
            }
            @if !s.warnings.is_empty() { (warnings(ctx, &s.warnings)) }
            form method="post" action="/admin/settings" data-confirm=(ctx.t("settings-confirm-save")) {
                (csrf_field(ctx))
                @if s.setup { input type="hidden" name="setup" value="1"; }
                @if !s.warnings.is_empty() { input type="hidden" name="confirmed" value=(Warning::confirmation(&s.warnings)); }
                article {
                    h2 { (ctx.t("settings-company")) }
                    (field(ctx, s, "company_name", "text", "maxlength=80"))
                }
                (languages(ctx, s))
                (money(ctx, s))
                article {
                    h2 { (ctx.t("settings-orders")) }
                    div.grid {
                        (field(ctx, s, "working_hours_start", "time", ""))
                        (field(ctx, s, "working_hours_end", "time", ""))
                    }
                    div.grid {
                        (field(ctx, s, "min_lead_minutes", "number", ""))
                        (field(ctx, s, "max_days_ahead", "number", ""))
                    }
                }
                article {
                    h2 { (ctx.t("settings-pickup")) }
                    (area(ctx, s, "pickup_points"))
                }
                (bets(ctx, s))
                article {
                    h2 { (ctx.t("settings-retention")) }
                    p.muted { (ctx.t("settings-retention-help")) }
                    div.grid {
                        (field(ctx, s, "retain_report_photos_days", "number", ""))
                        (field(ctx, s, "retain_signatures_days", "number", ""))
                        (field(ctx, s, "retain_closed_accounts_days", "number", ""))
                    }
                }
                button type="submit" {
                    (ctx.t(if s.warnings.is_empty() { "settings-save" } else { "settings-confirm-and-save" }))
                }
            }
            article { (super::logo::section(ctx, ctx.logo.as_ref())) }
            (history(ctx, &s.history))
        },
    )
}

/// A locked key's note, or nothing.
fn lock_note(ctx: &Ctx, s: &Shown, key: &str) -> Markup {
    html! {
        @if let Some(source) = s.settings.lock_of(key) {
            small.muted { "🔒 " (ctx.tr.t_args("settings-locked", &[("source", Arg::from(source.to_string()))])) }
        }
    }
}

fn error_note(ctx: &Ctx, s: &Shown, key: &str) -> Markup {
    html! {
        @if let Some(p) = s.problem(key) {
            small.field-error id={ (key) "-error" } {
                (ctx.tr.t_args(&p.message, &[("thing", Arg::from(p.arg.clone()))]))
            }
        }
    }
}

/// A labelled input for one key: its help, lock and error beneath.
fn field(ctx: &Ctx, s: &Shown, key: &str, kind: &str, extra: &str) -> Markup {
    let locked = s.settings.lock_of(key).is_some();
    let max = extra.strip_prefix("maxlength=");
    html! {
        label {
            (ctx.t(&format!("settings-{key}")))
            input type=(kind) name=(key) value=(s.value(key)) disabled[locked] maxlength=[max]
                aria-invalid=[s.problem(key).map(|_| "true")];
        }
        (lock_note(ctx, s, key))
        (error_note(ctx, s, key))
    }
}

fn area(ctx: &Ctx, s: &Shown, key: &str) -> Markup {
    let locked = s.settings.lock_of(key).is_some();
    html! {
        label {
            (ctx.t(&format!("settings-{key}")))
            textarea name=(key) rows="3" disabled[locked] required placeholder=(ctx.t(&format!("settings-{key}-example")))
                aria-invalid=[s.problem(key).map(|_| "true")] { (s.value(key)) }
        }
        small.muted { (ctx.t(&format!("settings-{key}-help"))) }
        (lock_note(ctx, s, key))
        (error_note(ctx, s, key))
    }
}

fn languages(ctx: &Ctx, s: &Shown) -> Markup {
    let chosen: Vec<Lang> = s
        .value("languages")
        .split(',')
        .filter_map(Lang::from_code)
        .collect();
    let first = chosen.first().copied().unwrap_or_default();
    let locked = s.settings.lock_of("languages").is_some();
    html! {
        article {
            h2 { (ctx.t("settings-languages")) }
            p.muted { (ctx.t("settings-languages-help")) }
            fieldset {
                legend { (ctx.t("settings-languages-used")) }
                @for lang in Lang::ALL {
                    label { input type="checkbox" name="language" value=(lang.code()) checked[chosen.contains(&lang)] disabled[locked]; " " (lang.native_name()) }
                }
            }
            label {
                (ctx.t("settings-first-language"))
                select name="first_language" disabled[locked] {
                    @for lang in Lang::ALL { option value=(lang.code()) selected[lang == first] { (lang.native_name()) } }
                }
            }
            (lock_note(ctx, s, "languages"))
            (error_note(ctx, s, "languages"))
        }
    }
}

fn money(ctx: &Ctx, s: &Shown) -> Markup {
    let commission = if s.sent.commission.is_empty() {
        format_percent(s.commission_bp)
    } else {
        s.sent.commission.clone()
    };
    let share = format_percent(10_000 - s.commission_bp);
    html! {
        article {
            h2 { (ctx.t("settings-time-money")) }
            label {
                (ctx.t("settings-time_zone"))
                input name="time_zone" list="time-zones" value=(s.value("time_zone"))
                    disabled[s.settings.lock_of("time_zone").is_some()] aria-invalid=[s.problem("time_zone").map(|_| "true")];
            }
            datalist id="time-zones" { @for tz in chrono_tz::TZ_VARIANTS { option value=(tz.name()) {} } }
            (lock_note(ctx, s, "time_zone"))
            (error_note(ctx, s, "time_zone"))
            div.grid {
                div {
                    label {
                        (ctx.t("settings-currency"))
                        input name="currency" value=(s.value("currency")) maxlength="3"
                            disabled[s.currency_fixed || s.settings.lock_of("currency").is_some()];
                    }
                    @if s.currency_fixed { small.muted { (ctx.t("settings-currency-fixed")) } }
                    (lock_note(ctx, s, "currency"))
                    (error_note(ctx, s, "currency"))
                }
                div {
                    label { (ctx.t("settings-commission")) input name="commission" value=(commission) inputmode="decimal" required; }
                    small.muted { (ctx.tr.t_args("settings-commission-help", &[("share", Arg::from(share))])) }
                    (error_note(ctx, s, "commission"))
                }
                div {
                    (field(ctx, s, "cancellation_fee_percent", "number", ""))
                    small.muted { (ctx.t("settings-new-orders-only")) }
                }
            }
        }
    }
}

fn bets(ctx: &Ctx, s: &Shown) -> Markup {
    let locked = s.settings.lock_of("bets").is_some();
    html! {
        article {
            h2 { (ctx.t("settings-bets-title")) }
            input type="hidden" name="bets_shown" value="1";
            label { input type="checkbox" role="switch" name="bets" value="on" checked[s.value("bets") == "on"] disabled[locked]; " " (ctx.t("settings-bets")) }
            small.muted { (ctx.t("settings-bets-help")) }
            (lock_note(ctx, s, "bets"))
        }
    }
}

fn warnings(ctx: &Ctx, warnings: &[Warning]) -> Markup {
    html! {
        div.flash.info role="alert" {
            strong { (ctx.t("settings-warnings")) }
            ul { @for w in warnings { li { (match w {
                Warning::TimeZone { from, to, upcoming } => ctx.tr.t_args("settings-warn-time-zone", &[
                    ("from", Arg::from(from.clone())), ("to", Arg::from(to.clone())), ("count", Arg::from(*upcoming)),
                ]),
                Warning::PeopleMoved { from, to, people } => ctx.tr.t_args("settings-warn-people-moved", &[
                    ("from", Arg::from(from.native_name().to_string())), ("to", Arg::from(to.native_name().to_string())), ("count", Arg::from(*people)),
                ]),
            }) } } }
        }
    }
}

fn history(ctx: &Ctx, versions: &[Version]) -> Markup {
    html! {
        article {
            h2 { (ctx.t("settings-history")) }
            @if versions.is_empty() { p.muted { (ctx.t("settings-history-empty")) } }
            @for v in versions {
                details {
                    summary { "#" (v.version) " · " (ctx.tr.datetime(v.at)) " · " (v.actor.clone().unwrap_or_default()) }
                    ul { @for (key, (old, new)) in &v.changes {
                        li { (ctx.t(&format!("settings-{key}"))) ": " del { (old) } " → " ins { (new) } }
                    } }
                }
            }
        }
    }
}
