//! How the contexts are tied together, built once for the web app, the jobs and the
//! command-line tools: the order lifecycle's calls into the contexts built on it. An entry
//! layer: it may import every context, and nothing below it imports it.

use crate::orders::service::Hooks;

/// Wires the order lifecycle to the contexts built on it: quality queues the orders it
/// reviews, matching keeps the running ratings and says whether it finds workers itself.
pub fn order_hooks() -> Hooks {
    Hooks {
        status_changed: crate::quality::queue::on_status,
        rated: crate::matching::store::add_rating,
        auto_matching: |conn| Ok(crate::matching::store::settings(conn)?.enabled),
        withdrew_late: crate::quality::queue::on_late_withdrawal,
    }
}
