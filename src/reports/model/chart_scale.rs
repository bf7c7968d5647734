//! Chart scaling: round axis maxima and the short numbers on an axis. Pure; the SVG is
//! drawn in `views/charts.rs`.

/// A round axis maximum at or above `max`: 1, 2 or 5 times a power of ten, at least 4 so
/// four grid lines land on whole numbers.
pub fn nice_max(max: i64) -> i64 {
    let max = max.max(4);
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step * 4 >= max {
                return m * step * 4;
            }
        }
        step *= 10;
    }
}

/// A short count for an axis: 950, 1.2k, 34k, 1.5M.
pub fn compact(v: i64) -> String {
    let a = v.abs();
    let sign = if v < 0 { "-" } else { "" };
    let short = |unit: i64, suffix: &str| {
        let tenths = a * 10 / unit;
        if tenths % 10 == 0 || tenths >= 100 {
            format!("{sign}{}{suffix}", tenths / 10)
        } else {
            format!("{sign}{}.{}{suffix}", tenths / 10, tenths % 10)
        }
    };
    match a {
        0..1_000 => v.to_string(),
        1_000..1_000_000 => short(1_000, "k"),
        _ => short(1_000_000, "M"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_maxima_are_round_and_cover_the_data() {
        assert_eq!(nice_max(0), 4);
        assert_eq!(nice_max(3), 4);
        assert_eq!(nice_max(7), 8);
        assert_eq!(nice_max(9), 20);
        assert_eq!(nice_max(41), 80);
        assert_eq!(nice_max(120), 200);
        assert_eq!(nice_max(12_345), 20_000);
    }

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(950), "950");
        assert_eq!(compact(1_250), "1.2k");
        assert_eq!(compact(34_000), "34k");
        assert_eq!(compact(1_500_000), "1.5M");
        assert_eq!(compact(-2_000), "-2k");
    }
}
