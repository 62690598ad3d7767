#!/usr/bin/env bash
# Fuzzes Accord's parsers of untrusted files with cargo-fuzz (libFuzzer, AddressSanitizer,
# nightly toolchain): contact cards, sealed envelopes, reveals, answer sheets, alliance files,
# agreement files, agreements' rendering with content of anyone's choice, and agreement
# exports read back. docs/fuzzing.md says which target covers which parser.
#
#   scripts/fuzz.sh [TARGET...]
#   # default: card envelope reveal sheet alliance agreement render export
#
# Each target runs ACCORD_FUZZ_SECONDS (default 60) seconds, starting from the committed corpus
# fuzz/corpus/<target>/, which it only reads: inputs the fuzzer finds go to a scratch folder,
# so the committed corpus (replayed by the stable tests) stays as it is. Stops with status 1 at
# the first crash; libFuzzer saves the input in fuzz/artifacts/<target>/. Prints each target's
# executions. Build with debug assertions, so integer overflow counts as a crash too.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${ACCORD_FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(card envelope reveal sheet alliance agreement render export)

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz or the nightly toolchain is missing; run scripts/install.sh" >&2
  exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
final_stat() { sed -n "s/^stat::$2: *//p" "$1"; }

started=$(date +%s)
if ! cargo +nightly fuzz build --debug-assertions >"$scratch/build.log" 2>&1; then
  tail -n 40 "$scratch/build.log" >&2
  echo "fuzz: the build failed" >&2
  exit 1
fi
echo "fuzz: built the targets in $(( $(date +%s) - started ))s"

for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target"
  log="$scratch/$target.log"
  if ! cargo +nightly fuzz run --debug-assertions "$target" "$scratch/$target" "fuzz/corpus/$target" \
      -- -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz: $target crashed; the input is in fuzz/artifacts/$target/" \
      "(replay: cargo +nightly fuzz run --debug-assertions $target fuzz/artifacts/$target/<file>)" >&2
    exit 1
  fi
  printf 'fuzz: %-9s %10s executions in %ss (%s/s), %s new inputs, peak %s MB, no crash\n' \
    "$target" "$(final_stat "$log" number_of_executed_units)" "$seconds" \
    "$(final_stat "$log" average_exec_per_sec)" "$(final_stat "$log" new_units_added)" \
    "$(final_stat "$log" peak_rss_mb)"
done
