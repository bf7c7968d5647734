//! The simulator's protocol in process: card checks, test cards, idempotency per key,
//! faults, lookups and the journal across a restart.

use super::*;

const VISA_OK: &str = "4242 4242 4242 4242";
const DECLINED: &str = "4000 0000 0000 0002";
const NO_FUNDS: &str = "4000-0000-0000-9995";

fn card(number: &str) -> CardInput {
    CardInput {
        card_number: number.into(),
        exp_month: 12,
        exp_year: chrono::Utc::now().year() + 2,
        cvc: "123".into(),
    }
}

fn money(token: &str, amount_minor: i64) -> MoneyRequest {
    MoneyRequest {
        token: token.into(),
        amount_minor,
        currency: "EUR".into(),
        description: "Cat sitting, order 7".into(),
    }
}

fn sim() -> GoldenHatSim {
    GoldenHatSim::new(Faults::default(), 7)
}

fn token(sim: &GoldenHatSim, number: &str) -> String {
    sim.tokenize(&card(number)).unwrap().token
}

#[test]
fn tokens_keep_brand_and_last4_only() {
    let sim = sim();
    let a = sim.tokenize(&card(VISA_OK)).unwrap();
    assert_eq!((a.brand.as_str(), a.last4.as_str()), ("visa", "4242"));
    let hex = a.token.strip_prefix("tok_").unwrap();
    assert_eq!(hex.len(), 24);
    assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()));
    let b = sim.tokenize(&card("5555555555554444")).unwrap();
    assert_eq!((b.brand.as_str(), b.last4.as_str()), ("mastercard", "4444"));
    assert_ne!(a.token, b.token);
    let mut kept = vec![a, b];
    kept.sort_by(|x, y| x.token.cmp(&y.token));
    assert_eq!(sim.tokens(), kept);
}

#[test]
fn invalid_cards_are_422_and_never_echo_the_number() {
    // A fixed "today" of June 2030; the base card expires in December 2031.
    let at = |c: &CardInput| check_card(c, 2030, 6);
    let good = CardInput {
        exp_year: 2031,
        ..card(VISA_OK)
    };
    assert!(at(&good).is_ok());
    let cases = [
        CardInput {
            card_number: "4242 4242 4242 424x".into(),
            ..good.clone()
        },
        CardInput {
            card_number: "42424242424".into(),
            ..good.clone()
        },
        CardInput {
            card_number: "4242424242424242".repeat(2),
            ..good.clone()
        },
        CardInput {
            card_number: "4242424242424241".into(),
            ..good.clone()
        },
        CardInput {
            exp_month: 0,
            ..good.clone()
        },
        CardInput {
            exp_month: 13,
            ..good.clone()
        },
        CardInput {
            exp_year: 2029,
            exp_month: 12,
            ..good.clone()
        },
        CardInput {
            exp_year: 2030,
            exp_month: 5,
            ..good.clone()
        },
        CardInput {
            cvc: "12".into(),
            ..good.clone()
        },
        CardInput {
            cvc: "12345".into(),
            ..good.clone()
        },
        CardInput {
            cvc: "12a".into(),
            ..good.clone()
        },
    ];
    for c in cases {
        match at(&c) {
            Err(GatewayError::Invalid(m)) => assert!(!m.contains("4242"), "{m}"),
            other => panic!("{c:?} gave {other:?}"),
        }
    }
    // Good until the end of the expiry month; four-digit cvcs (amex) are fine.
    let this_month = CardInput {
        exp_year: 2030,
        exp_month: 6,
        cvc: "1234".into(),
        ..good.clone()
    };
    assert!(at(&this_month).is_ok());
    // Against the wall clock.
    let sim = sim();
    let expired = CardInput {
        exp_year: chrono::Utc::now().year() - 1,
        ..card(VISA_OK)
    };
    assert!(matches!(
        sim.tokenize(&expired),
        Err(GatewayError::Invalid(_))
    ));
}

#[test]
fn each_test_card_behaves_as_documented() {
    let sim = sim();
    let cases = [
        (VISA_OK, ChargeStatus::Succeeded, None),
        (DECLINED, ChargeStatus::Declined, Some("card_declined")),
        (NO_FUNDS, ChargeStatus::Declined, Some("insufficient_funds")),
        ("5555555555554444", ChargeStatus::Succeeded, None),
    ];
    for (i, (number, status, code)) in cases.into_iter().enumerate() {
        let t = token(&sim, number);
        let r = sim.charge(&format!("c{i}"), &money(&t, 500)).unwrap();
        assert_eq!(
            (r.status, r.decline_code.as_deref()),
            (status, code),
            "{number}"
        );
        let p = sim.payout(&format!("p{i}"), &money(&t, 500)).unwrap();
        assert_eq!(
            (p.status, p.decline_code.as_deref()),
            (status, code),
            "{number}"
        );
    }
}

#[test]
fn one_key_one_charge_and_other_parameters_conflict() {
    let sim = sim();
    let t = token(&sim, VISA_OK);
    let other = token(&sim, "5555555555554444");
    let first = sim.charge("order-1", &money(&t, 1500)).unwrap();
    assert_eq!(first.id, "ch_000001");
    assert_eq!(sim.charge("order-1", &money(&t, 1500)).unwrap(), first);
    let relabelled = MoneyRequest {
        description: "another label".into(),
        ..money(&t, 1500)
    };
    assert_eq!(sim.charge("order-1", &relabelled).unwrap(), first);
    let conflicts = [
        money(&t, 1501),
        money(&other, 1500),
        MoneyRequest {
            currency: "USD".into(),
            ..money(&t, 1500)
        },
    ];
    for req in conflicts {
        assert_eq!(sim.charge("order-1", &req), Err(GatewayError::Conflict));
    }
    assert_eq!(sim.charges().len(), 1);
    assert_eq!(sim.requests().len(), 6);
}

