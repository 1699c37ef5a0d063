#!/usr/bin/env bash
# Stall check against the real binary (issue: an SSR response that never completes).
# Builds release (or, with --debug, uses the debug binary and bundle `scripts/test.sh`
# already built: a stall is a response that never ends, which debug shows as well), starts the server on a fresh demo database, and sends ROUNDS × 19
# requests, CONCURRENT at a time, over every console page (customer and operator,
# `/ops` as a customer too), a contract page of each, and the public pages. A response
# that has not completed within 5 s — head and body — counts as stalled. Prints the
# counts; exits 1 if any response stalled or failed.
#   scripts/stall-check.sh [--no-build | --debug] [ROUNDS] [CONCURRENT]  (defaults: 60 × 19, 20)
# Not a test with a timing assertion: a check to run by hand, on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 profile=release
case "${1:-}" in
  --no-build) build=0; shift ;;
  --debug) build=0 profile=debug; shift ;;
esac
rounds="${1:-60}"
concurrent="${2:-20}"
port="${QY_STALL_PORT:-3300}"
base="http://127.0.0.1:$port"
limit=5

[ $build -eq 1 ] && scripts/build.sh release
dir=target/stall-check
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="sqlite://$dir/stall.db" QY_ADDR="127.0.0.1:$port" QY_DEMO=1 \
  QY_DATA_DIR="$dir/data" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  QY_DRAFT_DELAY_SECS=0 QY_SIGN_DELAY_SECS=0 QY_SECURE_COOKIES=0
target/$profile/qianyue seed-demo >/dev/null
target/$profile/qianyue serve 2>"$dir/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "$base/healthz" && break
  sleep 0.1
done

# Signs in (a cookie jar per login), the way the browser's login form does.
login() {
  curl -sf --max-time 10 -c "$dir/$1.jar" -o /dev/null -H "Origin: $base" \
    --data "login=$1&password=Qianyue-2026" "$base/fn/login"
}
for who in ent_demo esign_demo ind_demo ops_demo; do login "$who"; done

# A framework contract of ent_demo's, for the contract pages. Server functions answer in
# postcard (app/src/resource.rs): a short string is one length byte, then its bytes.
number=$(curl -sf --max-time 10 -b "$dir/ent_demo.jar" -H "Origin: $base" \
  -H 'Content-Type: application/json' -H 'Accept: application/json' \
  --data '{"contract":{"kind":"framework","channel":"single","item_ids":[],"confirmed":true,
    "party_a":{"address":"上海市浦东新区示例路 88 号","contact":"张三","phone":"13800138000",
    "email":"a@example.cn","postcode":"200120"}}}' \
  "$base/fn/contracts/create" | tail -c +2)
[ -n "$number" ] || { echo "could not create a contract" >&2; exit 1; }

# "jar path" per line; "-" for a visitor.
pages() {
  cat <<EOF
- /
- /guide
- /faq
- /templates
- /verify
- /login
- /register
ent_demo /contracts
ent_demo /contracts/$number
ent_demo /contracts/new/order
ent_demo /party-a
ent_demo /account
ent_demo /ops
esign_demo /esign
ind_demo /contracts
ind_demo /contracts/$number
ops_demo /ops
ops_demo /ops/contracts/$number
ops_demo /contracts
EOF
}
list="$dir/requests"
for _ in $(seq 1 "$rounds"); do pages; done >"$list"

# One request: status, seconds, path; "stalled" when curl gave up at the limit (exit 28).
fetch() {
  local jar=$1 path=$2 out rc=0
  local cookie=()
  [ "$jar" != - ] && cookie=(-b "$dir/$jar.jar")
  out=$(curl -s -o /dev/null --max-time "$limit" "${cookie[@]}" \
    -w '%{http_code} %{time_total}' "$base$path") || rc=$?
  if [ $rc -eq 28 ]; then echo "stalled $limit $jar $path"
  elif [ $rc -ne 0 ]; then echo "error($rc) 0 $jar $path"
  else echo "$out $jar $path"; fi
}
export -f fetch
export dir base limit
started=$(date +%s%N)
xargs -P "$concurrent" -L 1 bash -c 'fetch "$0" "$1"' <"$list" >"$dir/results"
elapsed_ms=$((($(date +%s%N) - started) / 1000000))

total=$(wc -l <"$dir/results")
stalled=$(grep -c '^stalled' "$dir/results" || true)
errors=$(grep -Evc '^(200|30[0-9]|404|stalled) ' "$dir/results" || true)
echo "requests: $total ($rounds rounds of $(pages | wc -l) pages, $concurrent concurrent) in $((elapsed_ms / 1000)).$(printf %03d $((elapsed_ms % 1000))) s"
echo "by status:"; awk '{print "  " $1}' "$dir/results" | sort | uniq -c
echo "slowest:"; sort -k2 -rn "$dir/results" | head -3 | sed 's/^/  /'
echo "not completed within $limit s: $stalled"
if [ "$stalled" -gt 0 ] || [ "$errors" -gt 0 ]; then
  grep -Ev '^(200|30[0-9]|404) ' "$dir/results" | sort | uniq -c | head -20
  exit 1
fi
