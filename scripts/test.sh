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

step "setup (installs what is missing)" 30 scripts/setup.sh --test

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

# The server side natively, the browser side for its own target: one native run over the
# whole workspace would unify the app's `ssr` and `hydrate` features.
step "lints (cargo clippy -D warnings)" 15 bash -c '
  cargo clippy --workspace --exclude frontend --all-targets --quiet -- -D warnings &&
  cargo clippy -p frontend --target wasm32-unknown-unknown --quiet -- -D warnings'

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
step "cargo nextest (domain, service on SQLite + PostgreSQL, pdf, app, server HTTP)" 25 \
  cargo nextest run --workspace --exclude frontend

step "browser bundle" 15 scripts/build.sh bundle

step "Playwright (Debian Chromium)" 25 bash -c 'cd end2end && exec npx playwright test'

# The billing API's answers against its OpenAPI document, on the same server binary.
step "billing API vs. its OpenAPI document (Schemathesis)" 8 scripts/api-check.sh

# Size is deterministic, so CI holds it: the release bundle (into target/site-release,
# beside the tests' debug one) fails this step when it outgrows its budget.
step "release bundle size budget" 15 scripts/build.sh release-bundle
# What customers download is the release bundle, built differently (no debug assertions,
# wasm-opt): every flow runs on it too. Some hydration mismatches show only there (a text
# node Leptos finds where a release build expects none: issue 29's account menu).
step "Playwright on the release bundle (every spec)" 12 bash -c \
  'cd end2end && LEPTOS_SITE_ROOT=target/site-release exec npx playwright test'

printf '\n== disk used by target/ ==\n'
du -sh target 2>/dev/null || true
