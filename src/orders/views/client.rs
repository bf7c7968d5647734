//! Client order pages.

use maud::{Markup, html};

use super::{
    Details, price_in_list, price_table, quote_table, report_view, status_badge, summary, timeline,
};
use crate::catalogue::model::{Service, ServiceOption};
use crate::orders::model::pricing::Quote;
use crate::orders::model::tabs::ClientTab;
use crate::orders::model::{Actor, Reader, Status, cancellation_fee};
use crate::orders::service::create::OrderForm;
use crate::orders::store::Order;
use crate::profile::store::Address;
use crate::web::components::{
    FormErrors, Paging, csrf_field, empty_state, field_error, input, pagination, textarea,
};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn list(
    ctx: &Ctx,
    orders: &[Order],
    tab: ClientTab,
    paging: Paging,
    total: i64,
    summary: Markup,
) -> Markup {
    let title = ctx.t("nav-my-orders");
    let code = tab.as_str();
    let lang = ctx.tr.lang;
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head {
                h1 { (title) }
                a role="button" href="/services" { (ctx.t("orders-new")) }
            }
            (summary)
            nav.tabs aria-label=(ctx.t("tabs-orders")) { ul {
                @for t in ClientTab::ALL {
                    li { a href=(t.href()) aria-current=[(tab == t).then_some("page")] { (ctx.t(t.label_key())) } }
                }
            } }
            (layout::live("orders-live", &format!("/client?tab={code}&page={}", paging.page), &["orders"], html! {
                @if orders.is_empty() && tab == ClientTab::All {
                    (empty_state(&ctx.t("client-empty-title"), &ctx.t("client-empty-text")))
                } @else if orders.is_empty() && tab == ClientTab::Active {
                    (empty_state(&ctx.t("client-empty-open-title"), &ctx.t("client-empty-open-text")))
                } @else if orders.is_empty() {
                    (empty_state(&ctx.t("client-empty-tab-title"), &ctx.t("client-empty-tab-text")))
                } @else {
                    div.order-cards { @for o in orders {
                        a.order-card href={ "/client/orders/" (o.id) } {
                            span { strong { (o.service_name(lang)) } " #" (o.id) }
                            span { (status_badge(ctx, o.status)) }
                            small.muted { (ctx.tr.datetime(o.scheduled_at)) " · " (price_in_list(ctx, o)) }
                        }
                    } }
                    (pagination(ctx, paging, total, &format!("/client?tab={code}&")))
                }
            }))
        },
    )
}

pub struct NewOrder {
    pub services: Vec<Service>,
    pub service: Option<Service>,
    pub options: Vec<ServiceOption>,
    pub chosen: Vec<i64>,
    pub quote: Option<Quote>,
    pub addresses: Vec<Address>,
    pub form: OrderForm,
    /// Why the typed promo code does not apply.
    pub promo_error: Option<&'static str>,
    pub slot_rules: SlotRules,
    /// Why this client cannot place orders now (no card, an invoice long past due).
    pub standing: Option<&'static str>,
}

/// The live price (htmx swaps it on every change of the form). The promo code's problem is
/// shown beside its field: in the page, and by an out-of-band swap when `live`.
pub fn quote_box(
    ctx: &Ctx,
    quote: Option<&Quote>,
    promo_error: Option<&str>,
    live: bool,
) -> Markup {
    html! {
        div #quote aria-live="polite" {
            @match quote {
                Some(q) => { (quote_table(ctx, q, &ctx.currency)) }
                None => { p.muted { (ctx.t("quote-unavailable")) } }
            }
        }
        @if live { (promo_problem(ctx, promo_error, true)) }
    }
}

fn promo_problem(ctx: &Ctx, promo_error: Option<&str>, out_of_band: bool) -> Markup {
    html! {
        div #promo-error aria-live="polite" hx-swap-oob=[out_of_band.then_some("true")] {
            @if let Some(key) = promo_error { small.field-error { (ctx.t(key)) } }
        }
    }
}

