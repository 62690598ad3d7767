#!/usr/bin/env bash
# Installs what Accord needs and runs every test and gate: formatting, clippy, the Rust unit
# and integration tests, the generated-bindings check, the UI's type check and unit tests,
# fuzzing each parser for a bounded time (ACCORD_FUZZ_SECONDS, default 60, per target), the
# end-to-end tests against the real release app under Xvfb, and the release bundle (the .deb,
# installed and started). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

started=$(date +%s)
stage() { printf '\n==> [%4ds] %s\n' "$(( $(date +%s) - started ))" "$*"; }

stage "install"
scripts/install.sh

stage "gate: cargo fmt --check"
cargo fmt --all -- --check
cargo fmt --manifest-path fuzz/Cargo.toml --all -- --check

stage "build the UI (the app crate embeds ui/dist)"
(cd ui && npm run --silent build)

stage "gate: clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "Rust tests"
cargo test --workspace --locked

stage "gate: generated TypeScript bindings are current"
scripts/check-bindings.sh

stage "UI: svelte-check"
(cd ui && npm run --silent check)

stage "UI: unit tests"
(cd ui && npm run --silent test)

stage "fuzz: card, envelope, reveal, sheet, alliance, agreement, render, export for ${ACCORD_FUZZ_SECONDS:-60}s each (cargo-fuzz, nightly)"
scripts/fuzz.sh

stage "build the release app"
app=$(scripts/build-app.sh)
ls -l "$app"

stage "end-to-end tests (tauri-driver, WebKitWebDriver, Xvfb)"
ACCORD_E2E_APP="$app" cargo test --release --locked --features tauri/custom-protocol --test e2e -- --ignored --test-threads=1 --nocapture

stage "release bundle: the .deb built offline, checked, installed and started (tests/deb/run.sh)"
tests/deb/run.sh

stage "all tests passed in $(( $(date +%s) - started ))s"
