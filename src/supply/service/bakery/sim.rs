//! The bakery simulator: bakes one cookie per idempotency key from the fixture fortunes, and
//! misbehaves on purpose (latency, 500s, "commit then drop the reply") as its faults say.
//! Used in process as the default bakery and behind `bakery-sim` over HTTP.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::{Bakery, BakeryError, Cookie, fortunes};

/// Fault injection. Rates are shares of requests between 0 and 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    pub latency_ms: u64,
    /// Share of requests answered 500 without baking.
    pub error_rate: f64,
    /// Share of requests that bake (commit) and then lose the reply.
    pub drop_rate: f64,
    /// The next this-many requests fail with 500 whatever the rates (scripted outages).
    pub fail_next: u32,
}

/// One request being handled; dropping it (answered, or the caller gone) ends the visit.
pub struct Visit<'a> {
    sim: &'a BakerySim,
    key: String,
}

impl Drop for Visit<'_> {
    fn drop(&mut self) {
        if let Some(n) = self.sim.state().in_flight.get_mut(&self.key) {
            *n = n.saturating_sub(1);
        }
    }
}

/// What the simulator does with one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Baked(Cookie),
    /// The cookie was baked and recorded, but the reply is lost on the way.
    Dropped(Cookie),
    ServerError,
    /// The key was used before for another order.
    Conflict,
}

struct State {
    faults: Faults,
    rng: StdRng,
    baked: HashMap<String, (String, Cookie)>,
    requests: Vec<String>,
    /// Requests per key as they arrive (before any latency), and those not answered yet.
    arrivals: HashMap<String, u32>,
    in_flight: HashMap<String, u32>,
    max_in_flight_per_key: u32,
}

pub struct BakerySim {
    state: Mutex<State>,
    fortunes: Vec<&'static str>,
}

impl BakerySim {
    pub fn new(faults: Faults, seed: u64) -> BakerySim {
        BakerySim {
            state: Mutex::new(State {
                faults,
                rng: StdRng::seed_from_u64(seed),
                baked: HashMap::new(),
                requests: Vec::new(),
                arrivals: HashMap::new(),
                in_flight: HashMap::new(),
                max_in_flight_per_key: 0,
            }),
            fortunes: fortunes(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Changes the faults of a running simulator (tests script outages and recoveries).
    pub fn set_faults(&self, faults: Faults) {
        self.state().faults = faults;
    }

    /// Every idempotency key received, in order (tests check retries reuse the key).
    pub fn requests(&self) -> Vec<String> {
        self.state().requests.clone()
    }

    /// Notes a request for `key` arriving (the server calls it before its latency); the
    /// visit counts as in flight until dropped.
    pub fn arrive(&self, key: &str) -> Visit<'_> {
        let mut s = self.state();
        *s.arrivals.entry(key.to_string()).or_default() += 1;
        let now = {
            let n = s.in_flight.entry(key.to_string()).or_default();
            *n += 1;
            *n
        };
        s.max_in_flight_per_key = s.max_in_flight_per_key.max(now);
        Visit {
            sim: self,
            key: key.to_string(),
        }
    }

    /// Requests that arrived per key, answered or not (a caller may have given up waiting).
    pub fn arrivals(&self) -> HashMap<String, u32> {
        self.state().arrivals.clone()
    }

    /// The most requests for one key the bakery was ever handling at once.
    pub fn max_in_flight_per_key(&self) -> u32 {
        self.state().max_in_flight_per_key
    }

    /// How many distinct cookies were baked.
    pub fn baked(&self) -> usize {
        self.state().baked.len()
    }

    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.state().faults.latency_ms)
    }

    /// Handles one request for `key` and `order_ref`.
    pub fn handle(&self, key: &str, order_ref: &str) -> Reply {
        let mut s = self.state();
        s.requests.push(key.to_string());
        if s.faults.fail_next > 0 {
            s.faults.fail_next -= 1;
            return Reply::ServerError;
        }
        let roll: f64 = s.rng.random();
        if roll < s.faults.error_rate {
            return Reply::ServerError;
        }
        let drop = s.rng.random::<f64>() < s.faults.drop_rate;
        let cookie = match s.baked.get(key) {
            Some((known_ref, _)) if known_ref != order_ref => return Reply::Conflict,
            Some((_, cookie)) => cookie.clone(),
            None => {
                let number = s.baked.len() + 1;
                let text = self.fortunes[s.rng.random_range(0..self.fortunes.len())];
                let cookie = Cookie {
                    id: format!("ck-{number:06}"),
                    prediction: text.to_string(),
                };
                s.baked
                    .insert(key.to_string(), (order_ref.to_string(), cookie.clone()));
                cookie
            }
        };
        if drop {
            Reply::Dropped(cookie)
        } else {
            Reply::Baked(cookie)
        }
    }
}

impl Bakery for BakerySim {
    fn bake(&self, idempotency_key: &str, order_ref: &str) -> Result<Cookie, BakeryError> {
        match self.handle(idempotency_key, order_ref) {
            Reply::Baked(cookie) => Ok(cookie),
            Reply::Dropped(_) => Err(BakeryError::Unavailable("reply lost".into())),
            Reply::ServerError => Err(BakeryError::Unavailable("500".into())),
            Reply::Conflict => Err(BakeryError::Refused("409 key reused".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_key_gets_the_same_cookie() {
        let sim = BakerySim::new(Faults::default(), 1);
        let a = sim.bake("order-1", "order-1").unwrap();
        let b = sim.bake("order-1", "order-1").unwrap();
        assert_eq!(a, b);
        assert_eq!(sim.baked(), 1);
        assert_eq!(
            sim.bake("order-1", "order-2"),
            Err(BakeryError::Refused("409 key reused".into()))
        );
    }

    #[test]
    fn a_dropped_reply_still_bakes_once() {
        let sim = BakerySim::new(
            Faults {
                drop_rate: 1.0,
                ..Faults::default()
            },
            1,
        );
        assert!(sim.bake("k", "r").is_err());
        sim.set_faults(Faults::default());
        assert!(sim.bake("k", "r").is_ok());
        assert_eq!(sim.baked(), 1);
    }

    #[test]
    fn scripted_outages_fail_then_recover() {
        let sim = BakerySim::new(
            Faults {
                fail_next: 2,
                ..Faults::default()
            },
            1,
        );
        assert!(sim.bake("k", "r").is_err());
        assert!(sim.bake("k", "r").is_err());
        assert!(sim.bake("k", "r").is_ok());
        assert_eq!(sim.requests(), vec!["k", "k", "k"]);
    }
}
