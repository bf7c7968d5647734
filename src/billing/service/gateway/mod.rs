//! The Golden Hat payment gateway, an outside system: one trait with an HTTP client, the
//! in-process simulator (the embedded default, optionally journaled so it remembers across
//! restarts) and the same simulator served over HTTP (`golden-hat-sim`) so tests cross a real
//! network. Card numbers pass through here on their way to the gateway and are never kept.

mod http;
mod journal;
pub mod server;
pub mod sim;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use http::HttpGoldenHat;
pub use sim::{Faults, GoldenHatSim};

/// A card as typed by a client, on its way to be tokenized. Lives only for that one call.
#[derive(Clone)]
pub struct CardInput {
    pub card_number: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub cvc: String,
}

// By hand: a derived Debug would put the number and cvc into any log line or panic message
// that prints the struct.
impl fmt::Debug for CardInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardInput")
            .field("card_number", &"[redacted]")
            .field("exp_month", &self.exp_month)
            .field("exp_year", &self.exp_year)
            .field("cvc", &"[redacted]")
            .finish()
    }
}

/// What the gateway gives back for a card: the only card data the app may store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardToken {
    pub token: String,
    pub brand: String,
    pub last4: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeStatus {
    Succeeded,
    Declined,
}

/// The outcome of a charge or payout. `decline_code` is set exactly when declined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeResult {
    pub id: String,
    pub status: ChargeStatus,
    pub decline_code: Option<String>,
}

/// A charge (to a client's card token) or a payout (to a worker's payout token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyRequest {
    pub token: String,
    pub amount_minor: i64,
    pub currency: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    /// Down, slow, a 5xx or a lost reply: the outcome is unknown; resolve by asking for the key.
    #[error("gateway unavailable: {0}")]
    Unavailable(String),
    /// 422: the card or request is invalid (message safe to show, never contains the number).
    #[error("invalid: {0}")]
    Invalid(String),
    /// 409: the key was used before with other parameters.
    #[error("idempotency key reused with other parameters")]
    Conflict,
    /// Any other 4xx or an unreadable/implausible reply.
    #[error("gateway refused: {0}")]
    Refused(String),
}

/// The gateway. Charges and payouts are idempotent per key: retrying with the same key and
/// parameters never moves money twice. Blocking: call it off the async executor.
pub trait GoldenHat: Send + Sync {
    fn tokenize(&self, card: &CardInput) -> Result<CardToken, GatewayError>;
    fn charge(&self, key: &str, req: &MoneyRequest) -> Result<ChargeResult, GatewayError>;
    fn find_charge(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError>;
    fn payout(&self, key: &str, req: &MoneyRequest) -> Result<ChargeResult, GatewayError>;
    fn find_payout(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError>;
}

pub type SharedGateway = Arc<dyn GoldenHat>;

/// HTTP client when a URL is set, else the in-process simulator journaled to `journal` (if Some).
///
/// A journal that cannot be opened gives a gateway that answers every call `Unavailable`:
/// an empty simulator would forget charges it made and let the app charge twice.
pub fn from_settings(
    url: Option<&str>,
    timeout: Duration,
    journal: Option<PathBuf>,
) -> SharedGateway {
    if let Some(url) = url {
        return Arc::new(HttpGoldenHat::new(url, timeout));
    }
    // A random seed: tokens of the embedded gateway should not be guessable across installs.
    let seed = rand::random();
    match journal {
        None => Arc::new(GoldenHatSim::new(Faults::default(), seed)),
        Some(path) => match GoldenHatSim::with_journal(Faults::default(), seed, path.clone()) {
            Ok(sim) => Arc::new(sim),
            Err(e) => {
                tracing::error!(path = %path.display(), error = %e, "golden hat journal unusable");
                Arc::new(Broken(format!("simulator journal unusable: {e}")))
            }
        },
    }
}

/// For looking only (`check`): the HTTP client when a URL is set, else the simulator as its
/// journal left it, read without creating or touching the file.
pub fn for_lookups(
    url: Option<&str>,
    timeout: Duration,
    journal: &std::path::Path,
) -> SharedGateway {
    if let Some(url) = url {
        return Arc::new(HttpGoldenHat::new(url, timeout));
    }
    match GoldenHatSim::replaying(journal) {
        Ok(sim) => Arc::new(sim),
        Err(e) => Arc::new(Broken(format!("simulator journal unreadable: {e}"))),
    }
}

/// The stand-in when the simulator's journal cannot be opened: the gateway is "down".
struct Broken(String);

impl GoldenHat for Broken {
    fn tokenize(&self, _: &CardInput) -> Result<CardToken, GatewayError> {
        Err(GatewayError::Unavailable(self.0.clone()))
    }
    fn charge(&self, _: &str, _: &MoneyRequest) -> Result<ChargeResult, GatewayError> {
        Err(GatewayError::Unavailable(self.0.clone()))
    }
    fn find_charge(&self, _: &str) -> Result<Option<ChargeResult>, GatewayError> {
        Err(GatewayError::Unavailable(self.0.clone()))
    }
    fn payout(&self, _: &str, _: &MoneyRequest) -> Result<ChargeResult, GatewayError> {
        Err(GatewayError::Unavailable(self.0.clone()))
    }
    fn find_payout(&self, _: &str) -> Result<Option<ChargeResult>, GatewayError> {
        Err(GatewayError::Unavailable(self.0.clone()))
    }
}

/// Luhn check on ASCII digits only: anything else (spaces and dashes included) fails, so
/// strip a typed number with [`card_digits`] first.
pub fn luhn_valid(number: &str) -> bool {
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Digits of a typed card number with spaces/dashes removed; None if anything else is in it
/// (or no digit at all).
pub fn card_digits(input: &str) -> Option<String> {
    let mut digits = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' => {}
            _ => return None,
        }
    }
    (!digits.is_empty()).then_some(digits)
}

/// The card brand from the leading digits (IIN ranges) of a digits-only number.
pub fn card_brand(digits: &str) -> &'static str {
    let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
    if digits.starts_with('4') {
        "visa"
    } else if prefix(4).is_some_and(|p| (2200..=2204).contains(&p)) {
        "mir"
    } else if prefix(2).is_some_and(|p| (51..=55).contains(&p))
        || prefix(4).is_some_and(|p| (2221..=2720).contains(&p))
    {
        "mastercard"
    } else if prefix(2).is_some_and(|p| p == 34 || p == 37) {
        "amex"
    } else {
        "card"
    }
}

