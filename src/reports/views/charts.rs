//! Charts drawn on the server as SVG: stacked vertical bars (orders per day by status,
//! revenue per week) and horizontal bars (the hiring funnel). Each chart names itself with
//! `<title>` and `<desc>`, labels its axes, scales to the page width, and comes with the same
//! numbers as a table for screen readers and for anyone who wants the exact values. The
//! scaling rules are in `model/chart_scale.rs`.

use maud::{Markup, html};

use crate::reports::model::chart_scale::nice_max;

/// One coloured part of every bar (a status, say); `class` picks its colour in the CSS.
pub struct Series {
    pub label: String,
    pub class: &'static str,
    pub values: Vec<i64>,
}

pub struct BarChart<'a> {
    /// Unique on the page: the ids of the title and description derive from it.
    pub id: &'a str,
    pub title: String,
    pub desc: String,
    pub x_axis: String,
    pub y_axis: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    /// How the table shows a value (money in the user's format, say).
    pub show: &'a dyn Fn(i64) -> String,
    /// How the axis shows a value (short: "12k").
    pub tick: &'a dyn Fn(i64) -> String,
    pub table_caption: String,
    pub total_label: String,
}

const W: i64 = 640;
const H: i64 = 260;
const LEFT: i64 = 56;
const RIGHT: i64 = 12;
const TOP: i64 = 14;
const BOTTOM: i64 = 46;
/// At most this many x labels are written; the rest are in the table.
const MAX_X_LABELS: usize = 8;

pub fn stacked_bars(chart: &BarChart) -> Markup {
    let n = chart.labels.len().max(1) as i64;
    let totals: Vec<i64> = (0..chart.labels.len())
        .map(|i| chart.series.iter().map(|s| s.values[i].max(0)).sum())
        .collect();
    let top = nice_max(totals.iter().copied().max().unwrap_or(0));
    let (plot_w, plot_h) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let slot = plot_w as f64 / n as f64;
    let bar = (slot * 0.8).max(1.0);
    let y = |v: i64| TOP as f64 + plot_h as f64 * (1.0 - v as f64 / top as f64);
    let label_every = chart.labels.len().div_ceil(MAX_X_LABELS).max(1);
    let x_of = |i: usize| LEFT as f64 + slot * i as f64 + (slot - bar) / 2.0;
    // Each non-zero part of each bar, stacked from the axis up: (x, y, height, class, tooltip).
    let mut rects = Vec::new();
    for (i, label) in chart.labels.iter().enumerate() {
        let mut base = 0;
        for s in &chart.series {
            let v = s.values[i].max(0);
            if v > 0 {
                let tip = format!("{label} · {}: {}", s.label, (chart.show)(v));
                rects.push((x_of(i), y(base + v), y(base) - y(base + v), s.class, tip));
            }
            base += v;
        }
    }
    // Gridlines from the axis up, each only when its label differs from the one below: a
    // chart of zeros (or of amounts under one step of the axis' unit) gets one "0" line,
    // not five lines all labelled "0".
    let mut ticks: Vec<(i64, String)> = Vec::new();
    for i in 0..=4 {
        let v = top * i / 4;
        let label = (chart.tick)(v);
        if ticks.last().is_none_or(|(_, below)| *below != label) {
            ticks.push((v, label));
        }
    }
    let (title_id, desc_id) = (format!("{}-title", chart.id), format!("{}-desc", chart.id));
    html! {
        figure.chart id=(chart.id) {
            svg viewBox={ "0 0 " (W) " " (H) } role="img" aria-labelledby={ (title_id) " " (desc_id) }
                xmlns="http://www.w3.org/2000/svg" {
                title id=(title_id) { (chart.title) }
                desc id=(desc_id) { (chart.desc) }
                @for (v, label) in &ticks {
                    line.grid x1=(LEFT) x2=(W - RIGHT) y1=(fmt(y(*v))) y2=(fmt(y(*v))) {}
                    text.tick x=(LEFT - 6) y=(fmt(y(*v) + 4.0)) text-anchor="end" { (label) }
                }
                @for (x, y, h, class, tip) in &rects {
                    rect class={ "bar " (class) } x=(fmt(*x)) y=(fmt(*y)) width=(fmt(bar)) height=(fmt(*h)) {
                        title { (tip) }
                    }
                }
                @for (i, label) in chart.labels.iter().enumerate().step_by(label_every) {
                    text.tick x=(fmt(x_of(i) + bar / 2.0)) y=(H - BOTTOM + 16) text-anchor="middle" { (label) }
                }
                line.axis x1=(LEFT) x2=(W - RIGHT) y1=(H - BOTTOM) y2=(H - BOTTOM) {}
                text.axis-label x=(LEFT + plot_w / 2) y=(H - 6) text-anchor="middle" { (chart.x_axis) }
                text.axis-label.y-title x="14" y=(TOP + plot_h / 2) text-anchor="middle"
                    transform={ "rotate(-90 14 " (TOP + plot_h / 2) ")" } { (chart.y_axis) }
            }
            @if chart.series.len() > 1 {
                ul.legend {
                    @for s in &chart.series {
                        li { span class={ "swatch " (s.class) } aria-hidden="true" {} (s.label) }
                    }
                }
            }
            (data_table(chart, &totals))
        }
    }
}

