//! The review queue as the order lifecycle and the manager's order page see it.

pub use super::service::queue::{on_late_withdrawal, on_status};
pub use super::store::reviews::review_of_order;
