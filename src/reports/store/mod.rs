//! The reports' SQL: the daily rollups it owns (`report_days` and its markers), and reads of
//! the other contexts' data through their published views only.

pub mod archives;
pub mod exports;
pub mod rollup;
pub mod snapshot;
pub mod summaries;
