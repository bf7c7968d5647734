//! Hiring's use cases: applying, tests assigned and taken, screening policies and their
//! decisions, re-certification, and the default screening a fresh install starts with.

pub mod apply;
pub mod attempts;
pub mod defaults;
pub mod experiments;
pub mod followup;
pub mod recert;
pub mod screening;
