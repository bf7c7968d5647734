//! Supply rules, pure: quantities typed by people, the kinds of stock movement, the pack's
//! statuses, when low stock is news, what a kit lacks, where it is collected, and the
//! bakery's retry schedule.

use chrono::Duration;

/// The largest quantity one form may move: more is a typo, not a delivery.
pub const MAX_QUANTITY: i64 = 1_000_000;

/// A count of units typed into a form: a whole number, positive, not absurd.
pub fn parse_quantity(raw: &str) -> Option<i64> {
    let n: i64 = raw.trim().parse().ok()?;
    (1..=MAX_QUANTITY).contains(&n).then_some(n)
}

/// An adjustment: a whole number of units to add (positive) or write off (negative), not zero.
pub fn parse_adjustment(raw: &str) -> Option<i64> {
    let trimmed = raw.trim();
    let n: i64 = trimmed.strip_prefix('+').unwrap_or(trimmed).parse().ok()?;
    (n != 0 && n.abs() <= MAX_QUANTITY).then_some(n)
}

crate::status_enum! {
    /// Why stock moved.
    pub enum MovementKind {
        Receipt = "receipt" => "movement-kind-receipt",
        Pack = "pack" => "movement-kind-pack",
        Adjustment = "adjustment" => "movement-kind-adjustment",
        Return = "return" => "movement-kind-return",
        Extra = "extra" => "movement-kind-extra",
    }
}

crate::status_enum! {
    /// Where a job's kit stands.
    pub enum PackStatus {
        /// Created with the assignment; the packing job has not reserved stock yet.
        Pending = "pending" => "pack-status-pending",
        /// Stock did not cover the bill of materials; waits for a receipt.
        Short = "short" => "pack-status-short",
        /// Materials taken from stock; the cookie is still to come.
        Reserved = "reserved" => "pack-status-reserved",
        /// Ready for the worker to collect.
        Packed = "packed" => "pack-status-packed",
        /// Handed over to the worker.
        Issued = "issued" => "pack-status-issued",
        Cancelled = "cancelled" => "pack-status-cancelled",
    }
}

crate::status_enum! {
    /// A worker's request for extra consumables: waiting, or answered.
    pub enum ExtraStatus {
        Pending = "pending" => "extra-status-pending",
        Approved = "approved" => "extra-status-approved",
        Refused = "refused" => "extra-status-refused",
    }
}

impl PackStatus {
    /// Whether the pack's materials have left stock (a cancellation must bring them back).
    pub fn holds_stock(self) -> bool {
        matches!(
            self,
            PackStatus::Reserved | PackStatus::Packed | PackStatus::Issued
        )
    }
}

impl PackStatus {
    /// Whether a manager may still send the kit to another pickup point: not once it is
    /// handed over or cancelled.
    pub fn point_may_change(self) -> bool {
        !matches!(self, PackStatus::Issued | PackStatus::Cancelled)
    }
}

/// Where a kit is collected: the point stored with it, or (none stored) the first of the
/// business's points. A stored point stays even after it leaves the settings, so a worker is
/// never sent somewhere the kit is not.
pub fn kit_point<'a>(stored: Option<&'a str>, points: &'a [String]) -> &'a str {
    stored.unwrap_or_else(|| points.first().map_or("", String::as_str))
}

/// How a change of stock relates to the reorder level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crossing {
    /// Fell to or below the level: managers should hear of it (once).
    Down,
    /// Rose above it again: the next fall is news again.
    Up,
    None,
}

/// Low means at or below the reorder level. `notified` says managers already heard of this
/// low spell, so a further fall while low is not news.
pub fn crossing(after: i64, reorder_level: i64, notified: bool) -> Crossing {
    let low = after <= reorder_level;
    match (low, notified) {
        (true, false) => Crossing::Down,
        (false, true) => Crossing::Up,
        _ => Crossing::None,
    }
}

/// One line of a bill of materials against stock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub consumable_id: i64,
    pub quantity: i64,
    pub on_hand: i64,
}

