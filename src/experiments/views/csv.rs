//! An experiment's results as CSV: one row per metric, arm and day of first decision, with the
//! day's sums, so anyone can recompute every figure on the page.

use crate::csv_out::row;
use crate::experiments::store::{Experiment, ResultRow};
use crate::web::ctx::Ctx;

pub fn results(ctx: &Ctx, e: &Experiment, rows: &[ResultRow]) -> String {
    let mut out = String::new();
    let header = [
        "experiment",
        "metric",
        "metric_name",
        "arm",
        "arm_label",
        "day",
        "units",
        "sum",
        "sum_of_squares",
    ];
    row(&header.map(String::from), &mut out);
    for r in rows {
        let label = e
            .arms
            .iter()
            .find(|a| a.arm == r.arm)
            .map(|a| a.spec.label.clone())
            .unwrap_or_default();
        row(
            &[
                e.id.to_string(),
                r.metric.as_str().to_string(),
                ctx.t(r.metric.label_key()),
                r.arm.to_string(),
                label,
                r.day.to_string(),
                r.n.to_string(),
                r.total.to_string(),
                r.total_sq.to_string(),
            ],
            &mut out,
        );
    }
    out
}
