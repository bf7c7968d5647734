//! Operator commands beyond `serve`: demo data, synthetic history, user creation, backups
//! (taken by hand, on a schedule, and restored),
//! invariant checks, the business simulator and the container health check.

pub mod backup;
pub mod backups;
pub mod check;
pub mod demo;
pub mod failpoint;
pub mod generate;
pub mod restore;
pub mod simulate;
pub mod users;
