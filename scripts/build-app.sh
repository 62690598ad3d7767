#!/usr/bin/env bash
# Builds the UI and the release desktop app that serves it (tauri/custom-protocol), i.e. what
# `tauri build` builds, without bundling. Prints the binary's path on the last line.
# The UI is rebuilt only when its sources are newer than ui/dist, so an unchanged tree does
# not make cargo re-embed the assets and relink.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/index.html ui/package.json ui/vite.config.ts -newer ui/dist/index.html -print -quit)" ]; then
  (cd ui && npm run --silent build) >&2
fi
cargo build --release --locked --features tauri/custom-protocol --bin accord-app >&2
echo "$PWD/target/release/accord-app"
