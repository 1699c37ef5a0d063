#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback (if not running), makes sure the test
# role exists, drops the databases earlier test runs left (each test creates its own, a few
# MB each), and prints the admin URL the integration tests create their databases with.
#   scripts/pg-test.sh --clean   only drop those databases
set -euo pipefail

drop_test_databases() {
  runuser -u postgres -- psql -Atq -c "SELECT datname FROM pg_database WHERE datname LIKE 'qy\_%'" |
    while read -r db; do runuser -u postgres -- dropdb --if-exists "$db"; done
}
version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
if [ -z "$version" ]; then
  echo "PostgreSQL is not installed (scripts/setup.sh --test installs it)" >&2
  exit 1
fi
if [ "${1:-}" = "--clean" ]; then
  pg_isready -q -h 127.0.0.1 -p 5432 && drop_test_databases
  exit 0
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
drop_test_databases
echo "postgres://qy:qy@127.0.0.1:5432/postgres"
