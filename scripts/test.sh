#!/usr/bin/env bash
# README command 2: set up, then run every test — formatting and lints, unit and property
# tests, the service integration tests on SQLite and on a real PostgreSQL, the HTTP tests,
# and the Playwright suite in Debian's Chromium against the real server binary.
#
# Nothing here can hang silently: every step runs under a time bound and a step that
# fails or outlives it ends the run naming the step; inside the steps each Rust test is
# bounded by cargo-nextest (.config/nextest.toml), each HTTP request of the server tests
# by its own timeout, and the browser suite by Playwright's per-test and global timeouts.
set -euo pipefail
cd "$(dirname "$0")/.."

# step NAME MINUTES COMMAND...: one bounded step. `timeout` signals the command's whole
# process group (a server a step started goes with it); --kill-after follows up with KILL.
step() {
  local name=$1 minutes=$2 started=$SECONDS rc=0
  shift 2
  printf '\n\033[1;34m== %s ==\033[0m (at most %s min)\n' "$name" "$minutes"
  timeout --kill-after=20s "${minutes}m" "$@" || rc=$?
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    printf '\033[1;31mstep "%s" did not finish within %s minutes: stopped\033[0m\n' "$name" "$minutes"
    exit 1
  elif [ $rc -ne 0 ]; then
    printf '\033[1;31mstep "%s" failed (exit %s)\033[0m\n' "$name" "$rc"
    exit "$rc"
  fi
  printf 'step "%s": %s s\n' "$name" $((SECONDS - started))
}

# On a bare machine: Chromium and PostgreSQL, wasm-bindgen-cli (~4 min), binaryen's
# wasm-opt (~15 min), the Python tools (~2 min); seconds on a machine that has them.
step "setup (installs what is missing)" 45 scripts/setup.sh --test

# Tests' scratch files (SQLite databases, PDFs, keys) in one folder under target/, emptied
# before and after, so repeated runs do not fill /tmp.
export TMPDIR="$PWD/target/test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"; scripts/pg-test.sh --clean || true; scripts/s3-test.sh --stop' EXIT
# A CI checkout builds once: incremental state would only add gigabytes to its disk.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi

step "formatting (cargo fmt --check)" 2 cargo fmt --all --check
# The repository is complete on its own: its documents cite nothing outside it.
step "README and docs/ refer to nothing outside the repository" 1 bash -c \
  '! grep -n "\.\./shared" README.md docs/*.md'

# Every file's imports point one way: a circle between files (issue 32) fails the run.
step "no import circle between files" 1 python3 scripts/import-circles.py
step "the CSS uses only custom properties that exist" 1 scripts/css-vars.sh

# Lints while the code builds. `cargo clippy` is `cargo check` with clippy-driver as the
# compiler of the workspace's own crates (RUSTC_WORKSPACE_WRAPPER); clippy-driver is rustc
# with the lints added, so as the compiler of a real build it lints and compiles in one
# pass, and the hundreds of dependencies are compiled once, not checked again in a clippy
# run of their own (that run was 457 s of the last CI run: 330 natively, 130 for wasm32).
# `-D warnings` reaches clippy-driver the way `cargo clippy -- -D warnings` passes it.
# The dependencies never see the wrapper, so their builds stay shared with a plain
# `cargo build`. Linted this way: the server side as its tests build (below, with the
# benches and the example, every target `clippy --all-targets` covered), the browser side
# as its bundle builds, for its own target (one native build of the whole workspace would
# unify the app's `ssr` and `hydrate` features).
linted=(env RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
  CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__")

mkdir -p target
step "PostgreSQL on loopback" 5 bash -c 'scripts/pg-test.sh >target/pg-test-url'
export QY_TEST_PG_URL
QY_TEST_PG_URL="$(cat target/pg-test-url)"
export QY_REQUIRE_PG=1   # the PostgreSQL half of the integration tests must not be skipped
step "S3-compatible store on loopback (moto)" 3 bash -c 'scripts/s3-test.sh >/dev/null'
export QY_TEST_S3_URL
QY_TEST_S3_URL="$(cat target/s3-test-url)"
export QY_REQUIRE_S3=1   # nor the object-store half

# The server the browser tests run is the target/debug/qianyue that this step builds for
# the HTTP tests: building it again with `cargo build -p server` would resolve features
# without the test-only dependencies and compile and store a second copy.
step "lints (clippy -D warnings) and cargo nextest (domain, service on SQLite + PostgreSQL, pdf, app, server HTTP)" 30 \
  "${linted[@]}" bash -c '
  cargo build --workspace --exclude frontend --bench "*" --examples --quiet &&
  cargo nextest run --workspace --exclude frontend'

step "lints (clippy -D warnings, wasm32) and browser bundle" 15 "${linted[@]}" scripts/build.sh bundle

step "Playwright (Debian Chromium)" 25 bash -c 'cd end2end && exec npx playwright test'

# The billing API's answers against its OpenAPI document, on the same server binary.
step "billing API vs. its OpenAPI document (Schemathesis)" 8 scripts/api-check.sh

# Size is deterministic, so CI holds it: the release bundle (into target/site-release,
# beside the tests' debug one) fails this step when it outgrows its budget.
step "release bundle size budget" 15 scripts/build.sh release-bundle
# What customers download is the release bundle, built differently (no debug assertions,
# wasm-opt): what differs shows when a page hydrates (a text node Leptos finds where a
# release build expects none: issue 29's account menu) and when its pieces load. Every
# flow ran on the debug bundle above; on this one run the specs that, together, open
# every page and every part shown later (a11y, lazy: the pages, the picker, the
# after-signing panel, the exports card; dual: the dual-signing steps; expiry: the
# banners; renewal: its panel), walk the console in English, sign on the single-party
# channel from creation to download (contracts) and check the bundle's delivery (public).
# The other specs would add about three minutes and load nothing these do not: the tests
# record the pieces they load, and a piece none loaded fails the step after.
pieces_log="$PWD/target/pieces-log"
rm -rf "$pieces_log"
step "Playwright on the release bundle (every page and every part)" 10 env \
  QY_PIECES_LOG="$pieces_log" bash -c \
  'cd end2end && LEPTOS_SITE_ROOT=target/site-release exec npx playwright test \
     a11y lazy english contracts dual expiry renewal public'
step "every piece of the release bundle loaded by that run" 1 \
  python3 scripts/pieces-covered.py "$(dirname target/site-release/pkg/*/__wasm_split.js)" "$pieces_log"

printf '\n== disk used by target/ ==\n'
du -sh target 2>/dev/null || true
