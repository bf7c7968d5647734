//! Dashboard and reports: the manager dashboard over any period (KPIs, comparison with the
//! period before, server-drawn SVG charts), client and worker summaries, CSV exports, and the
//! daily rollups that keep all of it fast on years of data. Bets never appear here.
//!
//! Pure rules in `model/`: `period`, `kpis`, `sums`, `chart_scale`, `exports` (the CSV
//! format). `service::dashboard` gathers a period's data; `store/` holds the SQL (other
//! contexts' data only through their published views); `handlers/` and `views/` are the web
//! layer.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
