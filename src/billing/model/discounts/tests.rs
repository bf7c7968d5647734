//! Long because it is the table of discount cases, one test per rule.
//! Unit tests of the discounts rules.

use super::*;

const TIERS: &[LoyaltyTier] = &DEFAULT_TIERS;

fn promo(code: &str, value: PromoValue, stacks: bool) -> PromoTerms {
    PromoTerms {
        code: code.into(),
        value,
        stacks,
    }
}

fn inputs(subtotal: i64, completed: i64) -> DiscountInputs<'static> {
    DiscountInputs {
        subtotal_minor: subtotal,
        completed_orders: completed,
        has_any_order: completed > 0,
        tiers: TIERS,
        first_order_bp: 0,
        promo: None,
    }
}

/// (kind, amount) of each line, for compact assertions.
fn lines(i: &DiscountInputs) -> Vec<(DiscountKind, i64)> {
    let ds = discounts(i);
    let total: i64 = ds.iter().map(|d| d.amount_minor).sum();
    assert!(
        total <= i.subtotal_minor.max(0),
        "over the subtotal: {ds:?}"
    );
    assert!(ds.iter().all(|d| d.amount_minor > 0), "zero line: {ds:?}");
    ds.iter().map(|d| (d.kind, d.amount_minor)).collect()
}

use DiscountKind::{FirstOrder, Loyalty, Promo};

// --- rounding ---

#[test]
fn percentages_round_down_to_the_minor_unit() {
    assert_eq!(percent_of(101, 500), 5, "5 % of 1.01 is 5.05");
    assert_eq!(percent_of(999, 1_000), 99, "10 % of 9.99 is 99.9");
    assert_eq!(percent_of(100, 3_333), 33, "33.33 % of 1.00 is 33.33");
    assert_eq!(percent_of(300, 3_333), 99, "33.33 % of 3.00 is 99.99");
    assert_eq!(percent_of(3, 3_333), 0, "33.33 % of 3 kopecks is 0.9999");
    assert_eq!(percent_of(10_000, 3_333), 3_333);
    assert_eq!(percent_of(19, 500), 0, "0.95 → 0");
    assert_eq!(percent_of(20, 500), 1);
    assert_eq!(percent_of(12_345, 0), 0);
    assert_eq!(percent_of(12_345, 10_000), 12_345);
    assert_eq!(percent_of(0, 500), 0);
    assert_eq!(percent_of(-101, 500), -6, "floor goes towards −∞");
    assert_eq!(percent_of(i64::MAX, 10_000), i64::MAX, "no overflow");
    assert_eq!(percent_of(i64::MAX, 20_000), i64::MAX, "saturates");
}

#[test]
fn a_percentage_never_exceeds_the_exact_value() {
    for amount in 0..3_000 {
        for bp in [1, 99, 500, 750, 1_000, 3_333, 6_667, 9_999] {
            let d = percent_of(amount, bp);
            assert!(d * 10_000 <= amount * bp, "{amount} {bp}");
            assert!((d + 1) * 10_000 > amount * bp, "{amount} {bp}");
        }
    }
}

#[test]
fn a_discount_line_uses_the_round_down_rule() {
    let mut i = inputs(101, 5);
    assert_eq!(lines(&i), [(Loyalty, 5)]);
    i.subtotal_minor = 999;
    i.completed_orders = 20;
    assert_eq!(lines(&i), [(Loyalty, 99)]);
    let p = promo("THIRD", PromoValue::PercentBp(3_333), false);
    let i = DiscountInputs {
        promo: Some(&p),
        ..inputs(300, 0)
    };
    assert_eq!(lines(&i), [(Promo, 99)]);
}

// --- tiers ---

#[test]
fn tier_boundaries() {
    assert_eq!(tier_for(TIERS, 0), None);
    assert_eq!(tier_for(TIERS, 4), None);
    assert_eq!(tier_for(TIERS, 5).map(|t| t.percent_bp), Some(500));
    assert_eq!(tier_for(TIERS, 19).map(|t| t.percent_bp), Some(500));
    assert_eq!(tier_for(TIERS, 20).map(|t| t.percent_bp), Some(1_000));
    assert_eq!(tier_for(TIERS, 1_000).map(|t| t.percent_bp), Some(1_000));
    assert_eq!(tier_for(&[], 100), None);
    let unsorted = [DEFAULT_TIERS[1], DEFAULT_TIERS[0]];
    assert_eq!(tier_for(&unsorted, 19), Some(DEFAULT_TIERS[0]));
    assert_eq!(tier_for(&unsorted, 20), Some(DEFAULT_TIERS[1]));
}

