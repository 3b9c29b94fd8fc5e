#!/usr/bin/env bash
# CurlTransport on its own (providers/http/curl_transport.*), through
# tests/tools/transport_probe, against local servers: keep-alive reuse, a
# fresh connection per mutation, HTTP/2 over TLS with a CA made here (and a
# certificate no trusted CA signed refused), connect and total timeouts,
# plain http refused off loopback, the proxy environment variables, and the
# headers the provider sends, with the key never in an error.
source "$(dirname "$0")/lib.sh"

TPROBE=${TRANSPORT_PROBE:-$(dirname "$ROSTERFORM_BIN")/../tests/transport_probe}
[[ -x "$TPROBE" ]] || skip "transport_probe is not built ($TPROBE)"
command -v "$NODE" >/dev/null 2>&1 || skip "node is not installed"
command -v openssl >/dev/null 2>&1 || skip "openssl is not installed"
command -v jq >/dev/null 2>&1 || skip "jq is not installed"
export TRANSPORT_PROBE_KEY=gh_sbox_transport_SECRET_key

# tp ARGS...: runs transport_probe; $OUT/$ERR/$RC.
tp() {
  capture "$TPROBE" "$@"
  expect_not_contains "$ERR" "$TRANSPORT_PROBE_KEY"
}
# item NAME [LINE]: NAME=value of a line (the first of $OUT by default);
# `body` is the rest of the line.
item() {
  local line=${2:-$(head -1 <<<"$OUT")}
  if [[ $1 == body ]]; then sed 's/.* body=//' <<<"$line"; else sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$line"; fi
}
# seen JQ: applies JQ to the `seen` object of every answer in $OUT, one per line.
seen() { while read -r line; do item body "$line" | jq -r ".seen | $1"; done <<<"$OUT"; }
distinct() { sort -u | wc -l | tr -d ' '; }
text_of() { sed 's/.* text=\(.*\) body=.*/\1/' <<<"$OUT" | head -1; }

# Certificates: a CA of our own and a server certificate it signs, and a
# self-signed "rogue" certificate for the same names that nobody vouches for.
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -days 1 -subj "/CN=rosterform test CA" -keyout ca.key -out ca.pem 2>/dev/null
openssl req "${ec[@]}" -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,DNS:healthie.rosterform.test,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 \
  -extfile server.ext -out server.pem 2>/dev/null
openssl req -x509 "${ec[@]}" -days 1 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout rogue.key -out rogue.pem 2>/dev/null

# lib.sh's cleanup stops SIM_PID: the test server takes its place.
"$NODE" "$ROSTERFORM_SOURCE_DIR/tests/tools/transport_test_server.mjs" ports.json requests.jsonl \
  server.pem server.key rogue.pem rogue.key >server.log 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do [[ -s ports.json ]] && break; sleep 0.05; done
[[ -s ports.json ]] || fail "the test server did not start: $(cat server.log)"
plain=$(jq .plain ports.json)
tls=$(jq .tls ports.json)
rogue=$(jq .rogue ports.json)

# Keep-alive: requests one after another share one connection.
tp send "http://127.0.0.1:$plain/graphql" 3 one-by-one read
expect_rc 0
expect_eq "$(grep -c 'status=200' <<<"$OUT")" 3
expect_eq "$(seen .conn | distinct)" 1
expect_eq "$(seen .version | sort -u)" 1.1

# A mutation never rides a reused connection (libcurl would re-send it
# silently if that connection died): each gets a fresh one.
tp send "http://127.0.0.1:$plain/graphql" 3 one-by-one mutation
expect_rc 0
expect_eq "$(seen .conn | distinct)" 3

# HTTP/2 when the server offers it over TLS, verified against our CA, with
# concurrent requests multiplexed on the connection once it is known to be
# HTTP/2. (A cold burst opens a few connections: without PIPEWAIT libcurl
# does not hold requests back to learn that first; see curl_transport.cpp.)
tp --ca ca.pem send "https://localhost:$tls/graphql" 5 warm read
expect_rc 0
expect_eq "$(grep -c 'status=200' <<<"$OUT")" 5
expect_eq "$(seen .version | sort -u)" 2.0
expect_eq "$(seen .conn | distinct)" 1

