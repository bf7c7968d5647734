//! How the experiments' numbers read: shares as percent, means in their unit, differences
//! signed, with the locale's decimal mark.

use crate::experiments::model::{Metric, Shape};
use crate::i18n::Lang;
use crate::web::ctx::Ctx;

fn decimal(ctx: &Ctx, x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    // "-0.0" reads as a sign with no meaning.
    let s = if s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    if ctx.tr.lang == Lang::Ru {
        s.replace('.', ",")
    } else {
        s
    }
}

/// The stored mean (or share) in the metric's own reading.
fn scaled(metric: Metric, x: f64) -> f64 {
    match metric.shape() {
        Shape::Share => x * 100.0,
        Shape::Mean { scale } => x / scale as f64,
    }
}

fn unit(ctx: &Ctx, metric: Metric, difference: bool) -> String {
    match (metric.shape(), difference) {
        (Shape::Share, false) => "%".to_string(),
        (Shape::Share, true) => format!(" {}", ctx.t("unit-percentage-points")),
        _ => match metric {
            Metric::MinutesToAssign => format!(" {}", ctx.t("unit-minutes")),
            _ => String::new(),
        },
    }
}

/// An arm's mean or share: "4.12", "12.5%", "38 min".
pub fn value(ctx: &Ctx, metric: Metric, x: f64) -> String {
    let places = if metric == Metric::MinutesToAssign {
        0
    } else if metric.shape() == Shape::Share {
        1
    } else {
        2
    };
    format!(
        "{}{}",
        decimal(ctx, scaled(metric, x), places),
        unit(ctx, metric, false)
    )
}

/// A difference between arms, signed: "+0.27", "−1.5 pp".
pub fn difference(ctx: &Ctx, metric: Metric, x: f64) -> String {
    let places = if metric == Metric::MinutesToAssign {
        0
    } else if metric.shape() == Shape::Share {
        1
    } else {
        2
    };
    let v = scaled(metric, x);
    let text = decimal(ctx, v.abs(), places);
    let sign = if text.chars().all(|c| c == '0' || c == '.' || c == ',') {
        ""
    } else if v < 0.0 {
        "−"
    } else {
        "+"
    };
    format!("{sign}{text}{}", unit(ctx, metric, true))
}

/// An interval in words: "from +0.12 to +0.41".
pub fn range(ctx: &Ctx, metric: Metric, low: f64, high: f64, signed: bool) -> String {
    let f = |x| {
        if signed {
            difference(ctx, metric, x)
        } else {
            value(ctx, metric, x)
        }
    };
    ctx.tr.t_args(
        "experiment-range",
        &[("low", f(low).into()), ("high", f(high).into())],
    )
}
