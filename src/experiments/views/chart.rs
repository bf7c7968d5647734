//! A metric's chart: the difference from the control as it stood after each day, with its
//! always-valid band and the zero line, drawn as an inline SVG that scales to the screen.

use maud::{Markup, PreEscaped, html};

use crate::experiments::model::stats::Interval;

const W: f64 = 600.0;
const H: f64 = 160.0;
const PAD: f64 = 8.0;

/// `days`: each day's interval (none before there is enough data). `label` names the chart for
/// screen readers and `caption` says how to read it; the table beside it carries the figures.
pub fn difference_chart(label: &str, caption: &str, days: &[Option<Interval>]) -> Markup {
    let known: Vec<(usize, Interval)> = days
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.map(|d| (i, d)))
        .collect();
    if known.len() < 2 {
        return html! {};
    }
    let lo = known.iter().map(|(_, d)| d.low).fold(0.0_f64, f64::min);
    let hi = known.iter().map(|(_, d)| d.high).fold(0.0_f64, f64::max);
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let x = |i: usize| PAD + (W - 2.0 * PAD) * i as f64 / (days.len().max(2) - 1) as f64;
    let y = |v: f64| PAD + (H - 2.0 * PAD) * (hi - v) / span;
    let points = |f: &dyn Fn(&Interval) -> f64| -> Vec<String> {
        known
            .iter()
            .map(|(i, d)| format!("{:.1},{:.1}", x(*i), y(f(d))))
            .collect()
    };
    let upper = points(&|d| d.high);
    let mut lower = points(&|d| d.low);
    lower.reverse();
    let band = [upper, lower].concat().join(" ");
    let line = points(&|d| d.estimate).join(" ");
    let zero = y(0.0);
    html! {
        figure.experiment-chart-figure {
        svg.experiment-chart viewBox={ "0 0 " (W) " " (H) } role="img" aria-label=(label) preserveAspectRatio="none" {
            polygon points=(band) fill="currentColor" fill-opacity="0.15" {}
            line x1=(PAD) x2=(W - PAD) y1=(format!("{zero:.1}")) y2=(format!("{zero:.1}")) stroke="currentColor" stroke-dasharray="4 4" stroke-opacity="0.6" {}
            polyline points=(line) fill="none" stroke="currentColor" stroke-width="2" {}
            (PreEscaped(""))
        }
        figcaption.muted.small { (caption) }
        }
    }
}
