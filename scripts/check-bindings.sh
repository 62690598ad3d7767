#!/usr/bin/env bash
# Fails when ui/src/lib/bindings differs from what the Rust types generate (stale, missing or
# extra files). Regenerates into a scratch folder, so the working tree is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
TS_RS_EXPORT_DIR="$fresh" cargo test --workspace --locked --quiet export_bindings >/dev/null
if ! diff -ru ui/src/lib/bindings "$fresh"; then
  echo >&2
  echo "check-bindings: ui/src/lib/bindings is stale. Regenerate it with:" >&2
  echo "  rm -rf ui/src/lib/bindings && cargo test --workspace export_bindings" >&2
  exit 1
fi
echo "check-bindings: $(ls "$fresh" | wc -l) binding files are current"
