#!/usr/bin/env bash
# Issue 12's measurements, in one run (release builds; not part of the test suite):
#  1. the background pipeline's throughput with one and with two instances on PostgreSQL
#     and an S3-compatible store (server/benches/pipeline.rs);
#  2. the customer's queries at 1,000,000 contracts and 10,000,000 orders on PostgreSQL
#     (service/benches/scale_db.rs; the data is made once, ~10 min, in qy_bench_scale).
#   scripts/bench-scale.sh [pipeline|queries]   (both by default)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
scripts/setup.sh --test >/dev/null
QY_BENCH_PG_URL="$(scripts/pg-test.sh)"
export QY_BENCH_PG_URL
if [ "$what" != queries ]; then
  QY_BENCH_S3_URL="$(scripts/s3-test.sh)"
  export QY_BENCH_S3_URL
  trap 'scripts/s3-test.sh --stop' EXIT
  cargo bench -p server --bench pipeline
fi
if [ "$what" != pipeline ]; then
  cargo bench -p service --bench scale_db
fi
