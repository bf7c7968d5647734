//! Money in integer minor units (kopecks, cents). Parsing what people type into a form;
//! formatting lives with the translator (`i18n::Tr::money`).

/// The largest amount a form may carry: 10 billion major units.
const MAX_MINOR: i64 = 1_000_000_000_000;

/// Parses "4500", "4500.5", "4 500,50" into minor units; refuses negatives, more than two
/// decimals, absurd amounts and anything that is not a number.
pub fn parse_minor(input: &str) -> Option<i64> {
    let cleaned: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '_'))
        .collect();
    let cleaned = cleaned.replace(',', ".");
    let (units, fraction) = match cleaned.split_once('.') {
        Some((u, f)) => (u, f),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(units)
        || (!fraction.is_empty() && !digits(fraction))
        || fraction.len() > 2
        || units.len() > 12
    {
        return None;
    }
    let units: i64 = units.parse().ok()?;
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    let minor = units.checked_mul(100)?.checked_add(cents)?;
    (minor <= MAX_MINOR).then_some(minor)
}

/// Minor units as a plain decimal for form fields ("4500.00").
pub fn to_input(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, (minor % 100).abs())
}

/// Minor units as a signed plain decimal for CSV ("-0.05", "1234.50"): what spreadsheets read.
pub fn plain(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keeps_the_sign_of_amounts_under_one_unit() {
        assert_eq!(plain(-5), "-0.05");
        assert_eq!(plain(123_450), "1234.50");
    }

    #[test]
    fn typed_amounts_become_minor_units() {
        assert_eq!(parse_minor("4500"), Some(450_000));
        assert_eq!(parse_minor("4500.5"), Some(450_050));
        assert_eq!(parse_minor(" 4 500,05 "), Some(450_005));
        assert_eq!(parse_minor("0"), Some(0));
        assert_eq!(parse_minor("12."), Some(1200));
    }

    #[test]
    fn nonsense_negative_and_absurd_amounts_are_refused() {
        for bad in [
            "",
            "-1",
            "1.234",
            "abc",
            "1e5",
            ".5",
            "99999999999999",
            "NaN",
            "1.-5",
        ] {
            assert_eq!(parse_minor(bad), None, "{bad}");
        }
    }

    #[test]
    fn form_values_round_trip() {
        assert_eq!(to_input(450_005), "4500.05");
        assert_eq!(parse_minor(&to_input(123_456)), Some(123_456));
    }
}
