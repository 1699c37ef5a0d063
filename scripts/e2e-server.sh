#!/usr/bin/env bash
# The server Playwright tests run against: the debug binary built by scripts/build.sh, a
# fresh SQLite database with the demo data, demo mode on.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-3100}"
# One directory per port: two servers (a developer's and the suite's) never share a database.
dir=target/e2e-$port
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="sqlite://$dir/e2e.db"
export QY_ADDR="127.0.0.1:$port"
export QY_DEMO=1
export QY_DEV_OUTBOX=1
# The browser tests speak plain HTTP to 127.0.0.1: cookies without Secure (the server warns).
export QY_SECURE_COOKIES=0
# Short but visible background steps: the browser must show the state changing.
export QY_DRAFT_DELAY_SECS="${QY_DRAFT_DELAY_SECS:-1}"
export QY_SIGN_DELAY_SECS="${QY_SIGN_DELAY_SECS:-1}"
# Sweeps (expiry notices) every two seconds: archive.spec.ts's expiring contract is told
# while the test waits.
export QY_SWEEP_EVERY_SECS=2
# reminders.spec.ts makes a reminder due whatever the hour it runs at; the quiet hours of
# R23 are tested on the injected clock (service/tests/reminders.rs).
export QY_REMIND_QUIET_HOURS=off
export QY_DATA_DIR="$dir/data"
# Every browser test comes from 127.0.0.1: to the per-client rate limits the whole suite
# is one client signing in, registering and receiving codes far faster than a person.
# The limits themselves are tested in server/tests/it/rate_limits.rs.
# QY_E2E_PRODUCTION_RATES=1 keeps the defaults, for the spec that meets them (limits.spec.ts).
if [ -z "${QY_E2E_PRODUCTION_RATES:-}" ]; then
  export QY_RATE_SIGN_IN=10000 QY_RATE_REGISTER=10000 QY_RATE_VERIFY=10000 QY_RATE_SMS=10000 QY_RATE_ARCHIVE=10000
fi
# Likewise the SMS caps (service/tests/dual.rs tests them): the dual-channel specs send many
# codes to the same demo numbers within minutes.
export QY_SMS_PER_PHONE_HOUR=10000 QY_SMS_PER_PHONE_DAY=10000 \
  QY_SMS_PER_ACCOUNT_HOUR=10000 QY_SMS_PER_ACCOUNT_DAY=10000
# The debug bundle the tests build; scripts/test.sh also runs a part of the suite on the
# release one (target/site-release).
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export RUST_LOG="${RUST_LOG:-warn}"
target/debug/qianyue seed-demo
# The billing system's key for the API tests (only its hash is stored in the database).
target/debug/qianyue api-key create e2e > "$dir/api-key"
exec target/debug/qianyue serve
