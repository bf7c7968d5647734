//! Pricing discounts: loyalty tiers, the first-order discount and promo codes — which of
//! them apply to a quote and how much each takes off. Pure rules; no I/O.
//!
//! Money is in integer minor units (kopecks, cents); percentages are basis points
//! (1 % = 100 bp).
//!
//! **Rounding.** A percentage discount is `floor(amount × bp / 10 000)`: rounded *down* to
//! the minor unit, so a discount never gives away a fraction of a kopeck more than it
//! promised (5 % of 1.01 ₽ is 5.05 kopecks → 5; 10 % of 9.99 ₽ is 99.9 → 99).
//!
//! **Combining.** The best single discount applies unless a promo says it stacks:
//! - without a stacking promo, the one largest of {loyalty, first order, promo} applies; a
//!   non-stacking promo that loses is *not* applied (no line, so the caller records no
//!   redemption for it);
//! - with a stacking promo, the promo applies *and* the better of loyalty / first order.
//!   The promo's percent is taken of the subtotal, not of the already-discounted amount.
//!
//! Ties between equally large discounts go Promo, then Loyalty, then FirstOrder: the
//! client typed the promo code and expects to see it used.
//!
//! **Caps.** A fixed promo takes off at most the subtotal; the lines together never exceed
//! the subtotal (the last line — the stacking promo — is trimmed). A discount worth zero
//! produces no line.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Basis points in 100 %.
const FULL_BP: i64 = 10_000;

/// A manager types at most this many tiers; more is a typo, not a loyalty programme.
const MAX_TIERS: usize = 10;

/// From `min_completed` completed orders on, a client gets `percent_bp` off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoyaltyTier {
    pub min_completed: i64,
    pub percent_bp: i64,
}

/// The default programme: 5 completed orders → 5 %, 20 → 10 %.
pub const DEFAULT_TIERS: [LoyaltyTier; 2] = [
    LoyaltyTier {
        min_completed: 5,
        percent_bp: 500,
    },
    LoyaltyTier {
        min_completed: 20,
        percent_bp: 1_000,
    },
];

/// What a promo code is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum PromoValue {
    PercentBp(i64),
    FixedMinor(i64),
}

/// A promo code already found eligible (see [`promo_refusal`]) for this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromoTerms {
    pub code: String,
    pub value: PromoValue,
    pub stacks: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    Loyalty,
    FirstOrder,
    Promo,
}

/// One line on the quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discount {
    pub kind: DiscountKind,
    /// The percentage, for percentage discounts; `None` for a fixed-amount promo.
    pub percent_bp: Option<i64>,
    /// The promo code, for the promo line.
    pub code: Option<String>,
    /// positive amount taken off
    pub amount_minor: i64,
}

pub struct DiscountInputs<'a> {
    pub subtotal_minor: i64,
    pub completed_orders: i64,
    /// Whether the client has any previous order at all (in any state): the first-order
    /// discount is for a client with none.
    pub has_any_order: bool,
    pub tiers: &'a [LoyaltyTier],
    /// The first-order discount; 0 turns it off (the default).
    pub first_order_bp: i64,
    pub promo: Option<&'a PromoTerms>,
}

/// The discounts that apply, in the order they are shown (loyalty/first-order before promo); their sum never exceeds the subtotal.
pub fn discounts(i: &DiscountInputs) -> Vec<Discount> {
    let subtotal = i.subtotal_minor;
    if subtotal <= 0 {
        return Vec::new();
    }
    let percent_line = |kind, bp: i64| Discount {
        kind,
        percent_bp: Some(bp),
        code: None,
        amount_minor: percent_of(subtotal, bp).min(subtotal),
    };
    let loyalty = tier_for(i.tiers, i.completed_orders)
        .map(|t| percent_line(DiscountKind::Loyalty, t.percent_bp));
    let first_order = (!i.has_any_order && i.first_order_bp > 0)
        .then(|| percent_line(DiscountKind::FirstOrder, i.first_order_bp));
    let promo = i.promo.map(|p| {
        let (percent_bp, amount) = match p.value {
            PromoValue::PercentBp(bp) => (Some(bp), percent_of(subtotal, bp)),
            PromoValue::FixedMinor(minor) => (None, minor),
        };
        Discount {
            kind: DiscountKind::Promo,
            percent_bp,
            code: Some(p.code.clone()),
            amount_minor: amount.min(subtotal),
        }
    });
    // A line worth nothing (0 %, a negative setting) is not a discount at all.
    let worth = |d: Option<Discount>| d.filter(|d| d.amount_minor > 0);
    let (loyalty, first_order, promo) = (worth(loyalty), worth(first_order), worth(promo));

    let stacks = i.promo.is_some_and(|p| p.stacks);
    let mut lines = if stacks {
        let mut lines: Vec<Discount> = best([loyalty, first_order]).into_iter().collect();
        lines.extend(promo);
        lines
    } else {
        // Candidates in tie-break order: on equal amounts the earlier one wins.
        best([promo, loyalty, first_order]).into_iter().collect()
    };
    // The lines together never take off more than the subtotal: trim from the last.
    let mut left = subtotal;
    for line in &mut lines {
        line.amount_minor = line.amount_minor.min(left);
        left -= line.amount_minor;
    }
    lines.retain(|d| d.amount_minor > 0);
    lines
}

