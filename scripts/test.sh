#!/usr/bin/env bash
# README command 2: set up, then run every test — unit and property tests, the service
# integration tests on SQLite and on a real PostgreSQL, the HTTP tests, and the
# Playwright suite in Debian's Chromium against the real server binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

# Tests' scratch files (SQLite databases, PDFs, keys) in one folder under target/, emptied
# before and after, so repeated runs do not fill /tmp.
export TMPDIR="$PWD/target/test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"; scripts/pg-test.sh --clean || true' EXIT
# A CI checkout builds once: incremental state would only add gigabytes to its disk.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi

step "PostgreSQL on loopback"
export QY_TEST_PG_URL
QY_TEST_PG_URL="$(scripts/pg-test.sh)"
export QY_REQUIRE_PG=1   # the PostgreSQL half of the integration tests must not be skipped

step "cargo test (domain, service on SQLite + PostgreSQL, app, server HTTP)"
cargo test --workspace --exclude frontend

# The server the browser tests run is the target/debug/qianyue that `cargo test` has just
# built for the HTTP tests: building it again with `cargo build -p server` would resolve
# features without the test-only dependencies and compile and store a second copy.
step "browser bundle"
scripts/build.sh bundle

step "Playwright (Debian Chromium)"
cd end2end
npx playwright test
cd ..
step "disk used by target/"
du -sh target 2>/dev/null || true
