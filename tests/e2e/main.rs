//! End-to-end tests: the real release app (built with `tauri/custom-protocol`) driven through
//! tauri-driver and WebKitWebDriver under Xvfb, one module per user job.
//!
//! These tests are `#[ignore]`d in a plain `cargo test` because they need the built app, Xvfb
//! and tauri-driver; `scripts/test.sh` builds the app and runs them with
//! `ACCORD_E2E_APP=<binary> cargo test --release --features tauri/custom-protocol --test e2e
//! -- --ignored`. Each test gets its own display, driver port and database.

mod support;

mod compare;
mod exchange;
mod negotiation;
mod revisit;
mod setup;
mod single_instance;