/// The largest candidate; on a tie the first one listed.
fn best<const N: usize>(candidates: [Option<Discount>; N]) -> Option<Discount> {
    candidates
        .into_iter()
        .flatten()
        .fold(None, |best, d| match best {
            Some(b) if b.amount_minor >= d.amount_minor => Some(b),
            _ => Some(d),
        })
}

/// percent of an amount in minor units with the documented rounding rule
///
/// `floor(amount × bp / 10 000)`: rounded down (towards −∞) to the minor unit. Computed in
/// 128 bits so no amount a form accepts can overflow; saturates at the `i64` range.
pub fn percent_of(amount_minor: i64, bp: i64) -> i64 {
    let exact = i128::from(amount_minor) * i128::from(bp);
    let floored = exact.div_euclid(i128::from(FULL_BP));
    i64::try_from(floored).unwrap_or(if floored > 0 { i64::MAX } else { i64::MIN })
}

/// The tier reached by `completed` orders (highest min_completed <= completed), if any.
///
/// The list need not be sorted.
pub fn tier_for(tiers: &[LoyaltyTier], completed: i64) -> Option<LoyaltyTier> {
    tiers
        .iter()
        .filter(|t| t.min_completed <= completed)
        .max_by_key(|t| t.min_completed)
        .copied()
}

/// Parses and validates a tier list typed by a manager like "5:5, 20:10" (orders:percent, percent may have up to 2 decimals e.g. 7.5) → sorted tiers; errors for duplicates, non-increasing percents, percent outside 0–100, counts < 1, more than 10 tiers. Return Result<Vec<LoyaltyTier>, &'static str> with an i18n-style error key such as "err-tiers-format".
///
/// An empty (or blank) input is the empty list: no loyalty programme. A trailing `%` on a
/// percent is accepted ("5:5%"). Error keys:
/// - `err-tiers-format` — not `orders:percent` pairs separated by commas;
/// - `err-tiers-count` — an order count below 1;
/// - `err-tiers-percent` — a percent outside 0–100;
/// - `err-tiers-too-many` — more than 10 tiers;
/// - `err-tiers-duplicate` — the same order count twice;
/// - `err-tiers-not-increasing` — more orders must give a strictly larger percent.
pub fn parse_tiers(input: &str) -> Result<Vec<LoyaltyTier>, &'static str> {
    if input.trim().is_empty() {
        return Ok(Vec::new());
    }
    let pieces: Vec<&str> = input.split(',').collect();
    if pieces.len() > MAX_TIERS {
        return Err("err-tiers-too-many");
    }
    let mut tiers = pieces
        .into_iter()
        .map(parse_tier)
        .collect::<Result<Vec<_>, _>>()?;
    tiers.sort_by_key(|t| t.min_completed);
    for pair in tiers.windows(2) {
        if pair[0].min_completed == pair[1].min_completed {
            return Err("err-tiers-duplicate");
        }
        if pair[0].percent_bp >= pair[1].percent_bp {
            return Err("err-tiers-not-increasing");
        }
    }
    Ok(tiers)
}

