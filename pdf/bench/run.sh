#!/usr/bin/env bash
# Runs the PDF benchmark: Qianyue's render and sign medians next to WeasyPrint and
# typst rendering the same contract, in one run. Not part of CI.
#   pdf/bench/run.sh            release build (the numbers that matter)
#   pdf/bench/run.sh --debug    also the unoptimised build, for comparison
# Environment: QY_BENCH_ITERATIONS (default 200), QY_BASELINE_ITERATIONS (default 20).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -f fonts/node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf ] \
  || (cd fonts && npm ci --no-audit --no-fund --loglevel=error)
pdf/bench/setup.sh

if [ "${1:-}" = "--debug" ]; then
  echo "== debug build (baselines skipped: see the release run) =="
  QY_SKIP_BASELINES=1 QY_BENCH_ITERATIONS="${QY_BENCH_ITERATIONS:-30}" \
    cargo bench -p pdf --bench render --profile dev 2>/dev/null | sed -n '/^Qianyue/,$p'
fi
echo "== release build =="
cargo bench -p pdf --bench render 2>/dev/null | sed -n '/^Qianyue/,$p'
