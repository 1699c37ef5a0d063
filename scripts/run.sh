#!/usr/bin/env bash
# README command 1: set up, build, migrate and seed a SQLite database under ./data, and
# serve the demo on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
export QY_DEMO="${QY_DEMO:-1}"
export QY_DEV_OUTBOX="${QY_DEV_OUTBOX:-1}"
# Plain HTTP on this machine: cookies cannot be Secure (the server warns that they are not).
export QY_SECURE_COOKIES="${QY_SECURE_COOKIES:-0}"
export LEPTOS_SITE_ROOT=target/site
target/release/qianyue seed-demo
exec target/release/qianyue serve
