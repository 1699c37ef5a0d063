#!/usr/bin/env bash
# Builds the server binary and the browser bundle into target/site.
#   scripts/build.sh           debug build (what the tests use)
#   scripts/build.sh release   optimised server, size-optimised + wasm-opt'ed bundle
#   scripts/build.sh bundle    the debug browser bundle only (scripts/test.sh: `cargo test`
#                              has just built target/debug/qianyue)
#   scripts/build.sh release-bundle
#                              the release bundle only, into target/site-release (CI checks
#                              its size budget there without touching the tests' bundle)
#
# A release bundle larger than its budget (what a page loads at first — js, wasm, css —
# as brotli) fails the build; every build prints the number.
#
# This is the whole of what cargo-leptos would do for this project: two cargo builds,
# wasm-bindgen, wasm-opt and a copy of the assets. Doing it directly saves CI the
# ~13-minute cargo-leptos install and keeps the server and `cargo test` builds on the
# same features, so neither invalidates the other's incremental cache.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-debug}"
site=target/site
# KiB of brotli: the release bundle measured 469 KiB when the budget was last lowered
# (erase_components, .cargo/config.toml; it was 740 before), and 503 KiB once the console
# was in English too (issue 14: both languages' catalogs and the English wording of every
# typed value ship in the one bundle). Issue 13's goal is 350 KiB for a console page's
# first load; lower it as the bundle shrinks (loading only the page's language is one way).
budget_kib="${QY_BUNDLE_BUDGET_KIB:-510}"
export PATH="$PWD/end2end/node_modules/.bin:$PATH"

case "$mode" in
  debug)
    cargo build -p server
    cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-dev
    wasm=target/wasm32-unknown-unknown/wasm-dev/frontend.wasm
    ;;
  bundle)
    cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-dev
    wasm=target/wasm32-unknown-unknown/wasm-dev/frontend.wasm
    ;;
  release)
    cargo build -p server --release
    cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
    wasm=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
    ;;
  release-bundle)
    cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
    wasm=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
    site=target/site-release
    ;;
  *) echo "usage: $0 [debug|release|bundle|release-bundle]" >&2; exit 2 ;;
esac
release=0
case "$mode" in release*) release=1 ;; esac

rm -rf "$site" && mkdir -p "$site/pkg"
# --target web: an ES module the hydration script imports; file names follow Leptos'
# convention for a bundle built without cargo-leptos (qianyue.js + qianyue_bg.wasm).
wasm-bindgen --target web --no-typescript --out-dir "$site/pkg" --out-name qianyue "$wasm"
if [ $release -eq 1 ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    -o "$site/pkg/qianyue_bg.wasm" "$site/pkg/qianyue_bg.wasm"
fi
cp style/main.css "$site/pkg/qianyue.css"
cp -r public/. "$site/"

# Content-hashed names: the three files a page loads are named after a hash of all three,
# so browsers may keep them for a year (`immutable`) and a new build is a new name. The
# server reads the name from bundle.txt (server/src/assets.rs); the HTML refers to it.
hash=$(cat "$site/pkg/qianyue.js" "$site/pkg/qianyue_bg.wasm" "$site/pkg/qianyue.css" | sha256sum | cut -c1-16)
bundle="qianyue.$hash"
mv "$site/pkg/qianyue.js" "$site/pkg/$bundle.js"
mv "$site/pkg/qianyue_bg.wasm" "$site/pkg/${bundle}_bg.wasm"
mv "$site/pkg/qianyue.css" "$site/pkg/$bundle.css"
printf '%s\n' "$bundle" >"$site/bundle.txt"

# Precompressed beside each file, served by Accept-Encoding: the best brotli for release;
# a fast level for the debug bundle the tests load (11 MB at level 11 takes minutes).
level=5
[ $release -eq 1 ] && level=11
for file in "$site/pkg/$bundle.js" "$site/pkg/${bundle}_bg.wasm" "$site/pkg/$bundle.css"; do
  gzip -9 -n -k -f "$file"
  brotli -q "$level" -k -f "$file"
done

size() { stat -c %s "$1"; }
raw=$(size "$site/pkg/${bundle}_bg.wasm")
gz=$(size "$site/pkg/${bundle}_bg.wasm.gz")
br=$(size "$site/pkg/${bundle}_bg.wasm.br")
initial=$(( $(size "$site/pkg/$bundle.js.br") + br + $(size "$site/pkg/$bundle.css.br") ))
echo "built $mode: $bundle, wasm $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzip, $((br / 1024)) KiB brotli"
if [ $release -eq 1 ]; then
  echo "initial bundle (js + wasm + css, brotli): $((initial / 1024)) KiB of a $budget_kib KiB budget"
  if [ $((initial / 1024)) -gt "$budget_kib" ]; then
    echo "the initial bundle is over its budget (QY_BUNDLE_BUDGET_KIB=$budget_kib in scripts/build.sh)" >&2
    exit 1
  fi
fi