#[test]
fn loyalty_alone_follows_the_tier_reached() {
    assert_eq!(lines(&inputs(10_000, 4)), []);
    assert_eq!(lines(&inputs(10_000, 5)), [(Loyalty, 500)]);
    assert_eq!(lines(&inputs(10_000, 19)), [(Loyalty, 500)]);
    assert_eq!(lines(&inputs(10_000, 20)), [(Loyalty, 1_000)]);
    let d = &discounts(&inputs(10_000, 20))[0];
    assert_eq!(d.percent_bp, Some(1_000));
    assert_eq!(d.code, None);
}

#[test]
fn nothing_off_nothing() {
    let p = promo("FLAT", PromoValue::FixedMinor(500), true);
    for subtotal in [0, -100] {
        let i = DiscountInputs {
            promo: Some(&p),
            first_order_bp: 1_000,
            has_any_order: false,
            ..inputs(subtotal, 30)
        };
        assert_eq!(discounts(&i), []);
    }
}

// --- first order ---

#[test]
fn the_first_order_discount_is_off_by_default_and_only_for_new_clients() {
    let new = DiscountInputs {
        has_any_order: false,
        ..inputs(10_000, 0)
    };
    assert_eq!(lines(&new), [], "0 bp = off");
    let on = DiscountInputs {
        first_order_bp: 1_500,
        ..new
    };
    assert_eq!(lines(&on), [(FirstOrder, 1_500)]);
    assert_eq!(discounts(&on)[0].percent_bp, Some(1_500));
    // A client with an order — even a cancelled one, none completed — is not new.
    let returning = DiscountInputs {
        has_any_order: true,
        ..on
    };
    assert_eq!(lines(&returning), []);
}

// --- promos alone ---

#[test]
fn promo_alone_percent_and_fixed() {
    let pct = promo("SPRING-10", PromoValue::PercentBp(1_000), false);
    let i = DiscountInputs {
        promo: Some(&pct),
        ..inputs(4_550, 0)
    };
    assert_eq!(
        discounts(&i),
        [Discount {
            kind: Promo,
            percent_bp: Some(1_000),
            code: Some("SPRING-10".into()),
            amount_minor: 455,
        }]
    );
    let fixed = promo("FLAT300", PromoValue::FixedMinor(30_000), false);
    let i = DiscountInputs {
        promo: Some(&fixed),
        ..inputs(100_000, 0)
    };
    assert_eq!(
        discounts(&i),
        [Discount {
            kind: Promo,
            percent_bp: None,
            code: Some("FLAT300".into()),
            amount_minor: 30_000,
        }]
    );
}

#[test]
fn a_fixed_promo_is_capped_at_the_subtotal() {
    let fixed = promo("BIG", PromoValue::FixedMinor(50_000), false);
    let i = DiscountInputs {
        promo: Some(&fixed),
        ..inputs(20_000, 0)
    };
    assert_eq!(lines(&i), [(Promo, 20_000)]);
    let too_much = promo("ALL", PromoValue::PercentBp(15_000), false);
    let i = DiscountInputs {
        promo: Some(&too_much),
        ..inputs(20_000, 0)
    };
    assert_eq!(lines(&i), [(Promo, 20_000)], "over 100 % is capped too");
}

#[test]
fn a_zero_promo_produces_no_line() {
    for value in [
        PromoValue::FixedMinor(0),
        PromoValue::PercentBp(0),
        PromoValue::PercentBp(50), // 0.5 % of 1.00 is half a kopeck → 0
        PromoValue::FixedMinor(-100),
    ] {
        for stacks in [false, true] {
            let p = promo("ZERO", value, stacks);
            let i = DiscountInputs {
                promo: Some(&p),
                ..inputs(100, 0)
            };
            assert_eq!(lines(&i), [], "{value:?} stacks={stacks}");
            let with_tier = DiscountInputs {
                promo: Some(&p),
                ..inputs(100, 5)
            };
            assert_eq!(
                lines(&with_tier),
                [(Loyalty, 5)],
                "{value:?} stacks={stacks}"
            );
        }
    }
}

// --- combinations ---

