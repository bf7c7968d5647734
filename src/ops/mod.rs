//! Operator commands beyond `serve`: demo data, synthetic history, user creation, restores,
//! invariant checks, the matching replay report, the business simulator and the container
//! health check.

pub mod check;
pub mod demo;
pub mod generate;
pub mod power;
pub mod replay;
pub mod restore;
pub mod simulate;
pub mod users;