/// The slot's message with the rule's numbers (hours, lead time, days ahead) filled in.
pub fn slot_error(ctx: &Ctx, e: &FormErrors, rules: &SlotRules) -> Markup {
    let message = e.get("time").map(|key| match key {
        "err-slot-hours" => ctx.tr.t_args(
            key,
            &[
                ("opens", rules.opens.as_str().into()),
                ("closes", rules.closes.as_str().into()),
            ],
        ),
        "err-slot-too-soon" => ctx
            .tr
            .t_args(key, &[("minutes", rules.min_lead_minutes.into())]),
        "err-slot-too-far" => ctx.tr.t_args(key, &[("days", rules.max_days_ahead.into())]),
        other => ctx.t(other),
    });
    html! { @if let Some(message) = message { small.field-error id="time-error" { (message) } } }
}

/// The rules of a slot, as the order form states them.
pub struct SlotRules {
    pub opens: String,
    pub closes: String,
    pub min_lead_minutes: i64,
    pub max_days_ahead: i64,
}

pub fn new_order(ctx: &Ctx, p: &NewOrder, e: &FormErrors) -> Markup {
    let title = ctx.t("orders-new");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @if let Some(key) = e.get("unsaved") {
                article.notice.error role="alert" {
                    p { (ctx.t(key)) }
                    p { (ctx.t("err-kept-input")) }
                }
            }
            @match p.standing {
                // No card yet: add it right here, and come back to this form as typed.
                Some("err-no-card") => {
                    p.notice.error role="alert" { (ctx.t("err-no-card")) }
                    (crate::billing::views::card_box(ctx, None, "/client/profile/card", "billing-card-charge-help", Some(&typed_form_url(p))))
                }
                Some(key) => {
                    article.notice.error role="alert" {
                        p { (ctx.t(key)) }
                        a role="button" href="/client/billing" { (ctx.t("billing-pay-now")) }
                    }
                }
                None => { (field_error(ctx, e, "payment")) }
            }
            @match &p.service {
                Some(service) => { (order_form(ctx, p, service, e)) }
                None => { (service_picker(ctx, p, e)) }
            }
        },
    )
}

/// This form's address with what was typed, for coming back to it (after adding a card).
fn typed_form_url(p: &NewOrder) -> String {
    let f = &p.form;
    let mut pairs: Vec<(&str, String)> = vec![
        ("service", f.service.clone()),
        ("address", f.address.clone()),
        ("new_address", f.new_address.clone()),
        ("date", f.date.clone()),
        ("time", f.time.clone()),
        ("notes", f.notes.clone()),
        ("promo", f.promo.clone()),
    ];
    pairs.retain(|(_, v)| !v.is_empty());
    pairs.extend(p.chosen.iter().map(|o| ("option", o.to_string())));
    format!(
        "/client/orders/new?{}",
        serde_urlencoded::to_string(&pairs).expect("form fields encode")
    )
}

fn service_picker(ctx: &Ctx, p: &NewOrder, e: &FormErrors) -> Markup {
    html! {
        p { (ctx.t("orders-pick-service")) }
        (field_error(ctx, e, "service"))
        div.cards { @for s in &p.services {
            a.service-card href={ "/client/orders/new?service=" (s.id) } {
                strong { (s.name(ctx.tr.lang)) } br;
                small.muted { (ctx.tr.money(s.base_price_minor, &ctx.currency)) }
            }
        } }
    }
}