/// Validates a reply from outside before use (id present and bounded, decline_code present iff declined, bounded).
pub fn validated(result: ChargeResult) -> Result<ChargeResult, GatewayError> {
    let id = result.id.trim();
    if id.is_empty() || id.len() > 100 || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(GatewayError::Refused(
            "charge id missing or malformed".into(),
        ));
    }
    let decline_code = match (result.status, result.decline_code.as_deref().map(str::trim)) {
        (ChargeStatus::Succeeded, None) => None,
        (ChargeStatus::Declined, Some(code)) if plausible_code(code) => Some(code.to_string()),
        _ => {
            return Err(GatewayError::Refused(
                "decline code missing, unexpected or malformed".into(),
            ));
        }
    };
    Ok(ChargeResult {
        id: id.to_string(),
        status: result.status,
        decline_code,
    })
}

/// Decline codes are short machine words such as `card_declined`.
fn plausible_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_the_test_cards_and_rejects_typos() {
        for n in [
            "4242424242424242",
            "4000000000000002",
            "4000000000009995",
            "5555555555554444",
            "378282246310005",
            "79927398713",
        ] {
            assert!(luhn_valid(n), "{n}");
        }
        for n in [
            "4242424242424241",
            "4000000000000001",
            "79927398710",
            "",
            "4242 4242 4242 4242",
            "42a2",
        ] {
            assert!(!luhn_valid(n), "{n}");
        }
    }

    #[test]
    fn typed_numbers_lose_spaces_and_dashes_only() {
        assert_eq!(
            card_digits("4242 4242-4242 4242").as_deref(),
            Some("4242424242424242")
        );
        assert_eq!(card_digits(" 4000 "), Some("4000".into()));
        assert_eq!(card_digits("4242.4242"), None);
        assert_eq!(card_digits("４２"), None);
        assert_eq!(card_digits(" - "), None);
        assert_eq!(card_digits(""), None);
    }

    #[test]
    fn brands_follow_the_leading_digits() {
        assert_eq!(card_brand("4242424242424242"), "visa");
        assert_eq!(card_brand("5105105105105100"), "mastercard");
        assert_eq!(card_brand("5555555555554444"), "mastercard");
        assert_eq!(card_brand("2221000000000009"), "mastercard");
        assert_eq!(card_brand("2720990000000000"), "mastercard");
        assert_eq!(card_brand("2200000000000004"), "mir");
        assert_eq!(card_brand("2204990000000000"), "mir");
        assert_eq!(card_brand("2210000000000000"), "card");
        assert_eq!(card_brand("378282246310005"), "amex");
        assert_eq!(card_brand("340000000000009"), "amex");
        assert_eq!(card_brand("5610591081018250"), "card");
        assert_eq!(card_brand("6011111111111117"), "card");
        assert_eq!(card_brand("2"), "card");
    }

    #[test]
    fn debug_never_shows_the_number_or_cvc() {
        let card = CardInput {
            card_number: "4242424242424242".into(),
            exp_month: 12,
            exp_year: 2099,
            cvc: "987".into(),
        };
        let shown = format!("{card:?} {card:#?}");
        assert!(!shown.contains("4242"), "{shown}");
        assert!(!shown.contains("987"), "{shown}");
        assert!(shown.contains("2099"));
    }

    #[test]
    fn replies_from_outside_are_checked() {
        let ok = ChargeResult {
            id: " ch_1 ".into(),
            status: ChargeStatus::Succeeded,
            decline_code: None,
        };
        assert_eq!(validated(ok).unwrap().id, "ch_1");
        let declined = ChargeResult {
            id: "ch_2".into(),
            status: ChargeStatus::Declined,
            decline_code: Some("card_declined".into()),
        };
        assert!(validated(declined.clone()).is_ok());
        let bad = [
            ChargeResult {
                id: " ".into(),
                ..declined.clone()
            },
            ChargeResult {
                id: "x".repeat(101),
                ..declined.clone()
            },
            ChargeResult {
                id: "ch\n3".into(),
                ..declined.clone()
            },
            ChargeResult {
                decline_code: None,
                ..declined.clone()
            },
            ChargeResult {
                decline_code: Some("Card <b>declined</b>".into()),
                ..declined.clone()
            },
            ChargeResult {
                decline_code: Some("x".repeat(65)),
                ..declined.clone()
            },
            ChargeResult {
                status: ChargeStatus::Succeeded,
                ..declined.clone()
            },
        ];
        for r in bad {
            assert!(
                matches!(validated(r.clone()), Err(GatewayError::Refused(_))),
                "{r:?}"
            );
        }
    }

    #[test]
    fn charge_results_use_the_wire_names() {
        let r = ChargeResult {
            id: "ch_000001".into(),
            status: ChargeStatus::Succeeded,
            decline_code: None,
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({"id": "ch_000001", "status": "succeeded", "decline_code": null})
        );
    }
}
