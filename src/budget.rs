//! Request budgets: how fast one client address or one account may call the expensive
//! endpoints. Each key keeps a single time, when its budget would be whole again (the
//! generic cell rate algorithm, a token bucket written as one timestamp), so a key costs a few
//! dozen bytes and a whole budget may be spent in a burst. Memory only: one process serves the
//! app. Time comes from the caller (the app's clock), so tests refill a budget by moving the
//! clock. A key whose budget is whole again is the same as no key, so idle keys are dropped.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// Whose budget a request spends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A client address; IPv6 by its /64 network, which one host usually holds whole (so it
    /// cannot pick a fresh address for each request).
    Address(String),
    Account(i64),
}

impl Key {
    pub fn address(address: &str) -> Key {
        Key::Address(match parse_ip(address) {
            Some(IpAddr::V4(ip)) => ip.to_string(),
            Some(IpAddr::V6(ip)) => {
                let network = u128::from(ip) & !((1u128 << 64) - 1);
                format!("{}/64", std::net::Ipv6Addr::from(network))
            }
            None => address.chars().take(64).collect(),
        })
    }
}

/// A client address as `client_ip` gives it: an IP, possibly with a port or in brackets.
fn parse_ip(address: &str) -> Option<IpAddr> {
    let ip = address.parse::<IpAddr>().ok().or_else(|| {
        let socket = address.parse::<std::net::SocketAddr>().ok()?;
        Some(socket.ip())
    })?;
    Some(ip.to_canonical())
}

/// Keys remembered at most: with keys dropped a minute after their last request, this many
/// clients active within one minute is an attack, and newcomers wait for a place.
const MAX_KEYS: usize = 100_000;
/// A budget is this much time's worth of requests.
const WINDOW: chrono::Duration = chrono::Duration::minutes(1);

#[derive(Default)]
pub struct Budgets {
    table: Mutex<Table>,
}

#[derive(Default)]
struct Table {
    /// When each key's budget is whole again; only keys that spent some within the window.
    whole_at: HashMap<Key, DateTime<Utc>>,
    swept_at: Option<DateTime<Utc>>,
}

impl Budgets {
    /// Spends one request from the budget of each key (each allowing `per_minute`), from all
    /// of them or, when one has nothing left, from none. `Err` says when to try again.
    pub fn spend(&self, keys: &[(Key, u32)], now: DateTime<Utc>) -> Result<(), Duration> {
        let mut table = self.table.lock().unwrap_or_else(|e| e.into_inner());
        table.sweep(now);
        let mut spent = Vec::with_capacity(keys.len());
        let mut wait = chrono::Duration::zero();
        for (key, per_minute) in keys {
            let per_request = WINDOW / i32::try_from((*per_minute).max(1)).unwrap_or(i32::MAX);
            let whole_at = table.whole_at.get(key).copied().unwrap_or(now).max(now);
            let after = whole_at + per_request;
            if after - now > WINDOW {
                wait = wait.max(after - now - WINDOW);
            } else {
                spent.push((key, after));
            }
        }
        let newcomers = spent
            .iter()
            .filter(|(key, _)| !table.whole_at.contains_key(key))
            .count();
        if wait.is_zero() && table.whole_at.len() + newcomers > MAX_KEYS {
            wait = WINDOW;
        }
        if !wait.is_zero() {
            return Err(wait.to_std().unwrap_or(Duration::from_secs(1)));
        }
        for (key, after) in spent {
            table.whole_at.insert(key.clone(), after);
        }
        Ok(())
    }

    /// Keys remembered now (for tests of the memory bound).
    pub fn len(&self) -> usize {
        let table = self.table.lock().unwrap_or_else(|e| e.into_inner());
        table.whole_at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Table {
    /// Drops the keys whose budget is whole again: once a minute, or once a second while the
    /// table is full (never on every request, which would make a full table costly).
    fn sweep(&mut self, now: DateTime<Utc>) {
        let since = self.swept_at.map(|at| now - at);
        let due = match since {
            None => true,
            Some(since) if self.whole_at.len() >= MAX_KEYS => since >= chrono::Duration::seconds(1),
            Some(since) => since >= WINDOW,
        };
        if due {
            self.whole_at.retain(|_, whole_at| *whole_at > now);
            self.swept_at = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + chrono::Duration::seconds(seconds)
    }

    #[test]
    fn a_budget_is_spent_in_a_burst_and_comes_back_with_time() {
        let budgets = Budgets::default();
        let key = [(Key::Account(1), 6)];
        for _ in 0..6 {
            budgets.spend(&key, at(0)).unwrap();
        }
        let wait = budgets.spend(&key, at(0)).unwrap_err();
        assert_eq!(
            wait,
            Duration::from_secs(10),
            "one request every 10 s comes back"
        );
        assert!(budgets.spend(&key, at(9)).is_err());
        budgets.spend(&key, at(10)).unwrap();
        assert!(budgets.spend(&key, at(10)).is_err());
        for _ in 0..6 {
            budgets.spend(&key, at(70)).unwrap();
        }
    }

    #[test]
    fn a_request_spends_from_every_key_or_from_none() {
        let budgets = Budgets::default();
        let (address, account) = (Key::address("10.0.0.1"), Key::Account(1));
        budgets.spend(&[(account.clone(), 1)], at(0)).unwrap();
        assert!(
            budgets
                .spend(&[(address.clone(), 1), (account, 1)], at(0))
                .is_err()
        );
        budgets.spend(&[(address, 1)], at(0)).unwrap();
    }

    #[test]
    fn an_ipv6_host_is_one_key_for_its_whole_network() {
        assert_eq!(
            Key::address("2001:db8:1:2::1"),
            Key::address("[2001:db8:1:2:ffff::9]:443")
        );
        assert_ne!(
            Key::address("2001:db8:1:2::1"),
            Key::address("2001:db8:1:3::1")
        );
        assert_eq!(Key::address("::ffff:10.0.0.1"), Key::address("10.0.0.1"));
        assert_eq!(Key::address("unknown"), Key::Address("unknown".into()));
    }

    #[test]
    fn idle_keys_are_forgotten_and_a_full_table_turns_newcomers_away() {
        let budgets = Budgets::default();
        for n in 0..MAX_KEYS {
            budgets
                .spend(&[(Key::Account(n as i64), 60)], at(0))
                .unwrap();
        }
        assert!(budgets.spend(&[(Key::Account(-1), 60)], at(0)).is_err());
        budgets.spend(&[(Key::Account(7), 60)], at(0)).unwrap();
        // A minute later every budget is whole again: the keys go, a newcomer gets in.
        budgets.spend(&[(Key::Account(-1), 60)], at(60)).unwrap();
        assert_eq!(budgets.len(), 1);
    }
}
