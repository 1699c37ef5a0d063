#!/usr/bin/env bash
# Login-burst check against the release binary (issue 11: 600 parallel logins took the
# server from 63 MB to a 12.7 GB peak). Starts the server on a fresh demo database and,
# twice — with the default per-client rate limits, then with them lifted so that only the
# bound on concurrent password hashes stands between the burst and the server — fires
# BURSTS bursts of COUNT concurrent `POST /fn/login` with random logins, then waits
# SETTLE seconds idle. Prints the server's resident memory (idle, peak, settled) and the
# status counts per run; exits 1 if any answer was not 401/429/503.
#   scripts/login-burst.sh [--no-build | --debug] [COUNT] [BURSTS] [SETTLE]  (600, 3, 30)
# Not a test with a timing assertion: a measurement to run by hand on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 profile=release
case "${1:-}" in
  --no-build) build=0; shift ;;
  --debug) build=0 profile=debug; shift ;;
esac
count="${1:-600}" bursts="${2:-3}" settle="${3:-30}"
port="${QY_BURST_PORT:-3400}"
[ $build -eq 1 ] && cargo build -p server --release

run() { # $1 = label, $2 = QY_RATE_SIGN_IN
  local dir=target/login-burst
  rm -rf "$dir" && mkdir -p "$dir"
  export DATABASE_URL="sqlite://$dir/burst.db" QY_ADDR="127.0.0.1:$port" QY_DEMO=1 \
    QY_DATA_DIR="$dir/data" RUST_LOG=warn QY_RATE_SIGN_IN="$2"
  target/$profile/qianyue seed-demo >/dev/null
  target/$profile/qianyue serve 2>"$dir/server.log" &
  local server=$!
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.1
  done
  local rc=0
  python3 - "$1" "$server" "$port" "$count" "$bursts" "$settle" <<'PY' || rc=$?
import collections, http.client, secrets, sys, threading, time
label, pid, port, count, bursts, settle = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(int, sys.argv[4:])

def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

peak, sampling = [0.0], [True]
def sample():
    while sampling[0]:
        peak[0] = max(peak[0], rss_mb())
        time.sleep(0.02)

def login(barrier, statuses):
    body = f"login=burst_{secrets.token_hex(6)}&password=Wrong-pass-{secrets.token_hex(3)}"
    barrier.wait()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("POST", "/fn/login", body, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Origin": f"http://127.0.0.1:{port}",
        })
        statuses.append(conn.getresponse().status)
    except Exception as e:
        statuses.append(type(e).__name__)

idle = rss_mb()
threading.Thread(target=sample, daemon=True).start()
statuses, started = [], time.monotonic()
for _ in range(bursts):
    barrier = threading.Barrier(count)
    threads = [threading.Thread(target=login, args=(barrier, statuses)) for _ in range(count)]
    for t in threads: t.start()
    for t in threads: t.join()
took = time.monotonic() - started
time.sleep(settle)
sampling[0] = False
counts = collections.Counter(statuses)
print(f"{label:<32} idle {idle:6.0f} MB  peak {peak[0]:6.0f} MB  settled {rss_mb():6.0f} MB  "
      f"{bursts}×{count} in {took:5.1f} s  " + "  ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=str)))
sys.exit(0 if set(counts) <= {401, 429, 503} else 1)
PY
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  return $rc
}

printf 'qianyue (%s build), %s concurrent logins × %s bursts, then %s s idle\n' "$profile" "$count" "$bursts" "$settle"
status=0
run "default rate limits" 20 || status=1
run "rate limits lifted (hash bound)" 100000 || status=1
exit $status
