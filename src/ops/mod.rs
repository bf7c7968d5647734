//! Operator commands beyond `serve`: demo data, synthetic history, user creation, backup,
//! invariant checks, the business simulator and the container health check.

pub mod backup;
pub mod check;
pub mod demo;
pub mod failpoint;
pub mod generate;
pub mod simulate;
pub mod users;
