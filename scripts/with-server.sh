#!/usr/bin/env bash
# Runs a command against the real backend (with the built SPA) on a fresh SQLite database and
# a free port, exported as BASE_URL; stops the backend afterwards whatever happens.
# Usage: scripts/with-server.sh COMMAND [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
workdir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Browser tests and the fuzzer send everything from one address: the rate limits (tested in the
# API suite) are set out of their way.
for limit in SIGN_IN_PER_MINUTE SUBMIT_PER_MINUTE SUBMIT_PER_EMAIL_PER_HOUR VERIFY_PER_MINUTE DOWNLOAD_PER_MINUTE CLIENT_SUBMIT_PER_MINUTE; do
  export "RATE_LIMIT_$limit=100000"
done
LOKET_DEMO=true PORT=$port DATABASE_URL="sqlite://$workdir/loket.db" STATIC_DIR=frontend/dist RUST_LOG="${RUST_LOG:-warn}" \
  target/debug/loket serve >"$workdir/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$workdir"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$workdir/server.log"; exit 1; }
  sleep 0.5
done
export BASE_URL="http://127.0.0.1:$port"
"$@" || { status=$?; echo "--- server log (last 50 lines) ---"; tail -50 "$workdir/server.log"; exit $status; }
# With LOKET_CHECK_LOGS=1: the server's log of the whole run holds no personal data.
if [ "${LOKET_CHECK_LOGS:-}" = 1 ]; then
  python3 scripts/check-logs.py "$workdir/server.log"
fi
