//! The gateway over HTTP: tokens, charges and payouts with an `Idempotency-Key`, lookups by
//! key, a timeout on every call, and replies checked before use. Blocking: callers run it
//! off the executor. The card number only ever travels in a request body, which neither
//! reqwest's errors nor ours repeat.

use std::io::Read;
use std::sync::OnceLock;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{CardInput, CardToken, ChargeResult, GatewayError, GoldenHat, MoneyRequest, validated};

pub struct HttpGoldenHat {
    base_url: String,
    timeout: Duration,
    // Built on first use, on a blocking thread (reqwest's blocking client may not be
    // created on the async executor).
    client: OnceLock<Client>,
}

#[derive(Serialize)]
struct TokenRequest<'a> {
    card_number: &'a str,
    exp_month: u32,
    exp_year: i32,
    cvc: &'a str,
}

#[derive(Deserialize)]
struct ErrorReply {
    error: String,
}

impl HttpGoldenHat {
    pub fn new(base_url: &str, timeout: Duration) -> HttpGoldenHat {
        HttpGoldenHat {
            base_url: base_url.trim_end_matches('/').to_string(),
            timeout,
            client: OnceLock::new(),
        }
    }

    fn client(&self) -> Result<&Client, GatewayError> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let client = Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.timeout)
            .build()
            .map_err(|e| GatewayError::Unavailable(e.without_url().to_string()))?;
        Ok(self.client.get_or_init(|| client))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn post_money(
        &self,
        path: &str,
        key: &str,
        req: &MoneyRequest,
    ) -> Result<ChargeResult, GatewayError> {
        let request = self
            .client()?
            .post(self.url(path))
            .header("Idempotency-Key", key)
            .json(req);
        let reply: ChargeResult = read(send(request)?)?;
        validated(reply)
    }

    fn find(&self, path: &str, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        let request = self
            .client()?
            .get(self.url(path))
            .query(&[("idempotency_key", key)]);
        let response = send(request)?;
        if response.status() == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let reply: ChargeResult = read(response)?;
        validated(reply).map(Some)
    }
}

impl GoldenHat for HttpGoldenHat {
    fn tokenize(&self, card: &CardInput) -> Result<CardToken, GatewayError> {
        let request = self
            .client()?
            .post(self.url("/v1/tokens"))
            .json(&TokenRequest {
                card_number: &card.card_number,
                exp_month: card.exp_month,
                exp_year: card.exp_year,
                cvc: &card.cvc,
            });
        validated_token(read(send(request)?)?)
    }

    fn charge(&self, key: &str, req: &MoneyRequest) -> Result<ChargeResult, GatewayError> {
        self.post_money("/v1/charges", key, req)
    }

    fn find_charge(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        self.find("/v1/charges", key)
    }

    fn payout(&self, key: &str, req: &MoneyRequest) -> Result<ChargeResult, GatewayError> {
        self.post_money("/v1/payouts", key, req)
    }

    fn find_payout(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        self.find("/v1/payouts", key)
    }
}

/// Sends the request: a request that never left (e.g. a key that is no valid header) is
/// refused; anything on the way (connect, timeout) leaves the outcome unknown.
fn send(request: RequestBuilder) -> Result<Response, GatewayError> {
    request.send().map_err(|e| {
        if e.is_builder() {
            GatewayError::Refused("request could not be built".into())
        } else if e.is_timeout() {
            GatewayError::Unavailable("timed out".into())
        } else if e.is_connect() {
            GatewayError::Unavailable("could not connect".into())
        } else {
            GatewayError::Unavailable(e.without_url().to_string())
        }
    })
}

/// A success body as `T`, or the error its status stands for.
fn read<T: DeserializeOwned>(response: Response) -> Result<T, GatewayError> {
    let status = response.status();
    if status.is_server_error() {
        return Err(GatewayError::Unavailable(format!("status {status}")));
    }
    match status {
        StatusCode::UNPROCESSABLE_ENTITY => Err(GatewayError::Invalid(safe_message(response))),
        StatusCode::CONFLICT => Err(GatewayError::Conflict),
        s if s.is_success() => response
            .json()
            // A body cut short is a lost reply: the charge may exist, so ask for the key.
            .map_err(|e| {
                GatewayError::Unavailable(format!("reply unreadable: {}", e.without_url()))
            }),
        s => Err(GatewayError::Refused(format!("status {s}"))),
    }
}

/// The `error` of a 422 body, fit to show a user: bounded, one line, and without anything
/// that could be a card number (it comes from outside, so it is not trusted to be clean).
fn safe_message(response: Response) -> String {
    const FALLBACK: &str = "the gateway rejected the details";
    let mut body = Vec::new();
    if response.take(16 * 1024).read_to_end(&mut body).is_err() {
        return FALLBACK.into();
    }
    let Ok(reply) = serde_json::from_slice::<ErrorReply>(&body) else {
        return FALLBACK.into();
    };
    clean_message(&reply.error).unwrap_or_else(|| FALLBACK.into())
}

fn clean_message(message: &str) -> Option<String> {
    let message = message.trim();
    let digits = message.bytes().filter(u8::is_ascii_digit).count();
    let plausible = !message.is_empty()
        && message.chars().count() <= 200
        && !message.chars().any(char::is_control)
        && digits < 8;
    plausible.then(|| message.to_string())
}

/// Checks a token reply before it is stored against a client.
fn validated_token(token: CardToken) -> Result<CardToken, GatewayError> {
    let refuse = |what: &str| {
        Err(GatewayError::Refused(format!(
            "{what} missing or malformed"
        )))
    };
    let id = token.token.trim();
    if id.is_empty() || id.len() > 100 || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return refuse("token");
    }
    let brand = token.brand.trim();
    if brand.is_empty()
        || brand.len() > 30
        || !brand
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return refuse("brand");
    }
    if token.last4.len() != 4 || !token.last4.bytes().all(|b| b.is_ascii_digit()) {
        return refuse("last4");
    }
    Ok(CardToken {
        token: id.to_string(),
        brand: brand.to_string(),
        last4: token.last4,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_from_outside_are_cleaned() {
        assert_eq!(
            clean_message(" card has expired ").as_deref(),
            Some("card has expired")
        );
        assert_eq!(clean_message("card 4242 4242 4242 4242 is not valid"), None);
        assert_eq!(clean_message("line\nbreak"), None);
        assert_eq!(clean_message(&"x".repeat(201)), None);
        assert_eq!(clean_message(""), None);
    }

    #[test]
    fn token_replies_are_checked() {
        let ok = CardToken {
            token: "tok_abc".into(),
            brand: "visa".into(),
            last4: "4242".into(),
        };
        assert_eq!(validated_token(ok.clone()), Ok(ok.clone()));
        for bad in [
            CardToken {
                token: "".into(),
                ..ok.clone()
            },
            CardToken {
                brand: "<script>".into(),
                ..ok.clone()
            },
            CardToken {
                last4: "4242424242424242".into(),
                ..ok.clone()
            },
        ] {
            assert!(validated_token(bad).is_err());
        }
    }

    #[test]
    fn the_wire_names_match_the_server() {
        let card = TokenRequest {
            card_number: "4242424242424242",
            exp_month: 12,
            exp_year: 2099,
            cvc: "123",
        };
        let json = serde_json::to_value(&card).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["card_number", "cvc", "exp_month", "exp_year"]);
        let money = MoneyRequest {
            token: "tok_1".into(),
            amount_minor: 100,
            currency: "EUR".into(),
            description: "d".into(),
        };
        let json = serde_json::to_value(&money).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["amount_minor", "currency", "description", "token"]);
    }
}
