#!/usr/bin/env bash
# Builds the UI and the release desktop app that serves it (tauri/custom-protocol), i.e. what
# `tauri build` builds, without bundling. Prints the binary's path on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run --silent build)
cargo build --release --locked --features tauri/custom-protocol --bin accord-app
echo "$PWD/target/release/accord-app"
