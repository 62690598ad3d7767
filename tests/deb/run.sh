#!/usr/bin/env bash
# The release bundle, end to end: builds the .deb with the Tauri bundler (`tauri build --bundles
# deb`, which reuses a current release build and ui/dist), without network where the machine
# allows it; checks its size (goal: under 10 MB); installs it with apt; starts the installed
# app once on a private Xvfb display with a temporary database and waits until its alliance
# list shows (scripts/headless.py smoke); closes the window and expects exit status 0; checks
# that the database now holds the demo alliance. The package is removed again afterwards
# unless it was installed before. Idempotent; needs root or sudo. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
limit=$((10 * 1000 * 1000))

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

version=$(node -p 'require("./tauri.conf.json").version')
arch=$(dpkg --print-architecture)
deb="$target/release/bundle/deb/Accord_${version}_${arch}.deb"

# Offline: cargo may not fetch, and where network namespaces are allowed (as root, or as a
# user where user namespaces are enabled; not in every container) the bundler runs with no
# network at all, so a bundler that tried to download a tool would fail here.
build=(ui/node_modules/.bin/tauri build --bundles deb --ci -- --locked --offline)
export CARGO_NET_OFFLINE=true
if unshare --net true 2>/dev/null; then
  echo "deb: building without network (unshare --net)"
  unshare --net "${build[@]}"
elif unshare --net --map-root-user true 2>/dev/null; then
  echo "deb: building without network (unshare --net --map-root-user)"
  unshare --net --map-root-user "${build[@]}"
else
  echo "deb: network namespaces are not available here; building with cargo offline only"
  "${build[@]}"
fi

[ -f "$deb" ] || { echo "deb: $deb was not built" >&2; exit 1; }
size=$(stat -c %s "$deb")
installed_kib=$(dpkg-deb --field "$deb" Installed-Size)
awk -v deb="$deb" -v size="$size" -v limit="$limit" -v kib="$installed_kib" 'BEGIN {
  printf "deb: %s is %d bytes (%.2f MB; goal under %d MB); installed size %.1f MB\n",
    deb, size, size / 1e6, limit / 1e6, kib * 1024 / 1e6 }'
if [ "$size" -ge "$limit" ]; then
  echo "deb: the package is over the size goal" >&2
  exit 1
fi
for dep in libwebkit2gtk-4.1-0 libgtk-3-0; do
  dpkg-deb --field "$deb" Depends | grep -q "$dep" || { echo "deb: Depends lacks $dep" >&2; exit 1; }
done

package=$(dpkg-deb --field "$deb" Package)
was_installed=false
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  was_installed=true
fi
scratch=$(mktemp -d)
cleanup() {
  rm -rf "$scratch"
  if [ "$was_installed" = false ]; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$package" >/dev/null || true
  fi
}
trap cleanup EXIT

# --reinstall: the same version number may hold a newer build.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall --no-install-recommends "$deb"
binary=$(dpkg -L "$package" | grep '^/usr/bin/' | head -n 1)
[ -x "$binary" ] || { echo "deb: the package installs no program in /usr/bin" >&2; exit 1; }
echo "deb: installed $binary ($("$binary" --version))"

db="$scratch/accord.db"
python3 scripts/headless.py smoke --timeout 90 -- "$binary" --db "$db"
[ -f "$db" ] || { echo "deb: the installed app did not create $db" >&2; exit 1; }
listed=$(cargo run --quiet --locked -p accord-cli -- --db "$db" alliance list --format json)
python3 -c 'import json, sys; a = json.loads(sys.argv[1]); sys.exit(not (len(a) == 1 and a[0]["name"].startswith("Demo")))' "$listed" || {
  echo "deb: expected the demo alliance in $db, found: $listed" >&2; exit 1; }
echo "deb: the installed app started, showed its list with the demo alliance and closed cleanly"
