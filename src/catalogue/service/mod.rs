//! The catalogue's use cases that do more than one write: keeping the skills list (audited).

pub mod skills;
