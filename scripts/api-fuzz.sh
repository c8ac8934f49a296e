#!/usr/bin/env bash
# An outside client's check of the API against its own OpenAPI document (schemathesis), with
# every check it has: no server errors; only documented status codes, content types, headers
# and bodies; schema-valid data accepted and schema-violating data refused; authentication
# enforced; undeclared methods answered 405 with `Allow`; a created resource found, a deleted
# one gone; one citizen unable to read another's objects. Three runs, one per kind of caller:
# anonymous, a citizen of the mock register (Jan, with Els as the peer whose objects he must
# not see), staff, and an API client with every scope (OAuth 2.0 client credentials). The settings, and every exception with its reason: scripts/schemathesis.toml.
# Runs under scripts/with-server.sh, which sets BASE_URL (and the working directory).
set -euo pipefail
token() {
  curl -sf -X POST "$BASE_URL/api/v1/dev/token" -H 'content-type: application/json' -d "$1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
jan=$(token '{"nationalNumber":"85073003328"}')
els=$(token '{"nationalNumber":"87021412436"}')
staff=$(token '{"username":"an.desmet"}')
admin=$(token '{"username":"lotte.vermeulen"}')
# An integrator's client with every scope, registered by the admin; its token as it gets one.
secret=$(curl -sf -X POST "$BASE_URL/api/v1/clients" -H "Authorization: Bearer $admin" \
  -H 'content-type: application/json' \
  -d '{"name": "Fuzzer", "scopes": ["requests:create", "requests:read", "tasks:act", "search:read", "reports:read", "webhooks:manage"]}')
client_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["client"]["clientId"])' <<<"$secret")
client_secret=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["clientSecret"])' <<<"$secret")
# A client's token lasts 15 minutes: taken right before its run.
client_token() {
  curl -sf -X POST "$BASE_URL/oauth/token" -u "$client_id:$client_secret" -d grant_type=client_credentials \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
# The `st` installed beside this python3 (a pyenv shim may not know it yet).
st="$(dirname "$(python3 -c 'import sys; print(sys.executable)')")/st"

# The citizen run is Jan's; Els is loaded only for the object-level authorization probes (a
# Web Fuzzing Commons auth document, named in a copy of the settings).
citizens=$(mktemp -d)
trap 'rm -rf "$citizens"' EXIT
cat >"$citizens/auth.json" <<EOF
{"auth": [
  {"name": "jan", "fixedHeaders": [{"name": "Authorization", "value": "Bearer $jan"}]},
  {"name": "els", "fixedHeaders": [{"name": "Authorization", "value": "Bearer $els"}]}
]}
EOF
{
  cat scripts/schemathesis.toml
  printf '\n[auth.wfc]\npath = "%s"\nuser = "jan"\npeers = ["jan", "els"]\n' "$citizens/auth.json"
} >"$citizens/schemathesis.toml"

fuzz() {
  local caller=$1 config=$2
  shift 2
  echo "=== schemathesis as $caller"
  "$st" --config-file "$config" run "$BASE_URL/api/openapi.json" --no-color "$@"
}
failed=()
fuzz anonymous scripts/schemathesis.toml || failed+=(anonymous)
fuzz citizen "$citizens/schemathesis.toml" || failed+=(citizen)
fuzz staff scripts/schemathesis.toml -H "Authorization: Bearer $staff" || failed+=(staff)
client=$(client_token)
fuzz client scripts/schemathesis.toml -H "Authorization: Bearer $client" || failed+=(client)
if [ ${#failed[@]} -gt 0 ]; then
  echo "schemathesis found failures as: ${failed[*]}"
  exit 1
fi
echo "schemathesis: no failures as anonymous, citizen, staff or API client"
