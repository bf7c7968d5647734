//! Whiskerworks: runs a small on-site services company end to end. One binary: the web app,
//! background jobs and schedules, and the operator's commands, on one SQLite file.

pub mod admin;
pub mod audit;
pub mod auth;
pub mod bets;
pub mod billing;
pub mod budget;
pub mod calendar;
pub mod catalogue;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csv_out;
pub mod db;
pub mod error;
pub mod failpoint;
pub mod hiring;
pub mod home;
pub mod i18n;
pub mod ics;
pub mod identity;
pub mod jobs;
pub mod live;
pub mod matching;
pub mod money;
pub mod notify;
pub mod ops;
pub mod orders;
pub mod outside;
pub mod profile;
pub mod quality;
pub mod quote;
pub mod reports;
pub mod startup;
pub mod state;
pub mod status;
pub mod supply;
pub mod telemetry;
pub mod validate;
pub mod web;
pub mod wiring;
pub mod work;

pub use startup::Application;
pub use state::AppState;