#[test]
fn non_stacking_promo_vs_tier_the_larger_wins() {
    // 10 % tier (1 000) vs 15 % promo (1 500): the promo.
    let p15 = promo("P15", PromoValue::PercentBp(1_500), false);
    let i = DiscountInputs {
        promo: Some(&p15),
        ..inputs(10_000, 20)
    };
    assert_eq!(lines(&i), [(Promo, 1_500)]);
    // 10 % tier vs 3 % promo: the tier; the promo is not applied at all.
    let p3 = promo("P3", PromoValue::PercentBp(300), false);
    let i = DiscountInputs {
        promo: Some(&p3),
        ..inputs(10_000, 20)
    };
    assert_eq!(lines(&i), [(Loyalty, 1_000)]);
    assert!(discounts(&i).iter().all(|d| d.code.is_none()));
    // Fixed 5.00 vs 5 % of 50.00 = 2.50: the promo; of 200.00 = 10.00: the tier.
    let f = promo("F500", PromoValue::FixedMinor(500), false);
    let i = DiscountInputs {
        promo: Some(&f),
        ..inputs(5_000, 5)
    };
    assert_eq!(lines(&i), [(Promo, 500)]);
    let i = DiscountInputs {
        promo: Some(&f),
        ..inputs(20_000, 5)
    };
    assert_eq!(lines(&i), [(Loyalty, 1_000)]);
}

#[test]
fn stacking_promo_adds_to_the_tier_both_on_the_subtotal() {
    let p = promo("STACK5", PromoValue::PercentBp(500), true);
    let i = DiscountInputs {
        promo: Some(&p),
        ..inputs(10_000, 20)
    };
    // 10 % + 5 % of 100.00 — not 5 % of the discounted 90.00 (450).
    assert_eq!(lines(&i), [(Loyalty, 1_000), (Promo, 500)]);
    // Below any tier a stacking promo simply applies.
    let i = DiscountInputs {
        promo: Some(&p),
        ..inputs(10_000, 4)
    };
    assert_eq!(lines(&i), [(Promo, 500)]);
    // A stacking promo smaller than the tier still applies, shown after it.
    let tiny = promo("TINY", PromoValue::FixedMinor(1), true);
    let i = DiscountInputs {
        promo: Some(&tiny),
        ..inputs(10_000, 20)
    };
    assert_eq!(lines(&i), [(Loyalty, 1_000), (Promo, 1)]);
}

#[test]
fn stacking_is_capped_at_the_subtotal_by_trimming_the_promo() {
    let p = promo("HUGE", PromoValue::FixedMinor(9_500), true);
    let i = DiscountInputs {
        promo: Some(&p),
        ..inputs(10_000, 20)
    };
    assert_eq!(lines(&i), [(Loyalty, 1_000), (Promo, 9_000)]);
    let p = promo("ALL", PromoValue::PercentBp(10_000), true);
    let i = DiscountInputs {
        promo: Some(&p),
        ..inputs(10_000, 5)
    };
    assert_eq!(lines(&i), [(Loyalty, 500), (Promo, 9_500)]);
    // A tier of 100 % leaves nothing for the promo: it gets no line.
    let full = [LoyaltyTier {
        min_completed: 1,
        percent_bp: 10_000,
    }];
    let p = promo("MORE", PromoValue::FixedMinor(100), true);
    let i = DiscountInputs {
        tiers: &full,
        promo: Some(&p),
        ..inputs(10_000, 1)
    };
    assert_eq!(lines(&i), [(Loyalty, 10_000)]);
}

#[test]
fn first_order_vs_tier_vs_promo() {
    // A new client: first order 10 % vs promo 5 % (not stacking) → first order.
    let p5 = promo("P5", PromoValue::PercentBp(500), false);
    let new = DiscountInputs {
        has_any_order: false,
        first_order_bp: 1_000,
        promo: Some(&p5),
        ..inputs(10_000, 0)
    };
    assert_eq!(lines(&new), [(FirstOrder, 1_000)]);
    // Promo 15 % beats it.
    let p15 = promo("P15", PromoValue::PercentBp(1_500), false);
    let i = DiscountInputs {
        promo: Some(&p15),
        ..new
    };
    assert_eq!(lines(&i), [(Promo, 1_500)]);
    // A stacking promo goes with the first-order discount.
    let s5 = promo("S5", PromoValue::PercentBp(500), true);
    let i = DiscountInputs {
        promo: Some(&s5),
        ..new
    };
    assert_eq!(lines(&i), [(FirstOrder, 1_000), (Promo, 500)]);
    // Loyalty and first order together only with a tier reachable at 0 orders: the larger.
    let odd = [LoyaltyTier {
        min_completed: 0,
        percent_bp: 300,
    }];
    let i = DiscountInputs {
        tiers: &odd,
        promo: None,
        ..new
    };
    assert_eq!(lines(&i), [(FirstOrder, 1_000)]);
    let i = DiscountInputs {
        tiers: &odd,
        first_order_bp: 200,
        promo: Some(&s5),
        ..new
    };
    assert_eq!(lines(&i), [(Loyalty, 300), (Promo, 500)]);
}

