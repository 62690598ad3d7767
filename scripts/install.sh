#!/usr/bin/env bash
# Installs everything Accord needs to build, run and test on Debian 12, and nothing twice:
# apt packages, the Rust components and nightly toolchain, tauri-driver and cargo-fuzz, a
# Python virtual environment (.venv) for the envelope verifier and the export checks, and the
# UI's npm packages.
# Idempotent; works as root or as a user with sudo; never prompts.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install: not root and sudo is missing; install sudo or run as root" >&2; exit 1
  fi
fi

# Build: compilers and WebKitGTK. Run and test headless: Xvfb, WebKitWebDriver, D-Bus.
# Interoperability tests: the age tool, and Python's venv for the envelope verifier. Export
# tests (crates/export/tests/tools.rs): poppler's PDF tools, cmark and cmark-gfm.
APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  xvfb xauth webkit2gtk-driver dbus dbus-x11 imagemagick
  age python3-venv
  poppler-utils cmark cmark-gfm
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  step "apt: all ${#APT_PACKAGES[@]} packages present"
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install: $tool is missing; install the Rust toolchain and Node 20 first" >&2; exit 1; }
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "install: Node $node_major found; Accord needs Node 20 or newer" >&2; exit 1
fi

if command -v rustup >/dev/null 2>&1; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || {
      step "rustup: adding $component"; rustup component add "$component"; }
  done
fi

# Fuzzing (scripts/fuzz.sh): cargo-fuzz runs on the nightly toolchain.
if command -v rustup >/dev/null 2>&1; then
  rustup toolchain list | grep '^nightly' >/dev/null || {
    step "rustup: adding the nightly toolchain (for cargo-fuzz)"
    rustup toolchain install nightly --profile minimal; }
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  step "cargo: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
else
  step "cargo: cargo-fuzz present"
fi

# Python packages from PyPI, in a virtual environment at the repository root: cryptography for
# the independent envelope verifier (scripts/verify-envelope.py), html5lib and jsonschema for
# the export tests (the HTML parses strictly, the JSON export validates against its schema).
PYTHON_PACKAGES=('cryptography>=42,<51' 'html5lib>=1.1,<2' 'jsonschema>=4.18,<5')
has_python_packages='
import sys
from importlib.metadata import version
def major(name): return int(version(name).split(".")[0])
import cryptography, html5lib, jsonschema
sys.exit(not (42 <= major("cryptography") < 51 and major("html5lib") == 1 and major("jsonschema") == 4))'
if ! .venv/bin/python -c "$has_python_packages" >/dev/null 2>&1; then
  step "python: installing ${PYTHON_PACKAGES[*]} into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "${PYTHON_PACKAGES[@]}"
else
  step "python: .venv has cryptography, html5lib and jsonschema"
fi

TAURI_DRIVER_VERSION=2.1.0
if ! command -v tauri-driver >/dev/null 2>&1 || ! tauri-driver --help >/dev/null 2>&1; then
  step "cargo: installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
else
  step "cargo: tauri-driver present"
fi

# npm install (not ci: this npm leaves other platforms' optional packages out of the lock
# file, which ci then refuses) only when the lock file changed since the last install.
stamp=ui/node_modules/.accord-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  step "npm: installing the UI's packages"
  (cd ui && npm install --no-audit --no-fund)
  cp ui/package-lock.json "$stamp"
else
  step "npm: UI packages up to date"
fi