#[test]
fn bad_requests_are_refused_and_not_stored() {
    let sim = sim();
    let t = token(&sim, VISA_OK);
    for req in [
        money("tok_unknown", 100),
        money(&t, 0),
        money(&t, -5),
        MoneyRequest {
            currency: "EURO".into(),
            ..money(&t, 100)
        },
    ] {
        assert!(matches!(
            sim.charge("k", &req),
            Err(GatewayError::Invalid(_))
        ));
        assert!(matches!(
            sim.payout("k", &req),
            Err(GatewayError::Invalid(_))
        ));
    }
    assert!(matches!(
        sim.charge("", &money(&t, 100)),
        Err(GatewayError::Refused(_))
    ));
    assert!(sim.charges().is_empty() && sim.payouts().is_empty());
    // The key is still free for a good request.
    assert!(sim.charge("k", &money(&t, 100)).is_ok());
}

#[test]
fn a_dropped_reply_still_charges_once() {
    let sim = sim();
    let t = token(&sim, VISA_OK);
    sim.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    assert_eq!(
        sim.charge("k", &money(&t, 900)),
        Err(GatewayError::Unavailable("reply lost".into()))
    );
    assert_eq!(sim.charges().len(), 1);
    sim.set_faults(Faults::default());
    let found = sim.find_charge("k").unwrap().unwrap();
    assert_eq!(sim.charge("k", &money(&t, 900)).unwrap(), found);
    assert_eq!(sim.charges().len(), 1);
}

#[test]
fn server_errors_commit_nothing() {
    let sim = sim();
    let t = token(&sim, VISA_OK);
    sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    assert!(matches!(
        sim.charge("k", &money(&t, 900)),
        Err(GatewayError::Unavailable(_))
    ));
    assert!(sim.charges().is_empty());
    // Tokenization and lookups are not hit by the rates.
    assert!(sim.tokenize(&card(VISA_OK)).is_ok());
    assert_eq!(sim.find_charge("k"), Ok(None));
}

#[test]
fn scripted_outages_fail_then_recover() {
    let sim = GoldenHatSim::new(
        Faults {
            fail_next: 3,
            ..Faults::default()
        },
        1,
    );
    let t = token(&sim, VISA_OK);
    assert!(sim.charge("k", &money(&t, 100)).is_err());
    assert!(sim.payout("k", &money(&t, 100)).is_err());
    assert!(sim.find_charge("k").is_err());
    assert!(sim.charge("k", &money(&t, 100)).is_ok());
    assert_eq!(sim.requests(), vec!["k", "k", "k"]);
}

#[test]
fn charges_and_payouts_are_separate_namespaces() {
    let sim = sim();
    let t = token(&sim, VISA_OK);
    let c = sim.charge("same-key", &money(&t, 100)).unwrap();
    let p = sim.payout("same-key", &money(&t, 70)).unwrap();
    assert_eq!((c.id.as_str(), p.id.as_str()), ("ch_000001", "po_000001"));
    assert_eq!(sim.find_charge("same-key"), Ok(Some(c)));
    assert_eq!(sim.find_payout("same-key"), Ok(Some(p)));
    assert_eq!(sim.find_charge("other"), Ok(None));
    assert_eq!(sim.find_payout("other"), Ok(None));
    assert_eq!(sim.payouts()[0].1.amount_minor, 70);
}

#[test]
fn the_journal_remembers_across_a_restart_without_card_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("golden-hat.jsonl");
    let (t, declined, charge, payout) = {
        let sim = GoldenHatSim::with_journal(Faults::default(), 1, path.clone()).unwrap();
        let t = token(&sim, VISA_OK);
        let declined = token(&sim, DECLINED);
        let charge = sim.charge("c1", &money(&t, 100)).unwrap();
        let payout = sim.payout("p1", &money(&t, 80)).unwrap();
        (t, declined, charge, payout)
    };
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(!text.contains("4242424242424242") && !text.contains("4000000000000002"));

    // Same seed: the generator draws the replayed tokens again and must skip them.
    let sim = GoldenHatSim::with_journal(Faults::default(), 1, path.clone()).unwrap();
    assert_eq!(sim.charge("c1", &money(&t, 100)).unwrap(), charge);
    assert_eq!(
        sim.charge("c1", &money(&t, 101)),
        Err(GatewayError::Conflict)
    );
    assert_eq!(sim.find_payout("p1"), Ok(Some(payout)));
    let next = sim.charge("c2", &money(&declined, 100)).unwrap();
    assert_eq!(next.id, "ch_000002");
    assert_eq!(next.decline_code.as_deref(), Some("card_declined"));
    let fresh = token(&sim, VISA_OK);
    assert!(fresh != t && fresh != declined);
    assert_eq!(sim.charges().len(), 2);
    assert_eq!(sim.payouts().len(), 1);
    assert_eq!(sim.tokens().len(), 3);
}