#[test]
fn ties_prefer_promo_then_loyalty_then_first_order() {
    let tier = [LoyaltyTier {
        min_completed: 0,
        percent_bp: 1_000,
    }];
    let base = DiscountInputs {
        subtotal_minor: 10_000,
        completed_orders: 0,
        has_any_order: false,
        tiers: &tier,
        first_order_bp: 1_000,
        promo: None,
    };
    assert_eq!(lines(&base), [(Loyalty, 1_000)], "loyalty over first order");
    let p = promo("TEN", PromoValue::FixedMinor(1_000), false);
    let i = DiscountInputs {
        promo: Some(&p),
        ..base
    };
    assert_eq!(lines(&i), [(Promo, 1_000)], "promo over both");
    let i = DiscountInputs {
        tiers: &[],
        promo: Some(&p),
        ..base
    };
    assert_eq!(lines(&i), [(Promo, 1_000)], "promo over first order");
}

// --- tier lists typed by a manager ---

#[test]
fn tiers_parse_and_sort() {
    assert_eq!(parse_tiers("5:5, 20:10"), Ok(DEFAULT_TIERS.to_vec()));
    assert_eq!(parse_tiers(" 20 : 10 ,5:5% "), Ok(DEFAULT_TIERS.to_vec()));
    assert_eq!(
        parse_tiers("3:2.5,10:7.25,50:100"),
        Ok(vec![
            LoyaltyTier {
                min_completed: 3,
                percent_bp: 250
            },
            LoyaltyTier {
                min_completed: 10,
                percent_bp: 725
            },
            LoyaltyTier {
                min_completed: 50,
                percent_bp: 10_000
            },
        ])
    );
    assert_eq!(parse_tiers(""), Ok(vec![]), "blank = no programme");
    assert_eq!(parse_tiers("  "), Ok(vec![]));
    assert_eq!(
        parse_tiers("1:0"),
        Ok(vec![LoyaltyTier {
            min_completed: 1,
            percent_bp: 0
        }])
    );
}

#[test]
fn tier_errors() {
    for (input, key) in [
        ("5", "err-tiers-format"),
        ("5:", "err-tiers-format"),
        (":5", "err-tiers-format"),
        ("5:5,", "err-tiers-format"),
        ("5:5;20:10", "err-tiers-format"),
        ("five:5", "err-tiers-format"),
        ("5:5.", "err-tiers-format"),
        ("5:.5", "err-tiers-format"),
        ("5:7.125", "err-tiers-format"),
        ("5:-5", "err-tiers-format"),
        ("-5:5", "err-tiers-format"),
        ("5:5:5", "err-tiers-format"),
        ("99999999999999999999:5", "err-tiers-format"),
        ("0:5", "err-tiers-count"),
        ("5:100.01", "err-tiers-percent"),
        ("5:101", "err-tiers-percent"),
        ("5:99999999999999999999", "err-tiers-percent"),
        ("5:5, 5:10", "err-tiers-duplicate"),
        ("5:10, 20:10", "err-tiers-not-increasing"),
        ("5:10, 20:5", "err-tiers-not-increasing"),
        ("20:5, 5:10", "err-tiers-not-increasing"),
    ] {
        assert_eq!(parse_tiers(input), Err(key), "{input:?}");
    }
    let ten: Vec<String> = (1..=10).map(|n| format!("{n}:{n}")).collect();
    assert_eq!(parse_tiers(&ten.join(",")).map(|t| t.len()), Ok(10));
    let eleven: Vec<String> = (1..=11).map(|n| format!("{n}:{n}")).collect();
    assert_eq!(parse_tiers(&eleven.join(",")), Err("err-tiers-too-many"));
}

#[test]
fn tiers_format_and_round_trip() {
    assert_eq!(format_tiers(&DEFAULT_TIERS), "5:5, 20:10");
    assert_eq!(format_tiers(&[]), "");
    for input in [
        "5:5, 20:10",
        "1:0.05, 2:0.5, 3:7.25, 4:7.5, 1000:100",
        "1:0",
        "",
    ] {
        let tiers = parse_tiers(input).unwrap();
        assert_eq!(format_tiers(&tiers), input);
        assert_eq!(parse_tiers(&format_tiers(&tiers)), Ok(tiers));
    }
}

// --- promo eligibility ---

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn open_rules() -> PromoRules {
    PromoRules {
        valid_from: None,
        valid_until: None,
        max_uses: None,
        once_per_client: false,
        active: true,
    }
}