# Verification is always on: the system's CAs do not know ours, and our CA
# did not sign the rogue certificate.
tp send "https://localhost:$tls/graphql"
expect_eq "$(item failure)" untrusted
expect_contains "$(text_of)" "the server's TLS certificate was not accepted (SSL certificate problem:"
tp --ca ca.pem send "https://localhost:$rogue/graphql"
expect_eq "$(item failure)" untrusted
expect_eq "$(text_of)" "the server's TLS certificate was not accepted (SSL certificate problem: self-signed certificate)"
expect_not_contains "$OUT" "$TRANSPORT_PROBE_KEY"

# Connect timeout: the connection never completes, so nothing was sent and
# even a mutation may be repeated.
tp --connect-timeout-ms 300 --timeout-ms 10000 unreachable
expect_rc 0
expect_eq "$(item failure)" not_sent
# libcurl words it "Connection timeout after N ms" or "Failed to connect to
# ... after N ms: Timeout was reached", depending on where the wait ended.
[[ "$(text_of)" =~ [Tt]imeout ]] || fail "connect timeout text: $(text_of)"
ms=$(item ms)
((ms >= 250 && ms < 5000)) || fail "the connect timeout took $ms ms"
expect_not_contains "$OUT" "$TRANSPORT_PROBE_KEY"

# Total timeout: connected and sent, never answered: the outcome is unknown.
tp --connect-timeout-ms 2000 --timeout-ms 600 silent
expect_rc 0
expect_eq "$(item failure)" timeout
expect_contains "$(text_of)" "Operation timed out after"
ms=$(item ms)
((ms >= 550 && ms < 5000)) || fail "the total timeout took $ms ms"
expect_not_contains "$OUT" "$TRANSPORT_PROBE_KEY"

# Plain http is refused off loopback, before anything leaves.
tp send "http://example.com/graphql"
expect_eq "$(item failure)" not_sent
expect_eq "$(text_of)" "refusing to send the API key over plain http to 'example.com': use https:// (plain http is allowed only to localhost)"

# The headers the provider sends, as they arrive (over HTTP/2 and TLS).
: >requests.jsonl
tp --ca ca.pem preflight "https://localhost:$tls/graphql"
expect_rc 0 "preflight: $ERR"
expect_eq "$OUT" "caller=1"
last=$(tail -1 requests.jsonl)
expect_eq "$(jq -r .version <<<"$last")" 2.0
expect_eq "$(jq -r '.headers.authorization' <<<"$last")" "Basic $TRANSPORT_PROBE_KEY"
expect_eq "$(jq -r '.headers.authorizationsource' <<<"$last")" API
expect_eq "$(jq -r '.headers["healthie-graphql-api-version"]' <<<"$last")" 2026-07-01
expect_eq "$(jq -r '.headers["content-type"]' <<<"$last")" application/json
[[ "$(jq -r '.headers["user-agent"]' <<<"$last")" == rosterform/* ]] || fail "User-Agent: $last"

# The usual proxy variables are honoured: the name below resolves nowhere,
# so only the proxy's tunnel can answer, and TLS is still verified end to
# end against our CA.
: >requests.jsonl
https_proxy="http://127.0.0.1:$plain" HTTPS_PROXY="http://127.0.0.1:$plain" no_proxy= NO_PROXY= \
  tp --ca ca.pem send "https://healthie.rosterform.test:$tls/graphql"
expect_rc 0 "through the proxy: $OUT $ERR"
expect_eq "$(grep -c 'status=200' <<<"$OUT")" 1
expect_eq "$(jq -r 'select(.proxy_connect) | .proxy_connect' requests.jsonl)" "healthie.rosterform.test:$tls"

# A refused certificate, through the provider: a clear error, never the key.
tp --ca ca.pem preflight "https://localhost:$rogue/graphql"
expect_rc 1
expect_contains "$ERR" "the server's TLS certificate was not accepted"
expect_contains "$ERR" "; not retried: check the endpoint's certificate, and any proxy that intercepts TLS"
echo "ok"
