//! Dashboard and reports: the manager dashboard over any period (KPIs, comparison with the
//! period before, server-drawn SVG charts), client and worker summaries, CSV exports, and the
//! daily rollups that keep all of it fast on years of data. Bets never appear here.

pub mod charts;
pub mod dashboard;
mod dashboard_view;
pub mod exports;
pub mod kpis;
pub mod period;
pub mod rollup;
pub mod routes;
pub mod snapshot;
pub mod summaries;
