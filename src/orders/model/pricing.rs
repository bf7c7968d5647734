//! The price quote: base price, chosen options and discount lines, each shown line by line
//! and frozen on the order at creation. Integer minor units only.

pub use crate::quote::{LineKind, Quote, QuoteLine};

/// A priced thing with names in both languages (the service or one of its options).
pub struct Priced<'a> {
    pub name_en: &'a str,
    pub name_ru: &'a str,
    pub price_minor: i64,
}

/// Base plus options. Discounts are added by billing's rules as negative lines; the total
/// never goes below zero.
pub fn quote(base: &Priced, options: &[Priced], discounts: Vec<QuoteLine>) -> Quote {
    let line = |kind, p: &Priced| QuoteLine {
        kind,
        label_en: p.name_en.to_string(),
        label_ru: p.name_ru.to_string(),
        amount_minor: p.price_minor,
    };
    let mut lines = vec![line(LineKind::Base, base)];
    lines.extend(options.iter().map(|o| line(LineKind::Option, o)));
    lines.extend(discounts);
    let total_minor = lines.iter().map(|l| l.amount_minor).sum::<i64>().max(0);
    Quote { lines, total_minor }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priced(name: &str, price_minor: i64) -> Priced<'_> {
        Priced {
            name_en: name,
            name_ru: name,
            price_minor,
        }
    }

    #[test]
    fn the_total_is_base_plus_options_with_one_line_each() {
        let q = quote(
            &priced("Deep clean", 450_000),
            &[priced("Oven", 80_000), priced("Fridge", 60_050)],
            vec![],
        );
        assert_eq!(q.lines.len(), 3);
        assert_eq!(q.total_minor, 590_050);
        assert_eq!(q.lines[1].kind, LineKind::Option);
    }

    #[test]
    fn discounts_subtract_but_never_below_zero() {
        let discount = |amount| QuoteLine {
            kind: LineKind::Discount,
            label_en: "Promo".into(),
            label_ru: "Промо".into(),
            amount_minor: amount,
        };
        assert_eq!(
            quote(&priced("S", 10_000), &[], vec![discount(-1_000)]).total_minor,
            9_000
        );
        assert_eq!(
            quote(&priced("S", 10_000), &[], vec![discount(-20_000)]).total_minor,
            0
        );
    }
}