fn order_form(ctx: &Ctx, p: &NewOrder, service: &Service, e: &FormErrors) -> Markup {
    let lang = ctx.tr.lang;
    let f = &p.form;
    html! {
        form.order-form #new-order method="post" action="/client/orders" novalidate
            hx-get="/client/orders/quote" hx-trigger="change" hx-target="#quote" hx-swap="outerHTML" hx-params="not csrf_token" {
            (csrf_field(ctx))
            input type="hidden" name="service" value=(service.id);
            div.grid {
                div {
                    h2 { (service.name(lang)) }
                    p.muted { (service.description(lang)) }
                    @if !p.options.is_empty() {
                        fieldset {
                            legend { (ctx.t("orders-options")) }
                            @for o in &p.options {
                                label { input type="checkbox" name="option" value=(o.id) checked[p.chosen.contains(&o.id)]; (o.name(lang)) " (+" (ctx.tr.money(o.price_minor, &ctx.currency)) ")" }
                            }
                        }
                        (field_error(ctx, e, "options"))
                    }
                    label { (ctx.t("field-address"))
                        select name="address" aria-invalid=[e.invalid("address")] {
                            @for a in &p.addresses {
                                option value=(a.id) selected[f.address == a.id.to_string() || (f.address.is_empty() && a.is_default)] { (a.label) " — " (a.address) }
                            }
                            option value="new" selected[f.address == "new" || p.addresses.is_empty()] { (ctx.t("orders-new-address")) }
                        }
                    }
                    (field_error(ctx, e, "address"))
                    (input(ctx, e, "new_address", "orders-new-address-field", &f.new_address, "text"))
                    div.grid {
                        label { (ctx.t("field-date")) input type="date" name="date" value=(f.date) aria-invalid=[e.invalid("time")]; }
                        label { (ctx.t("field-time")) input type="time" name="time" step="900" value=(f.time) aria-invalid=[e.invalid("time")]; }
                    }
                    (slot_error(ctx, e, &p.slot_rules))
                    small.muted { (ctx.tr.t_args("orders-slot-hint", &[("opens", p.slot_rules.opens.as_str().into()), ("closes", p.slot_rules.closes.as_str().into())])) }
                    (textarea(ctx, e, "notes", "field-notes", &f.notes))
                    (input(ctx, e, "promo", "field-promo", &f.promo, "text"))
                    (promo_problem(ctx, p.promo_error, false))
                }
                aside {
                    h2.minor { (ctx.t("quote-title")) }
                    (quote_box(ctx, p.quote.as_ref(), p.promo_error, false))
                    button type="submit" { (ctx.t("orders-place")) }
                }
            }
        }
    }
}

pub fn order_page(ctx: &Ctx, d: &Details) -> Markup {
    let o = &d.order;
    let lang = ctx.tr.lang;
    let title = format!("{} #{}", o.service_name(lang), o.id);
    let can_cancel = matches!(
        o.status,
        Status::New | Status::Offered | Status::Assigned | Status::Unassigned
    );
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/client" { (ctx.t("nav-my-orders")) } } li { "#" (o.id) } } }
            (layout::live("order-live", &format!("/client/orders/{}", o.id), &[&format!("order-{}", o.id)], html! {
                hgroup.page-head {
                    h1 { (title) " " (status_badge(ctx, o.status)) }
                    div.actions {
                        @if o.status == Status::Reported { a role="button" href={ "/client/orders/" (o.id) "/sign" } { (ctx.t("orders-review-sign")) } " " }
                        @if crate::orders::model::moves::client_may_move(&d.facts) { a.move-link role="button" class="secondary outline" href={ "/client/orders/" (o.id) "/reschedule" } { (ctx.t("move-link")) } " " }
                        @if can_cancel { a role="button" class="secondary outline" href={ "/client/orders/" (o.id) "/cancel" } { (ctx.t("orders-cancel")) } }
                        @if crate::orders::model::feeds::appointment_ahead(o.status) { " " a.appointment.secondary.outline role="button" href={ "/client/orders/" (o.id) "/appointment.ics" } download { (ctx.t("order-add-to-calendar")) } }
                    }
                }
                @if o.status == Status::Unassigned { (not_placed(ctx, o)) }
                div.grid {
                    article {
                        (summary(ctx, o)) (price_table(ctx, o))
                        @if can_cancel { (cancellation_terms(ctx, d)) }
                    }
                    article { h2.minor { (ctx.t("order-timeline")) } (timeline(ctx, &d.events, Reader::Client)) }
                }
                (report_view(ctx, d))
            }))
        },
    )
}

/// What cancelling would cost once a worker is assigned, at the order's own percent (frozen
/// when it was placed, so a later change of the fee does not reach it).
fn cancellation_terms(ctx: &Ctx, d: &Details) -> Markup {
    let o = &d.order;
    if d.fee_percent == 0 {
        return html! {};
    }
    let fee = cancellation_fee(
        Status::Assigned,
        Actor::Client(o.client_id),
        o.total_minor,
        d.fee_percent,
    );
    html! {
        p.muted.cancellation-terms { (ctx.tr.t_args("order-cancellation-terms", &[
            ("percent", d.fee_percent.into()),
            ("fee", crate::i18n::Arg::Money(fee, o.currency.clone())),
        ])) }
    }
}

