//! The schedule: recurring bookings (series) and their visits, moving an order to another
//! time (reschedule), reminders before a visit, and the managers' dispatch board.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
