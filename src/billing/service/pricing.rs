//! Pricing as the order form sees it: the discount lines for a client's quote (loyalty
//! tiers, first-order discount, promo codes) from the settings in force. The rules
//! themselves are pure, in `discounts`; the data is in `store::pricing`.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::billing::model::discounts::{self, Discount, DiscountInputs, DiscountKind};
use crate::billing::store::pricing as store;
pub use crate::billing::store::pricing::{
    PricingSettings, Promo, insert_promo, promo_by_code, promos, record_redemption, save_settings,
    set_promo_active, settings,
};
use crate::i18n::Lang;

/// A discount as a line of the order's quote, labelled in both languages (the quote is
/// frozen on the order); negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountLine {
    pub label_en: String,
    pub label_ru: String,
    pub amount_minor: i64,
}

/// The discounts a client gets on `subtotal_minor`, and the promo to record if its line
/// applies.
pub struct Priced {
    pub lines: Vec<DiscountLine>,
    pub promo: Option<(i64, i64)>,
}

/// What a typed promo code turned out to be.
enum PromoCheck {
    /// No code typed.
    None,
    Usable(Promo),
    /// The message key of why it cannot be used.
    Refused(&'static str),
}

fn check_promo(
    conn: &Connection,
    client_id: i64,
    promo_code: &str,
    today: NaiveDate,
) -> rusqlite::Result<PromoCheck> {
    if promo_code.trim().is_empty() {
        return Ok(PromoCheck::None);
    }
    let Some(code) = discounts::normalise_code(promo_code) else {
        return Ok(PromoCheck::Refused("err-promo-unknown"));
    };
    let Some(promo) = promo_by_code(conn, &code)? else {
        return Ok(PromoCheck::Refused("err-promo-unknown"));
    };
    let by_client = store::uses_by_client(conn, promo.id, client_id)?;
    Ok(
        match discounts::promo_refusal(&promo.rules, today, promo.uses, by_client) {
            Some(refusal) => PromoCheck::Refused(refusal.key()),
            None => PromoCheck::Usable(promo),
        },
    )
}

/// The discounts for the order form's quote: with the typed promo code when it can be used,
/// else without it and with the message key of why (the quote is then shown without it).
pub fn discounts_for(
    conn: &Connection,
    client_id: i64,
    subtotal_minor: i64,
    promo_code: &str,
    today: NaiveDate,
) -> rusqlite::Result<(Priced, Option<&'static str>)> {
    Ok(match check_promo(conn, client_id, promo_code, today)? {
        PromoCheck::Refused(key) => (price(conn, client_id, subtotal_minor, None)?, Some(key)),
        PromoCheck::None => (price(conn, client_id, subtotal_minor, None)?, None),
        PromoCheck::Usable(promo) => (price(conn, client_id, subtotal_minor, Some(promo))?, None),
    })
}

fn price(
    conn: &Connection,
    client_id: i64,
    subtotal_minor: i64,
    promo: Option<Promo>,
) -> rusqlite::Result<Priced> {
    let (completed, any) = store::order_counts(conn, client_id)?;
    let settings = settings(conn)?;
    let applied = discounts::discounts(&DiscountInputs {
        subtotal_minor,
        completed_orders: completed,
        has_any_order: any > 0,
        tiers: &settings.tiers,
        first_order_bp: settings.first_order_bp,
        promo: promo.as_ref().map(|p| &p.terms),
    });
    let promo_used = promo.and_then(|p| {
        applied
            .iter()
            .find(|d| d.kind == DiscountKind::Promo)
            .map(|d| (p.id, d.amount_minor))
    });
    Ok(Priced {
        lines: applied.iter().map(line).collect(),
        promo: promo_used,
    })
}

/// A discount as a quote line in both languages.
fn line(d: &Discount) -> DiscountLine {
    let percent = d
        .percent_bp
        .map(|bp| format!(" {}%", discounts::format_percent(bp)))
        .unwrap_or_default();
    let label = |lang| {
        let name = match (d.kind, lang) {
            (DiscountKind::Loyalty, Lang::En) => "Loyalty discount".to_string(),
            (DiscountKind::Loyalty, Lang::Ru) => "Скидка постоянного клиента".to_string(),
            (DiscountKind::FirstOrder, Lang::En) => "First order discount".to_string(),
            (DiscountKind::FirstOrder, Lang::Ru) => "Скидка на первый заказ".to_string(),
            (DiscountKind::Promo, Lang::En) => {
                format!("Promo code {}", d.code.as_deref().unwrap_or(""))
            }
            (DiscountKind::Promo, Lang::Ru) => {
                format!("Промокод {}", d.code.as_deref().unwrap_or(""))
            }
        };
        format!("{name}{percent}")
    };
    DiscountLine {
        label_en: label(Lang::En),
        label_ru: label(Lang::Ru),
        amount_minor: -d.amount_minor,
    }
}
