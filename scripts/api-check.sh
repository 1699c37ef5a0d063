#!/usr/bin/env bash
# The billing API against its own document: Schemathesis (pinned in
# scripts/api-check-requirements.txt, installed by `scripts/setup.sh --test`) generates
# requests from /api/v1/openapi.json and runs every check on the answers of the real
# server binary (target/debug/qianyue, built by the test step) on a fresh database with
# the demo data. Zero failures, or this fails. QY_API_CHECK_EXAMPLES changes the number
# of cases per operation; QY_API_CHECK_ARGS adds options (e.g. `--include-path
# /api/v1/orders --phases fuzzing` to chase one failure). Bounded: a number of cases per operation,
# a timeout per request (and the CI step's own), and the server is stopped on the way out.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${QY_API_CHECK_PORT:-3190}"
dir=target/e2e-$port
st=target/schemathesis-venv/bin/st
[ -x "$st" ] || { echo "schemathesis is missing: run scripts/setup.sh --test" >&2; exit 1; }

RUST_LOG=error scripts/e2e-server.sh "$port" >target/api-check-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat target/api-check-server.log >&2; exit 1; }
  sleep 0.5
done
key=$(cat "$dir/api-key")

# A fixed seed keeps a failure reproducible from the log; the report names each case. The
# hooks generate the identifier formats the document names (cn-uscc, cn-resident-id).
SCHEMATHESIS_HOOKS=scripts/api-check-hooks.py "$st" --config-file scripts/api-check.toml run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --checks all \
  --header "Authorization: Bearer $key" \
  --max-examples "${QY_API_CHECK_EXAMPLES:-100}" \
  --request-timeout 10 \
  --seed "${QY_API_CHECK_SEED:-20261202}" \
  --generation-database none \
  --no-color ${QY_API_CHECK_ARGS:-}
