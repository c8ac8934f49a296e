#!/usr/bin/env bash
# Runs the browser tests against the real backend and the built SPA, on a fresh SQLite
# database and a free port; stops the backend afterwards whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
workdir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$port DATABASE_URL="sqlite://$workdir/loket.db" STATIC_DIR=frontend/dist RUST_LOG=warn \
  target/debug/loket serve >"$workdir/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$workdir"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$workdir/server.log"; exit 1; }
  sleep 0.5
done
cd e2e
E2E_BASE_URL="http://127.0.0.1:$port" npx playwright test || { status=$?; tail -50 "$workdir/server.log"; exit $status; }
