//! The Golden Hat simulator: tokenizes cards (keeping only brand, last4 and how the test card
//! behaves), makes idempotent charges and payouts, and misbehaves on purpose (latency, 500s,
//! "commit then drop the reply") as its faults say. Used in process as the default gateway and
//! behind `golden-hat-sim` over HTTP.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::Datelike;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::journal::{Journal, Record};
use super::{
    CardInput, CardToken, ChargeResult, ChargeStatus, GatewayError, GoldenHat, MoneyRequest,
    card_brand, card_digits, luhn_valid,
};

/// Fault injection for charge and payout POSTs. Rates are shares of requests between 0 and 1.
/// Lookups suffer only latency and `fail_next`; tokenization only latency.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    pub latency_ms: u64,
    /// Share of requests answered 500 without committing anything.
    pub error_rate: f64,
    /// Share of requests that commit and then lose the reply.
    pub drop_rate: f64,
    /// The next this-many requests fail with 500 whatever the rates (scripted outages).
    pub fail_next: u32,
}

/// What the simulator does with one charge or payout POST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Done(ChargeResult),
    /// The charge was made and recorded, but the reply is lost on the way.
    Dropped(ChargeResult),
    ServerError,
    /// 400: the idempotency key is empty or too long.
    BadRequest(String),
    /// 422: unknown token, non-positive amount or another bad parameter.
    Invalid(String),
    /// 409: the key was used before with other parameters.
    Conflict,
}