fn parse_tier(piece: &str) -> Result<LoyaltyTier, &'static str> {
    let (count, percent) = piece.split_once(':').ok_or("err-tiers-format")?;
    let count = count.trim();
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
        return Err("err-tiers-format");
    }
    // Digits only, so a parse failure is an absurdly long number: still a typo.
    let min_completed: i64 = count.parse().map_err(|_| "err-tiers-format")?;
    if min_completed < 1 {
        return Err("err-tiers-count");
    }
    let percent = percent.trim();
    let percent = percent.strip_suffix('%').unwrap_or(percent).trim_end();
    let percent_bp = parse_percent_bp(percent).ok_or("err-tiers-format")?;
    if !(0..=FULL_BP).contains(&percent_bp) {
        return Err("err-tiers-percent");
    }
    Ok(LoyaltyTier {
        min_completed,
        percent_bp,
    })
}

/// "7.5" → 750; "10" → 1000; "0.25" → 25. At most two decimals, no sign.
pub fn parse_percent_bp(s: &str) -> Option<i64> {
    let (units, fraction) = s.split_once('.').unwrap_or((s, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(units) || (s.contains('.') && !digits(fraction)) || fraction.len() > 2 {
        return None;
    }
    // Anything with more than 4 integer digits is over 100 % anyway; report it as such
    // rather than overflowing.
    let units: i64 = units.parse().unwrap_or(i64::MAX / 100);
    let hundredths: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    units.checked_mul(100)?.checked_add(hundredths)
}

/// "5:5, 20:10, 50:12.5" — in the given order; round-trips with [`parse_tiers`].
pub fn format_tiers(tiers: &[LoyaltyTier]) -> String {
    tiers
        .iter()
        .map(|t| format!("{}:{}", t.min_completed, format_percent(t.percent_bp)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// 500 → "5", 750 → "7.5", 725 → "7.25", 5 → "0.05".
pub fn format_percent(bp: i64) -> String {
    let (units, hundredths) = (bp / 100, (bp % 100).abs());
    match hundredths {
        0 => units.to_string(),
        h if h % 10 == 0 => format!("{units}.{}", h / 10),
        h => format!("{units}.{h:02}"),
    }
}

/// When and how often a promo code may be redeemed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromoRules {
    pub valid_from: Option<NaiveDate>,
    /// inclusive
    pub valid_until: Option<NaiveDate>,
    pub max_uses: Option<i64>,
    pub once_per_client: bool,
    pub active: bool,
}

/// Why a promo code cannot be used for this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromoRefusal {
    Inactive,
    NotYetValid,
    Expired,
    UsedUp,
    AlreadyUsedByYou,
}

impl PromoRefusal {
    /// The message key shown to the client.
    pub fn key(self) -> &'static str {
        match self {
            PromoRefusal::Inactive => "err-promo-inactive",
            PromoRefusal::NotYetValid => "err-promo-not-yet",
            PromoRefusal::Expired => "err-promo-expired",
            PromoRefusal::UsedUp => "err-promo-used-up",
            PromoRefusal::AlreadyUsedByYou => "err-promo-already-used",
        }
    }
}

/// `today` is the business-time-zone date; `uses` = redemptions so far, `uses_by_client` = by this client.
///
/// `None` when the code may be used. When several refusals hold, the first in this order
/// is given: inactive, not yet valid, expired, used up, already used by you.
pub fn promo_refusal(
    rules: &PromoRules,
    today: NaiveDate,
    uses: i64,
    uses_by_client: i64,
) -> Option<PromoRefusal> {
    if !rules.active {
        return Some(PromoRefusal::Inactive);
    }
    if rules.valid_from.is_some_and(|from| today < from) {
        return Some(PromoRefusal::NotYetValid);
    }
    // `valid_until` is the last day the code works.
    if rules.valid_until.is_some_and(|until| today > until) {
        return Some(PromoRefusal::Expired);
    }
    if rules.max_uses.is_some_and(|max| uses >= max) {
        return Some(PromoRefusal::UsedUp);
    }
    if rules.once_per_client && uses_by_client > 0 {
        return Some(PromoRefusal::AlreadyUsedByYou);
    }
    None
}

/// Normalises a typed promo code: trim, uppercase; 3–32 chars of A–Z, 0–9, '-' and '_' else None.
pub fn normalise_code(input: &str) -> Option<String> {
    // ASCII-only uppercasing: "ß" must not turn into an acceptable "SS".
    let code = input.trim().to_ascii_uppercase();
    let allowed = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_';
    // All allowed characters are ASCII, so the byte length is the character count.
    ((3..=32).contains(&code.len()) && code.chars().all(allowed)).then_some(code)
}

#[cfg(test)]
mod tests;