/// The lines stock cannot cover; empty means the kit can be packed in full. A kit is
/// packed whole or not at all: half a kit sends a worker out unable to finish.
pub fn shortages(needs: &[Need]) -> Vec<&Need> {
    needs.iter().filter(|n| n.on_hand < n.quantity).collect()
}

/// Wait before bakery try number `attempt + 1` after `attempt` failures: 30 s, 1, 2, 4 …
/// minutes, at most 30 minutes.
pub fn bakery_backoff(attempt: u32) -> Duration {
    let seconds = 30i64 << attempt.saturating_sub(1).min(10);
    Duration::seconds(seconds.min(30 * 60))
}

/// The local fortune for an order when the bakery stays down: fixed per order, so a retry
/// of the fallback step writes the same text.
pub fn fallback_fortune(fortunes: &[&'static str], order_id: i64) -> &'static str {
    fortunes[(order_id.unsigned_abs() % fortunes.len() as u64) as usize]
}

/// The reference the bakery knows an order by (its idempotency key).
pub fn order_ref(order_id: i64) -> String {
    format!("order-{order_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_positive_whole_numbers_within_reason() {
        assert_eq!(parse_quantity(" 12 "), Some(12));
        for bad in ["0", "-3", "1.5", "abc", "", "1e3", "2000000"] {
            assert_eq!(parse_quantity(bad), None, "{bad}");
        }
    }

    #[test]
    fn adjustments_are_signed_and_never_zero() {
        assert_eq!(parse_adjustment("-4"), Some(-4));
        assert_eq!(parse_adjustment("+7"), Some(7));
        for bad in ["0", "+0", "2.5", "x", "-2000000"] {
            assert_eq!(parse_adjustment(bad), None, "{bad}");
        }
    }

    #[test]
    fn low_stock_is_news_once_per_crossing() {
        assert_eq!(
            crossing(10, 10, false),
            Crossing::Down,
            "at the level is low"
        );
        assert_eq!(
            crossing(3, 10, true),
            Crossing::None,
            "still low: already told"
        );
        assert_eq!(crossing(11, 10, true), Crossing::Up);
        assert_eq!(crossing(50, 10, false), Crossing::None);
    }

    #[test]
    fn a_kit_lacks_only_the_lines_stock_cannot_cover() {
        let needs = [
            Need {
                consumable_id: 1,
                quantity: 2,
                on_hand: 2,
            },
            Need {
                consumable_id: 2,
                quantity: 3,
                on_hand: 1,
            },
        ];
        let short = shortages(&needs);
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].consumable_id, 2);
    }

    #[test]
    fn bakery_retries_back_off_with_a_cap() {
        let waits: Vec<i64> = (1..=5).map(|a| bakery_backoff(a).num_seconds()).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480]);
        assert_eq!(bakery_backoff(30).num_minutes(), 30);
    }

    #[test]
    fn a_kit_is_collected_at_its_own_point_else_the_first() {
        let points = vec!["Depot".to_string(), "Annex".to_string()];
        assert_eq!(kit_point(None, &points), "Depot");
        assert_eq!(kit_point(Some("Annex"), &points), "Annex");
        assert_eq!(
            kit_point(Some("Old shed"), &points),
            "Old shed",
            "removed since"
        );
    }

    #[test]
    fn the_fallback_fortune_is_fixed_per_order() {
        let list = ["a", "b", "c"];
        assert_eq!(fallback_fortune(&list, 4), "b");
        assert_eq!(fallback_fortune(&list, 4), fallback_fortune(&list, 4));
    }

    #[test]
    fn statuses_and_kinds_round_trip() {
        for &s in PackStatus::ALL {
            assert_eq!(PackStatus::parse(s.as_str()), Some(s));
        }
        for &k in MovementKind::ALL {
            assert_eq!(MovementKind::parse(k.as_str()), Some(k));
        }
        assert!(PackStatus::Issued.holds_stock());
        assert!(PackStatus::Packed.point_may_change());
        assert!(!PackStatus::Issued.point_may_change());
        assert!(!PackStatus::Short.holds_stock());
    }
}
