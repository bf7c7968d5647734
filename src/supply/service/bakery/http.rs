//! The bakery over HTTP: `POST /v1/cookies` with an `Idempotency-Key`, a timeout on every
//! call, and replies checked before use. Blocking: the packing job runs off the executor.

use std::sync::OnceLock;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Bakery, BakeryError, Cookie, validated};

pub struct HttpBakery {
    base_url: String,
    timeout: Duration,
    // Built on first use, on a blocking thread (reqwest's blocking client may not be
    // created on the async executor).
    client: OnceLock<reqwest::blocking::Client>,
}

#[derive(Serialize)]
struct CookieRequest<'a> {
    order_ref: &'a str,
}

#[derive(Deserialize)]
struct CookieReply {
    id: String,
    prediction: String,
}

impl HttpBakery {
    pub fn new(base_url: &str, timeout: Duration) -> HttpBakery {
        HttpBakery {
            base_url: base_url.trim_end_matches('/').to_string(),
            timeout,
            client: OnceLock::new(),
        }
    }

    fn client(&self) -> Result<&reqwest::blocking::Client, BakeryError> {
        if let Some(client) = self.client.get() {
            return Ok(client);
        }
        let client = reqwest::blocking::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.timeout)
            .build()
            .map_err(|e| BakeryError::Unavailable(e.to_string()))?;
        Ok(self.client.get_or_init(|| client))
    }
}

impl Bakery for HttpBakery {
    fn bake(&self, idempotency_key: &str, order_ref: &str) -> Result<Cookie, BakeryError> {
        let response = self
            .client()?
            .post(format!("{}/v1/cookies", self.base_url))
            .header("Idempotency-Key", idempotency_key)
            .json(&CookieRequest { order_ref })
            .send()
            .map_err(|e| BakeryError::Unavailable(e.without_url().to_string()))?;
        let status = response.status();
        if status.is_server_error() {
            return Err(BakeryError::Unavailable(format!("status {status}")));
        }
        if !status.is_success() {
            return Err(BakeryError::Refused(format!("status {status}")));
        }
        // A body cut short is a lost reply: the cookie may exist, so the retry asks again.
        let reply: CookieReply = response
            .json()
            .map_err(|e| BakeryError::Unavailable(format!("reply unreadable: {e}")))?;
        validated(Cookie {
            id: reply.id,
            prediction: reply.prediction,
        })
    }
}
