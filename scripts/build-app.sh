#!/usr/bin/env bash
# Builds the UI and the release desktop app that serves it (tauri/custom-protocol), i.e. what
# `tauri build` builds, without bundling. Prints the binary's path on the last line.
# The UI is rebuilt only when its sources are newer than ui/dist (scripts/build-ui.sh), so an
# unchanged tree does not make cargo re-embed the assets and relink.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-ui.sh
cargo build --release --locked --features tauri/custom-protocol --bin accord-app >&2
echo "${CARGO_TARGET_DIR:-$PWD/target}/release/accord-app"