impl Reply {
    /// What an in-process caller sees: the same as the HTTP client makes of the wire reply.
    pub fn into_result(self) -> Result<ChargeResult, GatewayError> {
        match self {
            Reply::Done(result) => Ok(result),
            Reply::Dropped(_) => Err(GatewayError::Unavailable("reply lost".into())),
            Reply::ServerError => Err(GatewayError::Unavailable("500".into())),
            Reply::BadRequest(message) => Err(GatewayError::Refused(message)),
            Reply::Invalid(message) => Err(GatewayError::Invalid(message)),
            Reply::Conflict => Err(GatewayError::Conflict),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Charge,
    Payout,
}

/// Charges or payouts in the order they were made, found by key.
#[derive(Default)]
struct Ledger {
    entries: Vec<(String, MoneyRequest, ChargeResult)>,
    by_key: HashMap<String, usize>,
    /// The highest id number given out, so ids continue after a replay.
    last_no: u64,
}

impl Ledger {
    fn get(&self, key: &str) -> Option<&(String, MoneyRequest, ChargeResult)> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    fn insert(&mut self, key: String, request: MoneyRequest, result: ChargeResult) {
        if self.by_key.contains_key(&key) {
            return;
        }
        let no = result.id.rsplit('_').next().and_then(|n| n.parse().ok());
        self.last_no = self.last_no.max(no.unwrap_or(0));
        self.by_key.insert(key.clone(), self.entries.len());
        self.entries.push((key, request, result));
    }
}

/// All the simulator knows about a card: never its number.
struct TokenInfo {
    brand: String,
    last4: String,
    decline_code: Option<String>,
}

struct State {
    faults: Faults,
    rng: StdRng,
    tokens: HashMap<String, TokenInfo>,
    charges: Ledger,
    payouts: Ledger,
    requests: Vec<String>,
    journal: Option<Journal>,
}

impl State {
    fn ledger(&mut self, kind: Kind) -> &mut Ledger {
        match kind {
            Kind::Charge => &mut self.charges,
            Kind::Payout => &mut self.payouts,
        }
    }

    /// Writes the record to the journal (if any) and only then into memory: what the
    /// simulator answers it also remembers after a restart.
    fn commit(&mut self, record: Record) -> std::io::Result<()> {
        if let Some(journal) = self.journal.as_mut() {
            journal.append(&record)?;
        }
        self.apply(record);
        Ok(())
    }

    fn apply(&mut self, record: Record) {
        match record {
            Record::Token {
                token,
                brand,
                last4,
                decline_code,
            } => {
                self.tokens.entry(token).or_insert(TokenInfo {
                    brand,
                    last4,
                    decline_code,
                });
            }
            Record::Charge {
                key,
                request,
                result,
            } => self.charges.insert(key, request, result),
            Record::Payout {
                key,
                request,
                result,
            } => self.payouts.insert(key, request, result),
        }
    }
}

pub struct GoldenHatSim {
    state: Mutex<State>,
}

impl GoldenHatSim {
    pub fn new(faults: Faults, seed: u64) -> GoldenHatSim {
        GoldenHatSim {
            state: Mutex::new(State {
                faults,
                rng: StdRng::seed_from_u64(seed),
                tokens: HashMap::new(),
                charges: Ledger::default(),
                payouts: Ledger::default(),
                requests: Vec::new(),
                journal: None,
            }),
        }
    }

    /// A simulator that replays `path` (JSON lines) and appends every new token, charge and
    /// payout to it, so it remembers them across a restart of the app.
    pub fn with_journal(faults: Faults, seed: u64, path: PathBuf) -> std::io::Result<Self> {
        let (journal, records) = Journal::open(&path)?;
        let sim = GoldenHatSim::new(faults, seed);
        {
            let mut s = sim.state();
            for record in records {
                s.apply(record);
            }
            s.journal = Some(journal);
        }
        Ok(sim)
    }

    /// A simulator that knows what the journal at `path` holds but never writes to it: for
    /// `check`, which asks about charges and changes nothing.
    pub fn replaying(path: &std::path::Path) -> std::io::Result<Self> {
        let sim = GoldenHatSim::new(Faults::default(), 0);
        {
            let mut s = sim.state();
            for record in Journal::read(path)? {
                s.apply(record);
            }
        }
        Ok(sim)
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Changes the faults of a running simulator (tests script outages and recoveries).
    pub fn set_faults(&self, faults: Faults) {
        self.state().faults = faults;
    }

    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.state().faults.latency_ms)
    }

    /// Every charge made, in order, with the key and request that made it.
    pub fn charges(&self) -> Vec<(String, MoneyRequest, ChargeResult)> {
        self.state().charges.entries.clone()
    }

    /// Every payout made, in order, with the key and request that made it.
    pub fn payouts(&self) -> Vec<(String, MoneyRequest, ChargeResult)> {
        self.state().payouts.entries.clone()
    }

    /// Every token issued, by token: all the simulator keeps of a card.
    pub fn tokens(&self) -> Vec<CardToken> {
        let mut tokens: Vec<CardToken> = (self.state().tokens.iter())
            .map(|(token, card)| CardToken {
                token: token.clone(),
                brand: card.brand.clone(),
                last4: card.last4.clone(),
            })
            .collect();
        tokens.sort_by(|a, b| a.token.cmp(&b.token));
        tokens
    }

    /// Every key received on charge/payout POSTs, in order (tests check retries reuse the key).
    pub fn requests(&self) -> Vec<String> {
        self.state().requests.clone()
    }

    /// Tokenizes a card; 422 (`Invalid`) when the card is not valid today. `Unavailable`
    /// only when the journal cannot be written.
    pub fn handle_tokenize(&self, card: &CardInput) -> Result<CardToken, GatewayError> {
        let today = chrono::Utc::now().date_naive();
        let digits = check_card(card, today.year(), today.month())?;
        let brand = card_brand(&digits).to_string();
        let last4 = digits[digits.len() - 4..].to_string();
        let decline_code = match digits.as_str() {
            "4000000000000002" => Some("card_declined".to_string()),
            "4000000000009995" => Some("insufficient_funds".to_string()),
            _ => None,
        };
        let mut s = self.state();
        let token = loop {
            // A replayed journal may already hold what a re-seeded generator draws.
            let candidate = format!("tok_{}", hex::encode(s.rng.random::<[u8; 12]>()));
            if !s.tokens.contains_key(&candidate) {
                break candidate;
            }
        };
        s.commit(Record::Token {
            token: token.clone(),
            brand: brand.clone(),
            last4: last4.clone(),
            decline_code,
        })
        .map_err(|_| GatewayError::Unavailable("journal write failed".into()))?;
        Ok(CardToken {
            token,
            brand,
            last4,
        })
    }

    pub fn handle_charge(&self, key: &str, req: &MoneyRequest) -> Reply {
        self.handle_money(Kind::Charge, key, req)
    }

    pub fn handle_payout(&self, key: &str, req: &MoneyRequest) -> Reply {
        self.handle_money(Kind::Payout, key, req)
    }

    /// The charge made with `key`, if any; `Unavailable` while `fail_next` lasts.
    pub fn handle_find_charge(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        self.handle_find(Kind::Charge, key)
    }

    /// The payout made with `key`, if any; `Unavailable` while `fail_next` lasts.
    pub fn handle_find_payout(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        self.handle_find(Kind::Payout, key)
    }

    fn handle_find(&self, kind: Kind, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        let mut s = self.state();
        if s.faults.fail_next > 0 {
            s.faults.fail_next -= 1;
            return Err(GatewayError::Unavailable("500".into()));
        }
        Ok(s.ledger(kind).get(key).map(|(_, _, result)| result.clone()))
    }

    fn handle_money(&self, kind: Kind, key: &str, req: &MoneyRequest) -> Reply {
        if key.is_empty() || key.len() > 200 {
            return Reply::BadRequest("Idempotency-Key required (1 to 200 bytes)".into());
        }
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
        let result = match s.ledger(kind).get(key) {
            // The description is a label, not a parameter of the money movement.
            Some((_, known, _))
                if (&known.token, known.amount_minor, &known.currency)
                    != (&req.token, req.amount_minor, &req.currency) =>
            {
                return Reply::Conflict;
            }
            Some((_, _, result)) => result.clone(),
            None => {
                if let Err(message) = check_request(req) {
                    return Reply::Invalid(message);
                }
                let Some(card) = s.tokens.get(&req.token) else {
                    return Reply::Invalid("unknown token".into());
                };
                let decline_code = card.decline_code.clone();
                let prefix = match kind {
                    Kind::Charge => "ch",
                    Kind::Payout => "po",
                };
                let result = ChargeResult {
                    id: format!("{prefix}_{:06}", s.ledger(kind).last_no + 1),
                    status: if decline_code.is_some() {
                        ChargeStatus::Declined
                    } else {
                        ChargeStatus::Succeeded
                    },
                    decline_code,
                };
                let (key, request) = (key.to_string(), req.clone());
                let record = match kind {
                    Kind::Charge => Record::Charge {
                        key,
                        request,
                        result: result.clone(),
                    },
                    Kind::Payout => Record::Payout {
                        key,
                        request,
                        result: result.clone(),
                    },
                };
                if s.commit(record).is_err() {
                    return Reply::ServerError;
                }
                result
            }
        };
        if drop {
            Reply::Dropped(result)
        } else {
            Reply::Done(result)
        }
    }

    fn pause(&self) {
        let latency = self.latency();
        if !latency.is_zero() {
            std::thread::sleep(latency);
        }
    }
}

/// The card's digits when it could be charged in (`year`, `month`); messages never echo it.
fn check_card(card: &CardInput, year: i32, month: u32) -> Result<String, GatewayError> {
    let invalid = |m: &str| Err(GatewayError::Invalid(m.into()));
    let Some(digits) = card_digits(&card.card_number) else {
        return invalid("card number must be digits");
    };
    if !(12..=19).contains(&digits.len()) {
        return invalid("card number must have 12 to 19 digits");
    }
    if !luhn_valid(&digits) {
        return invalid("card number is not valid");
    }
    if !(1..=12).contains(&card.exp_month) {
        return invalid("expiry month must be 1 to 12");
    }
    // A card is good until the end of its expiry month.
    if (card.exp_year, card.exp_month) < (year, month) {
        return invalid("card has expired");
    }
    if !(3..=4).contains(&card.cvc.len()) || !card.cvc.bytes().all(|b| b.is_ascii_digit()) {
        return invalid("cvc must be 3 or 4 digits");
    }
    Ok(digits)
}

fn check_request(req: &MoneyRequest) -> Result<(), String> {
    if req.amount_minor <= 0 {
        return Err("amount_minor must be greater than 0".into());
    }
    if req.currency.len() != 3 || !req.currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err("currency must be a 3-letter code".into());
    }
    if req.description.chars().count() > 1000 {
        return Err("description longer than 1000 characters".into());
    }
    Ok(())
}

impl GoldenHat for GoldenHatSim {
    fn tokenize(&self, card: &CardInput) -> Result<CardToken, GatewayError> {
        self.pause();
        self.handle_tokenize(card)
    }

    fn charge(&self, key: &str, req: &MoneyRequest) -> Result<ChargeResult, GatewayError> {
        self.pause();
        self.handle_charge(key, req).into_result()
    }

    fn find_charge(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        self.pause();
        self.handle_find_charge(key)
    }

    fn payout(&self, key: &str, req: &MoneyRequest) -> Result<ChargeResult, GatewayError> {
        self.pause();
        self.handle_payout(key, req).into_result()
    }

    fn find_payout(&self, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        self.pause();
        self.handle_find_payout(key)
    }
}

#[cfg(test)]
mod tests;