#[test]
fn promo_dates_are_inclusive_at_both_ends() {
    let rules = PromoRules {
        valid_from: Some(d(2026, 3, 1)),
        valid_until: Some(d(2026, 3, 31)),
        ..open_rules()
    };
    let at = |day| promo_refusal(&rules, day, 0, 0);
    assert_eq!(at(d(2026, 2, 28)), Some(PromoRefusal::NotYetValid));
    assert_eq!(at(d(2026, 3, 1)), None);
    assert_eq!(at(d(2026, 3, 31)), None, "valid_until is inclusive");
    assert_eq!(at(d(2026, 4, 1)), Some(PromoRefusal::Expired));
    assert_eq!(promo_refusal(&open_rules(), d(1999, 1, 1), 0, 0), None);
}

#[test]
fn promo_usage_limits() {
    let limited = PromoRules {
        max_uses: Some(100),
        ..open_rules()
    };
    assert_eq!(promo_refusal(&limited, d(2026, 3, 1), 99, 5), None);
    assert_eq!(
        promo_refusal(&limited, d(2026, 3, 1), 100, 0),
        Some(PromoRefusal::UsedUp)
    );
    let zero = PromoRules {
        max_uses: Some(0),
        ..open_rules()
    };
    assert_eq!(
        promo_refusal(&zero, d(2026, 3, 1), 0, 0),
        Some(PromoRefusal::UsedUp)
    );
    let once = PromoRules {
        once_per_client: true,
        ..open_rules()
    };
    assert_eq!(promo_refusal(&once, d(2026, 3, 1), 50, 0), None);
    assert_eq!(
        promo_refusal(&once, d(2026, 3, 1), 50, 1),
        Some(PromoRefusal::AlreadyUsedByYou)
    );
    assert_eq!(promo_refusal(&open_rules(), d(2026, 3, 1), 50, 7), None);
}

#[test]
fn the_first_refusal_in_order_is_given() {
    let everything_wrong = PromoRules {
        valid_from: Some(d(2026, 3, 1)),
        valid_until: Some(d(2026, 3, 31)),
        max_uses: Some(1),
        once_per_client: true,
        active: false,
    };
    let mut r = everything_wrong.clone();
    assert_eq!(
        promo_refusal(&r, d(2026, 2, 1), 1, 1),
        Some(PromoRefusal::Inactive)
    );
    r.active = true;
    assert_eq!(
        promo_refusal(&r, d(2026, 2, 1), 1, 1),
        Some(PromoRefusal::NotYetValid)
    );
    assert_eq!(
        promo_refusal(&r, d(2026, 5, 1), 1, 1),
        Some(PromoRefusal::Expired)
    );
    assert_eq!(
        promo_refusal(&r, d(2026, 3, 5), 1, 1),
        Some(PromoRefusal::UsedUp)
    );
}

#[test]
fn refusal_keys() {
    assert_eq!(PromoRefusal::Inactive.key(), "err-promo-inactive");
    assert_eq!(PromoRefusal::NotYetValid.key(), "err-promo-not-yet");
    assert_eq!(PromoRefusal::Expired.key(), "err-promo-expired");
    assert_eq!(PromoRefusal::UsedUp.key(), "err-promo-used-up");
    assert_eq!(
        PromoRefusal::AlreadyUsedByYou.key(),
        "err-promo-already-used"
    );
}

#[test]
fn codes_are_normalised() {
    assert_eq!(normalise_code("  spring-10 "), Some("SPRING-10".into()));
    assert_eq!(normalise_code("vip_2026"), Some("VIP_2026".into()));
    assert_eq!(normalise_code("ABC"), Some("ABC".into()));
    assert_eq!(normalise_code(&"A".repeat(32)), Some("A".repeat(32)));
    for bad in [
        "",
        "   ",
        "AB",
        " ab ",
        &"A".repeat(33),
        "SPRING 10",
        "SPRING.10",
        "ВЕСНА",
        "straße",
        "ÄBC",
        "PROMO!",
    ] {
        assert_eq!(normalise_code(bad), None, "{bad:?}");
    }
}

#[test]
fn serde_shapes_are_stable() {
    assert_eq!(
        serde_json::to_string(&PromoValue::PercentBp(750)).unwrap(),
        r#"{"kind":"percent_bp","value":750}"#
    );
    assert_eq!(
        serde_json::from_str::<PromoValue>(r#"{"kind":"fixed_minor","value":30000}"#).unwrap(),
        PromoValue::FixedMinor(30_000)
    );
    assert_eq!(
        serde_json::to_string(&DiscountKind::FirstOrder).unwrap(),
        r#""first_order""#
    );
}
