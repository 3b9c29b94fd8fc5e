#!/usr/bin/env bash
# `rosterform doctor` when the endpoint itself fails: nothing listens there
# (connection refused), and a TLS endpoint whose certificate does not
# verify (self-signed, made here by openssl, served by
# tests/tools/transport_test_server.mjs). Each is one ✗ endpoint line with
# advice, exit 1, the same in -json; doctor stops there. A planted key is in
# no output, the server's own text (its certificate's names) neither, and
# over the untrusted TLS no request was made at all.
source "$(dirname "$0")/lib.sh"

command -v openssl >/dev/null 2>&1 || skip "openssl is not installed"
command -v jq >/dev/null 2>&1 || skip "jq is not installed"
KEY=gh_sbox_doctor_PLANTED_key_5e1f
export HEALTHIE_API_KEY=$KEY
{ echo "version: 1"; echo "healthie:"; echo "  api_key_env: HEALTHIE_API_KEY"; } >rosterform.yaml
no_key() { expect_not_contains "$OUT$ERR" "$KEY"; expect_not_contains "$OUT$ERR" "PLANTED"; }
advice_net="    → check healthie.endpoint in rosterform.yaml (or ROSTERFORM_ENDPOINT) and the network"
advice_tls="    → check the endpoint's certificate and any proxy that intercepts TLS; rosterform always verifies it"

# Nothing listens: a port the system just gave out and took back.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
for scheme in http https; do
  export ROSTERFORM_ENDPOINT="$scheme://127.0.0.1:$port/graphql"
  started=$SECONDS
  run doctor
  expect_rc 1 "nothing listens ($scheme)"
  expect_eq "$OUT" "✗ endpoint: $ROSTERFORM_ENDPOINT did not answer (could not connect: Failed to connect to 127.0.0.1 port $port: Couldn't connect to server)
$advice_net
doctor: 1 check, 0 passed, 1 failed"
  expect_eq "$ERR" ""
  (( SECONDS - started < 5 )) || fail "doctor took $((SECONDS - started)) s to report a refused connection"
  no_key
done
run doctor -json
expect_rc 1
expect_eq "$(jq -S -c . <<<"$OUT")" "$(jq -S -c -n --arg url "$ROSTERFORM_ENDPOINT" --arg port "$port" '{ok: false, not_verified: 0,
  endpoint: $url, api_version: "2026-07-01", sunset_date: null, days_left: null,
  checks: [{name: "endpoint", ok: false, status: "failed",
            detail: "\($url) did not answer (could not connect: Failed to connect to 127.0.0.1 port \($port): Couldn'"'"'t connect to server)",
            advice: "check healthie.endpoint in rosterform.yaml (or ROSTERFORM_ENDPOINT) and the network"}]}')"
no_key

# A self-signed certificate whose names are planted server text.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj "/CN=PLANTED-cert-name.rosterform.test/O=PLANTED organization" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout self.key -out self.pem 2>/dev/null
# lib.sh's cleanup stops SIM_PID: the test server takes its place.
"$NODE" "$ROSTERFORM_SOURCE_DIR/tests/tools/transport_test_server.mjs" ports.json requests.jsonl \
  self.pem self.key self.pem self.key >server.log 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do [[ -s ports.json ]] && break; sleep 0.05; done
[[ -s ports.json ]] || fail "the test server did not start: $(cat server.log)"
for host in 127.0.0.1 localhost; do
  export ROSTERFORM_ENDPOINT="https://$host:$(jq .tls ports.json)/graphql"
  run doctor
  expect_rc 1 "untrusted certificate ($host)"
  expect_eq "$OUT" "✗ endpoint: $ROSTERFORM_ENDPOINT: the server's TLS certificate was not accepted (SSL certificate problem: self-signed certificate)
$advice_tls
doctor: 1 check, 0 passed, 1 failed"
  expect_eq "$ERR" ""
  no_key
done
run doctor -json
expect_rc 1
expect_eq "$(jq -r '.ok, (.checks | length), .checks[0].name, .checks[0].status, .checks[0].advice' <<<"$OUT")" "false
1
endpoint
failed
check the endpoint's certificate and any proxy that intercepts TLS; rosterform always verifies it"
expect_eq "$(jq -r .checks[0].detail <<<"$OUT")" \
  "$ROSTERFORM_ENDPOINT: the server's TLS certificate was not accepted (SSL certificate problem: self-signed certificate)"
no_key
# The handshake failed before any request: the key never left.
[[ ! -s requests.jsonl ]] || fail "a request reached the untrusted server: $(cat requests.jsonl)"
echo "ok"
