#!/usr/bin/env bash
# README command 2: set up, then run every test — unit and property tests, the service
# integration tests on SQLite and on a real PostgreSQL, the HTTP tests, and the
# Playwright suite in Debian's Chromium against the real server binary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

step "PostgreSQL on loopback"
export QY_TEST_PG_URL
QY_TEST_PG_URL="$(scripts/pg-test.sh)"
export QY_REQUIRE_PG=1   # the PostgreSQL half of the integration tests must not be skipped

step "cargo test (domain, service on SQLite + PostgreSQL, app, server HTTP)"
cargo test --workspace --exclude frontend

step "build server + browser bundle"
scripts/build.sh debug

step "Playwright (Debian Chromium)"
cd end2end
npx playwright test
