//! The reports' markup (maud, no SQL): the dashboard page and its charts and panels, and the
//! summary panels on the client's and the worker's home pages.

pub mod archives;
pub mod charts;
pub mod dashboard;
mod dashboard_charts;
mod dashboard_panels;
pub mod summaries;
