//! The managers' money controls page: the adjustment form, the pricing settings and the
//! promo codes.

use maud::{Markup, html};

use crate::billing::model::discounts::{self, PromoValue};
use crate::billing::service::controls::AdjustKind;
use crate::billing::store::pricing::{PricingSettings, Promo};
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

fn kind_label(kind: AdjustKind) -> &'static str {
    match kind {
        AdjustKind::Fine => "controls-kind-fine",
        AdjustKind::Bonus => "controls-kind-bonus",
        AdjustKind::Debit => "controls-kind-debit",
        AdjustKind::Credit => "controls-kind-credit",
    }
}

pub fn page(ctx: &Ctx, settings: &PricingSettings, promos: &[Promo]) -> Markup {
    let title = ctx.t("controls-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article {
                h2 { (ctx.t("controls-adjust")) }
                form method="post" action="/manage/billing/adjustments" data-confirm=(ctx.t("controls-confirm-adjust")) {
                    (csrf_field(ctx))
                    // One posting per form shown: a double submit reuses the same key.
                    input type="hidden" name="nonce" value=(uuid::Uuid::new_v4().simple().to_string());
                    div.grid {
                        label { (ctx.t("controls-person")) input name="email" type="email" required placeholder="worker@example.com"; }
                        label { (ctx.t("controls-kind")) select name="kind" {
                            @for k in AdjustKind::ALL { option value=(k.as_str()) { (ctx.t(kind_label(k))) } }
                        } }
                        label { (ctx.t("billing-amount")) input name="amount" inputmode="decimal" required placeholder="500.00"; }
                    }
                    label { (ctx.t("controls-reason")) input name="reason" required maxlength="300"; }
                    small.muted { (ctx.t("controls-adjust-help")) }
                    button type="submit" { (ctx.t("controls-post")) }
                }
            }
            article {
                h2 { (ctx.t("controls-pricing")) }
                form method="post" action="/manage/billing/settings" data-confirm=(ctx.t("controls-confirm-settings")) {
                    (csrf_field(ctx))
                    div.grid {
                        label { (ctx.t("controls-commission")) input name="commission" value=(discounts::format_percent(settings.commission_bp)) required; }
                        label { (ctx.t("controls-first-order")) input name="first_order" value=(discounts::format_percent(settings.first_order_bp)) required; }
                    }
                    label { (ctx.t("controls-tiers")) input name="tiers" value=(discounts::format_tiers(&settings.tiers)) placeholder="5:5, 20:10"; }
                    small.muted { (ctx.t("controls-pricing-help")) }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
            article {
                h2 { (ctx.t("controls-promos")) }
                @if promos.is_empty() { p.muted { (ctx.t("controls-no-promos")) } } @else { div.table-wrap tabindex="0" { table.dense.phone-cards {
                    tbody { @for p in promos { tr {
                        td { code { (p.terms.code) } } td { (match p.terms.value { PromoValue::PercentBp(bp) => format!("{}%", discounts::format_percent(bp)), PromoValue::FixedMinor(m) => ctx.tr.money(m, &ctx.currency) }) }
                        td { (p.rules.valid_from.map(|d| d.to_string()).unwrap_or_default()) " – " (p.rules.valid_until.map(|d| d.to_string()).unwrap_or_default()) }
                        td.num { (p.uses) @if let Some(max) = p.rules.max_uses { " / " (max) } }
                        td { @if p.terms.stacks { (ctx.t("controls-stacks")) } }
                        td { (post_button(ctx, &format!("/manage/billing/promos/{}/active", p.id), &ctx.t(if p.rules.active { "controls-deactivate" } else { "controls-activate" }), "secondary outline small", None)) }
                    } } }
                } } }
                details { summary { (ctx.t("controls-new-promo")) }
                    form method="post" action="/manage/billing/promos" {
                        (csrf_field(ctx))
                        div.grid {
                            label { (ctx.t("controls-code")) input name="code" required maxlength="32" placeholder="SPRING10"; }
                            label { (ctx.t("controls-promo-kind")) select name="kind" { option value="percent" { "%" } option value="fixed" { (ctx.currency) } } }
                            label { (ctx.t("controls-value")) input name="value" required placeholder="10"; }
                        }
                        div.grid {
                            label { (ctx.t("controls-from")) input type="date" name="valid_from"; }
                            label { (ctx.t("controls-until")) input type="date" name="valid_until"; }
                            label { (ctx.t("controls-max-uses")) input name="max_uses" inputmode="numeric"; }
                        }
                        label { input type="checkbox" name="once_per_client" value="1" checked; (ctx.t("controls-once")) }
                        label { input type="checkbox" name="stacks" value="1"; (ctx.t("controls-stacks")) }
                        button type="submit" { (ctx.t("controls-create-promo")) }
                    }
                }
            }
            p { a href="/manage/billing" { "← " (ctx.t("billing-title")) } }
        },
    )
}