fn data_table(chart: &BarChart, totals: &[i64]) -> Markup {
    let many = chart.series.len() > 1;
    html! {
        details.chart-data {
            summary { (chart.table_caption) }
            div.table-wrap tabindex="0" { table {
                thead { tr {
                    th scope="col" { (chart.x_axis) }
                    @for s in &chart.series { th scope="col" { (s.label) } }
                    @if many { th scope="col" { (chart.total_label) } }
                } }
                tbody {
                    @for (i, label) in chart.labels.iter().enumerate() {
                        tr {
                            th scope="row" { (label) }
                            @for s in &chart.series { td.num { ((chart.show)(s.values[i])) } }
                            @if many { td.num { ((chart.show)(totals[i])) } }
                        }
                    }
                }
            } }
        }
    }
}

/// Horizontal bars, one per stage (the hiring funnel), each labelled with its count.
pub fn funnel(id: &str, title: &str, desc: &str, stages: &[(String, i64)]) -> Markup {
    let row_h = 34;
    let height = TOP + row_h * stages.len() as i64 + 8;
    // Wide enough for the longest label (about 8 units a character), within reason.
    let longest = stages
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0) as i64;
    let label_w = (longest * 8 + 16).clamp(120, 320);
    let max = stages.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        figure.chart id=(id) {
            svg viewBox={ "0 0 " (W) " " (height) } role="img" aria-labelledby={ (title_id) " " (desc_id) }
                xmlns="http://www.w3.org/2000/svg" {
                title id=(title_id) { (title) }
                desc id=(desc_id) { (desc) }
                @for (i, (label, v)) in stages.iter().enumerate() {
                    @let y = TOP + row_h * i as i64;
                    @let w = ((W - label_w - 70) as f64 * (*v).max(0) as f64 / max as f64).max(1.0);
                    text.tick x=(label_w - 8) y=(y + 20) text-anchor="end" { (label) }
                    rect class="bar funnel" x=(label_w) y=(y + 4) width=(fmt(w)) height=(row_h - 10) {
                        title { (label) ": " (v) }
                    }
                    text.value x=(fmt(label_w as f64 + w + 6.0)) y=(y + 20) { (v) }
                }
            }
        }
    }
}

/// Coordinates with one decimal: small pages, no visible rounding.
fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_labelled_escaped_and_has_its_table() {
        let show = |v: i64| v.to_string();
        let chart = BarChart {
            id: "orders-chart",
            title: "Orders <per day>".into(),
            desc: "Two days".into(),
            x_axis: "Day".into(),
            y_axis: "Orders".into(),
            labels: vec!["1 Nov".into(), "2 Nov".into()],
            series: vec![
                Series {
                    label: "Completed".into(),
                    class: "completed",
                    values: vec![3, 0],
                },
                Series {
                    label: "Cancelled".into(),
                    class: "cancelled",
                    values: vec![1, 2],
                },
            ],
            show: &show,
            tick: &show,
            table_caption: "Data".into(),
            total_label: "Total".into(),
        };
        let html = stacked_bars(&chart).into_string();
        assert!(html.contains(r#"aria-labelledby="orders-chart-title orders-chart-desc""#));
        assert!(html.contains("Orders &lt;per day&gt;"));
        assert!(html.contains("1 Nov · Completed: 3"));
        // A zero part draws nothing; the table still lists it, with the day's total.
        assert!(!html.contains("2 Nov · Completed"));
        assert_eq!(html.matches("<rect").count(), 3);
        assert!(html.contains("<td class=\"num\">4</td>"));
    }

    #[test]
    fn a_chart_of_zeros_draws_one_zero_line() {
        let show = |v: i64| v.to_string();
        let in_roubles = |minor: i64| (minor / 100).to_string();
        let chart = BarChart {
            id: "owed-chart",
            title: "Owed".into(),
            desc: "Nothing owed".into(),
            x_axis: "Day".into(),
            y_axis: "Owed".into(),
            labels: vec!["1 Nov".into(), "2 Nov".into()],
            series: vec![Series {
                label: "Owed".into(),
                class: "revenue",
                values: vec![0, 0],
            }],
            show: &show,
            tick: &in_roubles,
            table_caption: "Data".into(),
            total_label: "Total".into(),
        };
        let html = stacked_bars(&chart).into_string();
        assert_eq!(html.matches("class=\"grid\"").count(), 1, "{html}");
        assert_eq!(html.matches("class=\"tick\" x=\"50\"").count(), 1, "{html}");
    }
}
