#!/usr/bin/env bash
# Installs what Accord needs, builds the app and starts it. On first start the database
# (ACCORD_DB, else ~/.local/share/accord/accord.db) is created with a demo alliance.
# Extra arguments go to the app, e.g. `scripts/start.sh --db /tmp/try.db`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh
echo
echo "==> building the app (the first build takes several minutes)"
app=$(scripts/build-app.sh)

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo >&2
  echo "start: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open." >&2
  echo "start: the app is built at $app; run this from a desktop session, or under a virtual" >&2
  echo "start: display: xvfb-run -a scripts/start.sh" >&2
  exit 1
fi
echo "==> starting $app"
exec "$app" "$@"
