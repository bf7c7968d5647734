//! A reviewer's decision as the rules see it: the form, its checks against the order, and
//! the decision they yield (score, findings, fine or bonus, how a dispute is settled).

use serde::Deserialize;

use super::ResolutionKind;
use crate::money::parse_minor;
use crate::validate::text;

/// The largest fine or bonus one review may post: 1,000,000 major units.
pub const MAX_MOVE_MINOR: i64 = 100_000_000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub score: String,
    pub findings: String,
    pub fine: String,
    pub bonus: String,
    /// A `ResolutionKind` ("complete", "adjust" or "cancel"); only for a disputed order.
    pub resolution: String,
    /// The new price when the resolution is "adjust".
    pub price: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Complete,
    /// Complete at this lower price; the difference is refunded.
    Adjust(i64),
    Cancel,
}

impl Resolution {
    /// What the review row records.
    pub fn kind(self) -> ResolutionKind {
        match self {
            Resolution::Complete => ResolutionKind::Complete,
            Resolution::Adjust(_) => ResolutionKind::Adjust,
            Resolution::Cancel => ResolutionKind::Cancel,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub score: i64,
    pub findings: String,
    pub fine_minor: i64,
    pub bonus_minor: i64,
    pub resolution: Option<Resolution>,
}

/// What the order looks like to the rules.
pub struct Subject {
    pub disputed: bool,
    pub has_worker: bool,
    pub price_minor: i64,
}

/// Checks a review form against its order; the error is the message id to show.
pub fn validate(form: &ReviewForm, subject: &Subject) -> Result<Decision, &'static str> {
    let score = form
        .score
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or("err-review-score")?;
    let findings = text(&form.findings, 2000, true).ok_or("err-review-findings")?;
    let amount = |s: &str| -> Result<i64, &'static str> {
        if s.trim().is_empty() {
            return Ok(0);
        }
        parse_minor(s)
            .filter(|a| (1..=MAX_MOVE_MINOR).contains(a))
            .ok_or("err-review-amount")
    };
    let (fine_minor, bonus_minor) = (amount(&form.fine)?, amount(&form.bonus)?);
    if (fine_minor > 0 || bonus_minor > 0) && !subject.has_worker {
        return Err("err-review-no-worker");
    }
    let resolution = match (subject.disputed, form.resolution.as_str()) {
        (false, "") => None,
        (false, _) => return Err("err-review-not-disputed"),
        (true, chosen) => match ResolutionKind::parse(chosen) {
            Some(ResolutionKind::Complete) => Some(Resolution::Complete),
            Some(ResolutionKind::Cancel) => Some(Resolution::Cancel),
            Some(ResolutionKind::Adjust) => {
                let price = parse_minor(&form.price)
                    .filter(|p| (0..subject.price_minor).contains(p))
                    .ok_or("err-review-price")?;
                Some(Resolution::Adjust(price))
            }
            None => return Err("err-review-resolution"),
        },
    };
    Ok(Decision {
        score,
        findings,
        fine_minor,
        bonus_minor,
        resolution,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(score: &str, fine: &str, resolution: &str, price: &str) -> ReviewForm {
        ReviewForm {
            score: score.into(),
            findings: "Late and left a mess".into(),
            fine: fine.into(),
            bonus: String::new(),
            resolution: resolution.into(),
            price: price.into(),
        }
    }

    const PLAIN: Subject = Subject {
        disputed: false,
        has_worker: true,
        price_minor: 500_000,
    };
    const DISPUTED: Subject = Subject {
        disputed: true,
        has_worker: true,
        price_minor: 500_000,
    };

    #[test]
    fn a_score_from_one_to_five_and_findings_are_required() {
        assert_eq!(
            validate(&form("0", "", "", ""), &PLAIN),
            Err("err-review-score")
        );
        assert_eq!(
            validate(&form("6", "", "", ""), &PLAIN),
            Err("err-review-score")
        );
        assert_eq!(
            validate(&form("x", "", "", ""), &PLAIN),
            Err("err-review-score")
        );
        let mut blank = form("3", "", "", "");
        blank.findings = "   ".into();
        assert_eq!(validate(&blank, &PLAIN), Err("err-review-findings"));
        assert_eq!(validate(&form("3", "", "", ""), &PLAIN).unwrap().score, 3);
    }

    #[test]
    fn fines_must_be_positive_and_bounded_and_need_a_worker() {
        for bad in ["0", "-5", "0.00", "abc", "1000000.01", "99999999999"] {
            assert_eq!(
                validate(&form("2", bad, "", ""), &PLAIN),
                Err("err-review-amount"),
                "{bad}"
            );
        }
        assert_eq!(
            validate(&form("2", "500", "", ""), &PLAIN)
                .unwrap()
                .fine_minor,
            50_000
        );
        let nobody = Subject {
            has_worker: false,
            ..PLAIN
        };
        assert_eq!(
            validate(&form("2", "500", "", ""), &nobody),
            Err("err-review-no-worker")
        );
    }

    #[test]
    fn only_a_disputed_order_is_resolved_and_it_must_be() {
        assert_eq!(
            validate(&form("3", "", "cancel", ""), &PLAIN),
            Err("err-review-not-disputed")
        );
        assert_eq!(
            validate(&form("3", "", "", ""), &DISPUTED),
            Err("err-review-resolution")
        );
        assert_eq!(
            validate(&form("3", "", "maybe", ""), &DISPUTED),
            Err("err-review-resolution")
        );
        assert_eq!(
            validate(&form("3", "", "cancel", ""), &DISPUTED)
                .unwrap()
                .resolution,
            Some(Resolution::Cancel)
        );
    }

    #[test]
    fn an_adjusted_price_is_below_the_original_and_not_negative() {
        for bad in ["5000", "6000", "-1", "", "x"] {
            assert_eq!(
                validate(&form("3", "", "adjust", bad), &DISPUTED),
                Err("err-review-price"),
                "{bad}"
            );
        }
        assert_eq!(
            validate(&form("3", "", "adjust", "3500.50"), &DISPUTED)
                .unwrap()
                .resolution,
            Some(Resolution::Adjust(350_050))
        );
    }
}
