#!/usr/bin/env bash
# Builds the UI into ui/dist when its sources are newer than the last build (or there is none),
# and otherwise does nothing: cargo re-embeds ui/dist and relinks the app whenever its files
# change, even to the same bytes. Used by build-app.sh and as the Tauri CLI's
# beforeBuildCommand (tauri.conf.json), so `tauri build` reuses an up-to-date release build.
set -euo pipefail
cd "$(dirname "$0")/../ui"
if [ ! -f dist/index.html ] || [ -n "$(find src index.html package.json package-lock.json vite.config.ts -newer dist/index.html -print -quit)" ]; then
  npm run --silent build >&2
fi
