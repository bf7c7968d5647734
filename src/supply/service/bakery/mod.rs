//! The fortune cookie bakery, an outside supplier: one trait with an HTTP client, the
//! in-process simulator (the embedded default) and the same simulator served over HTTP
//! (`bakery-sim`) so tests cross a real network.

mod http;
pub mod server;
pub mod sim;

use std::sync::Arc;
use std::time::Duration;

pub use http::HttpBakery;
pub use sim::{BakerySim, Faults};

/// The fortunes the simulator bakes and the app falls back on when the bakery stays down.
pub fn fortunes() -> Vec<&'static str> {
    include_str!("../../../../fixtures/fortunes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    pub id: String,
    pub prediction: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BakeryError {
    /// Down, slow, a 5xx or a lost reply: the outcome is unknown, so retry with the same key.
    #[error("bakery unavailable: {0}")]
    Unavailable(String),
    /// The bakery refused the request (4xx) or answered with something we cannot use.
    #[error("bakery refused: {0}")]
    Refused(String),
}

/// Asks for one cookie for an order; the same key always means the same cookie.
pub trait Bakery: Send + Sync {
    fn bake(&self, idempotency_key: &str, order_ref: &str) -> Result<Cookie, BakeryError>;
}

pub type SharedBakery = Arc<dyn Bakery>;

/// The HTTP client when a bakery URL is configured, otherwise the in-process simulator.
pub fn from_settings(url: Option<&str>, timeout: Duration) -> SharedBakery {
    match url {
        Some(url) => Arc::new(HttpBakery::new(url, timeout)),
        None => Arc::new(BakerySim::new(Faults::default(), 0)),
    }
}

/// Checks a cookie from outside before it is stored and shown to a worker.
pub fn validated(cookie: Cookie) -> Result<Cookie, BakeryError> {
    let id = cookie.id.trim();
    let prediction = cookie.prediction.trim();
    if id.is_empty() || id.len() > 100 || id.chars().any(char::is_control) {
        return Err(BakeryError::Refused(
            "cookie id missing or malformed".into(),
        ));
    }
    if prediction.is_empty() || prediction.chars().count() > 500 {
        return Err(BakeryError::Refused(
            "prediction missing or too long".into(),
        ));
    }
    Ok(Cookie {
        id: id.to_string(),
        prediction: prediction.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_from_outside_are_checked() {
        let ok = Cookie {
            id: " c-1 ".into(),
            prediction: "Luck".into(),
        };
        assert_eq!(validated(ok).unwrap().id, "c-1");
        let empty = Cookie {
            id: "c".into(),
            prediction: " ".into(),
        };
        assert!(validated(empty).is_err());
        let long = Cookie {
            id: "x".repeat(101),
            prediction: "p".into(),
        };
        assert!(validated(long).is_err());
    }

    #[test]
    fn the_fortune_list_is_not_empty() {
        assert!(fortunes().len() >= 10);
    }
}
