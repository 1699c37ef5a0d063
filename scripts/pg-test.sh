#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback (if not running), makes sure the test
# role exists, and prints the admin URL the integration tests create their databases with.
set -euo pipefail
version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
if [ -z "$version" ]; then
  echo "PostgreSQL is not installed (scripts/setup.sh --test installs it)" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 >&2 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qy') THEN
    CREATE ROLE qy LOGIN PASSWORD 'qy' CREATEDB;
  END IF;
END $$;
SQL
echo "postgres://qy:qy@127.0.0.1:5432/postgres"