/// Matching found nobody: what happens next and what the client can do about it.
fn not_placed(ctx: &Ctx, o: &crate::orders::store::Order) -> Markup {
    html! {
        article.not-placed role="status" {
            h2.minor { (ctx.t("order-not-placed-title")) }
            p { (ctx.t("order-not-placed-text")) }
            div.actions {
                a role="button" href={ "/client/orders/new?service=" (o.service_id) } { (ctx.t("order-not-placed-again")) }
                " "
                a role="button" class="secondary outline" href={ "/client/orders/" (o.id) "/cancel" } { (ctx.t("order-not-placed-cancel")) }
            }
        }
    }
}

pub fn cancel_page(ctx: &Ctx, d: &Details, fee: i64) -> Markup {
    let o = &d.order;
    let title = ctx.t("orders-cancel-title");
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p { (o.service_name(ctx.tr.lang)) " #" (o.id) " · " (ctx.tr.datetime(o.scheduled_at)) }
                @if fee > 0 {
                    p.flash.error { (ctx.tr.t_args("orders-cancel-fee", &[("fee", crate::i18n::Arg::Money(fee, o.currency.clone())), ("percent", d.fee_percent.into())])) }
                } @else {
                    p.flash.info { (ctx.t("orders-cancel-free")) }
                }
                form method="post" action={ "/client/orders/" (o.id) "/cancel" } {
                    (csrf_field(ctx))
                    label { (ctx.t("field-reason-optional")) textarea name="reason" rows="2" maxlength="500" {} }
                    button.contrast type="submit" { (ctx.t("orders-cancel-confirm")) }
                    " " a href={ "/client/orders/" (o.id) } { (ctx.t("back")) }
                }
            }
        },
    )
}

pub fn sign_page(ctx: &Ctx, d: &Details, e: &FormErrors) -> Markup {
    let o = &d.order;
    let title = ctx.t("sign-title");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href={ "/client/orders/" (o.id) } { "#" (o.id) } } li { (title) } } }
            h1 { (title) }
            article { (summary(ctx, o)) (price_table(ctx, o)) (report_view(ctx, d)) }
            @if o.status == Status::Reported {
                article {
                    h2 { (ctx.t("sign-accept")) }
                    form #sign-form method="post" action={ "/client/orders/" (o.id) "/sign" } {
                        (csrf_field(ctx))
                        (input(ctx, e, "full_name", "field-full-name", "", "text"))
                        label { (ctx.t("field-signature")) }
                        div.signature-pad { canvas #signature-pad aria-label=(ctx.t("field-signature")) data-empty-message=(ctx.t("err-signature")) {} }
                        button.secondary.outline.small type="button" #signature-clear { (ctx.t("sign-clear")) }
                        input type="hidden" name="signature" #signature-data;
                        (field_error(ctx, e, "signature"))
                        fieldset.rating {
                            legend { (ctx.t("field-rating")) }
                            @for r in 1..=5 { label { input type="radio" name="rating" value=(r) checked[r == 5]; (r) } }
                        }
                        (field_error(ctx, e, "rating"))
                        (textarea(ctx, e, "comment", "field-comment", ""))
                        button type="submit" { (ctx.t("sign-submit")) }
                    }
                }
                article {
                    h2 { (ctx.t("sign-refuse")) }
                    form method="post" action={ "/client/orders/" (o.id) "/refuse" } data-confirm=(ctx.t("sign-refuse-confirm")) {
                        (csrf_field(ctx))
                        label { (ctx.t("field-reason")) textarea name="reason" rows="2" required maxlength="1000" {} }
                        button.secondary type="submit" { (ctx.t("sign-refuse-submit")) }
                    }
                }
            }
            script src=(crate::web::assets::url("signature_pad.js")) defer {}
        },
    )
}
