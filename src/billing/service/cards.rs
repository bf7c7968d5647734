//! Payment cards: a client's card for weekly charges and a worker's card for payouts.
//! The number goes to Golden Hat to be tokenized and is dropped; only the token, brand and
//! last four digits are kept.

use chrono::{DateTime, Datelike, Utc};

use super::Deps;
pub use crate::billing::model::Purpose;
use crate::billing::service::gateway::{CardInput, GatewayError, card_digits, luhn_valid};
use crate::billing::store::cards as store;
pub use crate::billing::store::cards::{Card, current};
use crate::db::write_tx;
use crate::error::AppError;
use crate::validate::FormErrors;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CardForm {
    pub card_number: String,
    pub exp_month: String,
    pub exp_year: String,
    pub cvc: String,
}

/// Checks the form before anything leaves the building: Luhn, a real future expiry, a cvc.
pub fn validate(form: &CardForm, now: DateTime<Utc>) -> Result<CardInput, FormErrors> {
    let mut errors = FormErrors::default();
    let number =
        card_digits(&form.card_number).filter(|d| (12..=19).contains(&d.len()) && luhn_valid(d));
    if number.is_none() {
        errors.add("card_number", "err-card-number");
    }
    let month = form
        .exp_month
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=12).contains(m));
    let year = form
        .exp_year
        .trim()
        .parse::<i32>()
        .ok()
        .map(|y| if y < 100 { 2000 + y } else { y });
    let today = (now.year(), now.month());
    let expiry = match (month, year) {
        (Some(m), Some(y)) if (y, m) >= (today.0, today.1) && y <= today.0 + 20 => Some((m, y)),
        _ => None,
    };
    if expiry.is_none() {
        errors.add("exp_month", "err-card-expiry");
    }
    let cvc = form.cvc.trim();
    let cvc_ok = (3..=4).contains(&cvc.len()) && cvc.bytes().all(|b| b.is_ascii_digit());
    if !cvc_ok {
        errors.add("cvc", "err-card-cvc");
    }
    match (number, expiry) {
        (Some(card_number), Some((exp_month, exp_year))) if cvc_ok => Ok(CardInput {
            card_number,
            exp_month,
            exp_year,
            cvc: cvc.to_string(),
        }),
        _ => Err(errors),
    }
}

/// Tokenizes the card at the gateway (outside any transaction) and makes it the user's
/// current card for `purpose`, replacing the previous one.
pub fn add(
    deps: &Deps,
    user_id: i64,
    purpose: Purpose,
    form: &CardForm,
) -> Result<Result<Card, FormErrors>, AppError> {
    let now = deps.now();
    let input = match validate(form, now) {
        Ok(input) => input,
        Err(errors) => return Ok(Err(errors)),
    };
    let token = match deps.gateway.tokenize(&input) {
        Ok(token) => token,
        Err(error) => {
            let mut errors = FormErrors::default();
            let key = match error {
                GatewayError::Invalid(_) => "err-card-refused",
                _ => "err-gateway-down",
            };
            tracing::warn!(user_id, purpose = purpose.as_str(), %error, "card not tokenized");
            errors.add("card_number", key);
            return Ok(Err(errors));
        }
    };
    let mut conn = deps.connection()?;
    let card = write_tx(&mut conn, |tx| -> Result<Card, AppError> {
        store::replace(
            tx,
            user_id,
            purpose,
            &token,
            (input.exp_month, input.exp_year),
            now,
        )?;
        let card = current(tx, user_id, purpose)?.expect("just inserted");
        if purpose == Purpose::Payout {
            let released = super::held::release(tx, user_id, card.id)?;
            if released > 0 {
                tracing::info!(user_id, released, "held payouts reopened with the new card");
            }
        }
        Ok(card)
    })?;
    tracing::info!(user_id, purpose = purpose.as_str(), brand = %card.brand, last4 = %card.last4, "card saved");
    Ok(Ok(card))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn form(number: &str, month: &str, year: &str, cvc: &str) -> CardForm {
        CardForm {
            card_number: number.into(),
            exp_month: month.into(),
            exp_year: year.into(),
            cvc: cvc.into(),
        }
    }

    #[test]
    fn a_good_card_passes_and_bad_ones_name_their_field() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let ok = validate(&form("4242 4242 4242 4242", "12", "28", "123"), now).unwrap();
        assert_eq!(ok.card_number, "4242424242424242");
        assert_eq!(ok.exp_year, 2028);
        let bad = validate(&form("4242 4242 4242 4241", "12", "2028", "123"), now).unwrap_err();
        assert_eq!(bad.get("card_number"), Some("err-card-number"));
        let expired = validate(&form("4242424242424242", "2", "2026", "123"), now).unwrap_err();
        assert_eq!(expired.get("exp_month"), Some("err-card-expiry"));
        assert!(validate(&form("4242424242424242", "3", "2026", "123"), now).is_ok());
        let cvc = validate(&form("4242424242424242", "3", "2026", "12a"), now).unwrap_err();
        assert_eq!(cvc.get("cvc"), Some("err-card-cvc"));
        assert!(validate(&form("4242-4242-4242-4242x", "13", "x", ""), now).is_err());
    }
}
