#!/usr/bin/env bash
# Preflight: silent auth failures, invalid keys, unsupported versions, and
# the endpoint policy. The key never appears in any output.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/provider_lib.sh"

make_seed "$WORK/seed.json" --clients 50 --staff 3
start_sim "$WORK/seed.json"
auth_error="error: authentication failed: check the key and that it is sent as Authorization: Basic"

HEALTHIE_API_KEY=gh_sbox_wrong_key probe read
expect_rc 1
expect_eq "$ERR" "$auth_error"

# Silent mode: a wrong key is answered as "nobody" with empty lists. That must
# be an error, never an empty roster.
sim_post limits '{"silentAuth":true}'
HEALTHIE_API_KEY=gh_sbox_wrong_key probe read
expect_rc 1
expect_contains "$ERR" "$auth_error"
expect_eq "$(value clients)" ""
expect_not_contains "$OUT$ERR" "gh_sbox_wrong_key"
sim_post limits '{"silentAuth":false}'

probe preflight
expect_rc 0
expect_eq "$(value caller)" 1000
expect_eq "$(value admin)" true
HEALTHIE_API_KEY=bench_provider_key probe preflight
expect_rc 0
expect_eq "$(value admin)" false

# Staff management with a provider key is refused before anything is sent.
HEALTHIE_API_KEY=bench_provider_key probe create-member s1 new@bench.example.com New Member
expect_rc 1
expect_contains "$ERR" "error: staff.s1: managing staff needs an organization admin's API key, but this key belongs to user 1001"

# Plain http to anything but loopback is refused; nothing is sent.
set +e
"$PROBE" --url http://example.com/graphql preflight >"$WORK/.out" 2>"$WORK/.err"; RC=$?
set -e
expect_eq "$RC" 1
expect_eq "$(cat "$WORK/.err")" "error: refusing to send the API key over plain http to 'example.com': use https:// (plain http is allowed only to localhost)"
