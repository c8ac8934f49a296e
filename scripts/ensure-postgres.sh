#!/usr/bin/env bash
# Makes sure the PostgreSQL the backend tests use is up; starts the local cluster if it is not.
set -euo pipefail
url="${LOKET_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
ready() { pg_isready -q -d "$url" 2>/dev/null; }
ready && exit 0
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  for version in /etc/postgresql/*; do
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start 2>/dev/null || true
  done
fi
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "PostgreSQL is not reachable at $url (set LOKET_TEST_PG_URL); the PostgreSQL leg of 'make test' cannot run." >&2
exit 1
