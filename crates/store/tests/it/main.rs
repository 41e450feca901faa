//! The store's test suite. Every test runs on SQLite and on PostgreSQL (see `harness`).

mod accounts;
mod export;
mod harness;
mod registry;
mod regressions;
mod reports;
