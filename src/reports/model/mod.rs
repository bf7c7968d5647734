//! Reports' pure rules: the period a report covers, the rollup sums and the KPIs derived from
//! them, chart scales, and the CSV format of the exports.

pub mod chart_scale;
pub mod exports;
pub mod kpis;
pub mod period;
pub mod sums;
