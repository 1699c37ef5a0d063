#!/usr/bin/env bash
# Installs what building and testing Qianyue needs, skipping whatever is already there,
# so a fresh machine takes minutes and a warm one seconds. Idempotent.
#   scripts/setup.sh          tools for building and running the app
#   scripts/setup.sh --test   plus PostgreSQL and the browser for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pin in Cargo.toml
WASM_SPLIT_VERSION=0.2.4       # reads what wasm_split_helpers (through leptos) writes
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Contract PDF font: Noto Sans SC Regular + Bold (OFL-1.1) from npm `@embedpdf/fonts-sc`,
# pinned with its integrity hash in fonts/package-lock.json (see fonts/README.md).
if [ ! -f fonts/node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Bold.otf ] || [ fonts/package-lock.json -nt fonts/node_modules/.package-lock.json ]; then
  log "npm ci (fonts)"
  (cd fonts && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian packages: a C toolchain for sqlite, brotli for the precompressed bundle, Python
# for the bundle's size report (scripts/bundle-sizes.py), and for tests Chromium,
# PostgreSQL, and the poppler and NSS tools the PDF tests check documents and signatures
# with.
apt_install ca-certificates pkg-config brotli python3
if [ $want_test -eq 1 ]; then
  apt_install chromium postgresql poppler-utils libnss3-tools openssl
fi

# Python tools of the tests, each pinned in a requirements file and kept in a virtual
# environment of its own, which target/<name>-venv links to: moto, the S3-compatible
# server the object-store tests run against (scripts/s3-test.sh), Schemathesis, which
# checks the billing API against its OpenAPI document (scripts/api-check.sh), and pyHanko.
# The environments live outside the checkout, like cargo's tools and registry, in folders
# named after the requirements and the Python that made them: a fresh clone on a machine
# that has run the tests before links them in a second instead of installing them again
# (about 100 s of a CI run). A lock keeps two setups from building one at the same time;
# `.complete` marks one whose install finished.
venv_home="${XDG_CACHE_HOME:-$HOME/.cache}/qianyue"
pip_venv() {
  local link=$1 requirements=$2
  local pinned key venv
  pinned=$(grep -v '^#' "$requirements" | sed 's/\[[a-z]*\]//')
  key=$( (python3 --version; cat "$requirements") | sha256sum | cut -c1-16)
  venv="$venv_home/$(basename "$link")-$key"
  mkdir -p "$venv_home"
  (
    flock 9
    if [ ! -f "$venv/.complete" ] || ! "$venv/bin/pip" freeze 2>/dev/null | grep -qxF "$pinned"; then
      python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
      log "pip install $pinned ($venv)"
      rm -rf "$venv"
      python3 -m venv "$venv"
      "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
      touch "$venv/.complete"
    fi
  ) 9>"$venv.lock"
  mkdir -p "$(dirname "$link")"
  rm -rf "$link"
  ln -s "$venv" "$link"
}
if [ $want_test -eq 1 ]; then
  pip_venv target/moto-venv scripts/s3-test-requirements.txt
  pip_venv target/schemathesis-venv scripts/api-check-requirements.txt
  pip_venv target/pyhanko-venv scripts/pyhanko-requirements.txt
fi

# Rust: the WebAssembly target and the wasm-bindgen CLI matching the crate version.
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# clippy and rustfmt: the tests lint and check formatting (scripts/test.sh).
if [ $want_test -eq 1 ]; then
  for component in clippy rustfmt; do
    if ! rustup component list --installed | grep -q "^$component"; then
      log "rustup component add $component"
      rustup component add "$component"
    fi
  done
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  # Not --locked: a crate pinned in its lock file is gone from the registry (TOOLCHAIN.md).
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (~4 min)"
  cargo install --quiet wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-split-cli cuts the browser bundle into a piece per page (scripts/build.sh,
# app/src/routes.rs); its runtime half (wasm_split_helpers) comes with leptos.
if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (~1 min)"
  cargo install --quiet --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# binaryen's wasm-opt for the release bundle (scripts/build.sh), native, for the tests: the
# cargo crate builds binaryen 116 from source once (~15 min on 2 cores). npm's binaryen
# (132, compiled to run under node; installed below, and what a first `scripts/run.sh`
# uses) took about 270 s of each CI run for the ~160 modules of the release bundle, this
# one about 30.
if [ $want_test -eq 1 ] &&
  [ "$("${CARGO_HOME:-$HOME/.cargo}/bin/wasm-opt" --version 2>/dev/null)" != "wasm-opt version 116 (version_116)" ]; then
  log "cargo install wasm-opt 0.116.1 (~15 min)"
  cargo install --quiet --locked wasm-opt --version 0.116.1
fi

# cargo-nextest runs the Rust tests, each in its own process under a time bound (the
# machine image ships it; a machine without it builds it once, ~5 min).
if [ $want_test -eq 1 ] && ! cargo nextest --version >/dev/null 2>&1; then
  log "cargo install cargo-nextest (~5 min)"
  cargo install --quiet --locked cargo-nextest
fi

# npm: Playwright's test runner (it drives Debian's Chromium; no browser download) and
# binaryen: wasm-opt for the release bundle when there is no native one (Debian's is too
# old, TOOLCHAIN.md), and wasm-merge for every bundle (scripts/wasm-packs.py).
if [ ! -x end2end/node_modules/.bin/playwright ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  log "npm ci (end2end)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi
log "tools ready"
