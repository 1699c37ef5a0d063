#!/usr/bin/env bash
# Starts an S3-compatible server on loopback for the object-store tests (moto, from PyPI,
# in target/moto-venv, which scripts/setup.sh --test creates), makes the bucket, and
# prints the endpoint URL. The server runs in the background until `--stop`.
#   scripts/s3-test.sh          start (or reuse) and print http://127.0.0.1:PORT
#   scripts/s3-test.sh --stop   stop it
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/moto-venv
pidfile=target/s3-test.pid
if [ "${1:-}" = "--stop" ]; then
  [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile" target/s3-test-url
  exit 0
fi
if [ ! -x "$venv/bin/moto_server" ]; then
  echo "moto is not installed (scripts/setup.sh --test installs it)" >&2
  exit 1
fi
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && [ -f target/s3-test-url ]; then
  cat target/s3-test-url
  exit 0
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
setsid nohup "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >target/s3-test.log 2>&1 &
echo $! >"$pidfile"
"$venv/bin/python" - "$url" >&2 <<'PY'
import sys, time
import boto3
url = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
for _ in range(100):
    try:
        s3.create_bucket(Bucket="qianyue-test")
        break
    except Exception as e:  # not listening yet
        last = e
        time.sleep(0.2)
else:
    sys.exit(f"moto did not start: {last}")
PY
echo "$url" | tee target/s3-test-url
