#!/usr/bin/env bash
# `rosterform doctor` against the simulator: healthy on every supported
# version, a breaking change in the schema served for a version (doctor and
# plan name the field), a renamed or removed input field (found by
# introspection), introspection refused ("not verified", -fail-unverified),
# a deprecated version near its sunset (-fail-before), a key that is not an
# admin's, -json, and the refusals (an unsupported version in
# rosterform.yaml, a bad -fail-before). Doctor changes nothing in Healthie.
# The endpoint's own failures (nothing listening, an untrusted certificate)
# are in test_doctor_endpoint.sh.
source "$(dirname "$0")/lib.sh"

"$NODE" "$ROSTERFORM_SOURCE_DIR/bench/fetch_seed.mjs" --clients 30 --staff 3 >"$WORK/seed.json"
start_sim "$WORK/seed.json"
export ROSTERFORM_ENDPOINT="$SIM_URL"
export HEALTHIE_API_KEY=bench_admin_key

workspace() {  # VERSION (empty: no api_version line)
  { echo "version: 1"; echo "healthie:"; echo "  api_key_env: HEALTHIE_API_KEY"
    [[ -n "$1" ]] && echo "  api_version: \"$1\""
    echo "policy: {require_provider_for_clients: false}"; } >rosterform.yaml
}
line() { grep -F -- "$1" <<<"$OUT" || fail "no line with [$1] in: $OUT"; }
state_before=$(sim_get /_sim/state)

# Healthy: every check passes on each supported version; the default is 2026-07-01.
documents=(RosterPreflight RosterStaff RosterClientSearch RosterUser RosterMembership
  RosterCreateClient RosterUpdateClient RosterCreateMember RosterUpdateMember RosterUpdateMembership)
inputs=(createClientInput updateClientInput createOrganizationMembershipInput
  updateOrganizationMemberInput updateOrganizationMembershipInput)
for version in "" 2024-06-01 2026-01-01 2026-07-01; do
  workspace "$version"
  shown=${version:-2026-07-01}
  run doctor
  expect_rc 0 "doctor on ${version:-the default}"
  expect_eq "$(head -1 <<<"$OUT")" "✓ endpoint: $SIM_URL answers (plain http, local only)"
  expect_eq "$(sed -n 2p <<<"$OUT")" "✓ API key: accepted"
  expect_eq "$(sed -n 3p <<<"$OUT")" "✓ key's user: user 1000 of organization 7001, Standard member, an organization admin: rosterform can manage staff and every client of the organization"
  for d in "${documents[@]}"; do line "✓ document $d: accepted by Healthie for $shown" >/dev/null; done
  for t in "${inputs[@]}"; do line "✓ input $t: every field rosterform sends exists for $shown" >/dev/null; done
  expect_eq "$(tail -1 <<<"$OUT")" "doctor: 21 checks, 21 passed, 0 failed"
  expect_eq "$ERR" ""
done
expect_eq "$(line '✓ document RosterCreateClient')" \
  "✓ document RosterCreateClient: accepted by Healthie for 2026-07-01 (validated; not executed: no \$input)"
expect_eq "$(line 'API version')" \
  "✓ API version 2026-07-01: current: Healthie sent no deprecation warning (assumed: no published schema; the document checks verify it)"
expect_eq "$(line '✓ input updateClientInput')" \
  "✓ input updateClientInput: every field rosterform sends exists for 2026-07-01 (12 fields)"

# A deprecated version: its sunset and days left, from Healthie's warning;
# -fail-before fails it when the sunset is nearer.
days=$(( ( $(date -u -d 2027-01-31 +%s) - $(date -u -d "$(date -u +%F)" +%s) ) / 86400 ))
workspace 2026-01-01
run doctor -fail-before=30d
if (( days >= 30 )); then expect_rc 0; fi
run doctor -fail-before=$((days + 1))d
expect_rc 1 "sunset nearer than -fail-before"
expect_eq "$(line 'API version')" \
  "✗ API version 2026-01-01: deprecated (Healthie): rejected from 2027-01-31, $days days left (rosterform's documents verified against its published schema); nearer than -fail-before=$((days + 1))d"
expect_eq "$(grep -A1 -F '✗ API version' <<<"$OUT" | tail -1)" \
  "    → set healthie.api_version to 2026-07-01 in rosterform.yaml and run doctor again"
expect_eq "$(tail -1 <<<"$OUT")" "doctor: 21 checks, 20 passed, 1 failed"

# A breaking change in the schema served for 2026-07-01: doctor names the
# document and the field; 2026-01-01 is untouched; plan stops with the field.
sim_post /_sim/breaking '{"version":"2026-07-01","rules":[{"remove":"User.dietitian_id"},{"rename":"Query.organizationMemberships(first)","to":"take"}]}'
workspace 2026-07-01
run doctor
expect_rc 1 "breaking change"
expect_eq "$(line 'document RosterCreateClient')" \
  "✗ document RosterCreateClient: refused for 2026-07-01: Field 'dietitian_id' doesn't exist on type 'User'"
expect_eq "$(line 'document RosterStaff')" \
  "✗ document RosterStaff: refused for 2026-07-01: Field 'organizationMemberships' doesn't accept argument 'first'"
line "✓ document RosterCreateMember" >/dev/null
expect_eq "$(grep -c '^✗' <<<"$OUT")" 6
run doctor -json
expect_rc 1
expect_eq "$(jq -r '.ok' <<<"$OUT")" false
expect_eq "$(jq -r '[.checks[] | select(.ok | not) | .name] | join(",")' <<<"$OUT")" \
  "document RosterStaff,document RosterClientSegments,document RosterClientSearch,document RosterUser,document RosterCreateClient,document RosterUpdateClient"
expect_eq "$(jq -r '.api_version, .sunset_date, .days_left' <<<"$OUT" | tr '\n' ' ')" "2026-07-01 null null "
run plan
expect_rc 1 "plan on a broken version"
expect_contains "$ERR" "Field 'organizationMemberships' doesn't accept argument 'first'"
workspace 2026-01-01
run doctor
expect_rc 0 "2026-01-01 is not affected"
curl -sf -X DELETE "$SIM_BASE/_sim/breaking" >/dev/null

# A renamed and a removed input field: every mutation document is still
# accepted (it is sent without $input), and introspection names the field.
sim_post /_sim/breaking '{"version":"2026-07-01","rules":[{"rename":"updateClientInput.phone_number","to":"phone"},{"remove":"updateOrganizationMembershipInput.is_admin"}]}'
workspace 2026-07-01
run doctor
expect_rc 1 "a renamed input field"
for d in "${documents[@]}"; do line "✓ document $d: accepted by Healthie for 2026-07-01" >/dev/null; done
expect_eq "$(grep -A1 -F '✗ input updateClientInput' <<<"$OUT")" \
  "✗ input updateClientInput: field phone_number, which rosterform sends, does not exist for 2026-07-01
    → this version renamed, removed or now requires an input field: set healthie.api_version to a version doctor passes with, or update rosterform"
expect_eq "$(line 'input updateOrganizationMembershipInput')" \
  "✗ input updateOrganizationMembershipInput: field is_admin, which rosterform sends, does not exist for 2026-07-01"
line "✓ input createClientInput" >/dev/null
expect_eq "$(tail -1 <<<"$OUT")" "doctor: 21 checks, 19 passed, 2 failed"
run doctor -json
expect_rc 1
expect_eq "$(jq -r '[.checks[] | select(.ok | not) | .name] | join(",")' <<<"$OUT")" \
  "input updateClientInput,input updateOrganizationMembershipInput"
expect_eq "$(jq -r '.checks[] | select(.name == "input updateClientInput") | .status' <<<"$OUT")" failed

# Introspection refused (as a production server may): the input checks are
# "not verified", which does not fail doctor unless -fail-unverified; the
# rename above then goes unseen, which the line says.
sim_post /_sim/limits '{"introspection":false}'
run doctor
expect_rc 0 "introspection disabled: not verified is not a failure"
expect_eq "$(grep -A1 -F '? input updateClientInput' <<<"$OUT")" \
  "? input updateClientInput: not verified (introspection disabled): Healthie refused to describe the input type, so the names rosterform sends in it are unproven
    → run doctor against an endpoint that answers introspection (the sandbox, staging-api.gethealthie.com, does) to verify them"
expect_eq "$(grep -c '^? input ' <<<"$OUT")" 5
expect_eq "$(tail -1 <<<"$OUT")" "doctor: 21 checks, 16 passed, 0 failed, 5 not verified"
run doctor -json
expect_rc 0
expect_eq "$(jq -r '.ok, .not_verified' <<<"$OUT" | tr '\n' ' ')" "true 5 "
expect_eq "$(jq -r '[.checks[] | select(.status == "not_verified") | .name] | join(",")' <<<"$OUT")" \
  "input createClientInput,input updateClientInput,input createOrganizationMembershipInput,input updateOrganizationMemberInput,input updateOrganizationMembershipInput"
expect_eq "$(jq -r '[.checks[] | select(.status == "not_verified") | .ok] | unique | join(",")' <<<"$OUT")" "true"
run doctor -fail-unverified
expect_rc 1 "-fail-unverified"
expect_eq "$(grep -A1 -F '✗ input createClientInput' <<<"$OUT")" \
  "✗ input createClientInput: not verified (introspection disabled): Healthie refused to describe the input type, so the names rosterform sends in it are unproven
    → run doctor against an endpoint that answers introspection (the sandbox, staging-api.gethealthie.com, does) to verify them; without -fail-unverified this does not fail doctor"
expect_eq "$(tail -1 <<<"$OUT")" "doctor: 21 checks, 16 passed, 5 failed"
sim_post /_sim/limits '{"introspection":true}'
curl -sf -X DELETE "$SIM_BASE/_sim/breaking" >/dev/null

# A key that is not an organization admin's.
workspace ""
HEALTHIE_API_KEY=bench_provider_key run doctor
expect_rc 1 "non-admin key"
expect_eq "$(sed -n 3p <<<"$OUT")" "✗ key's user: user 1001 of organization 7001, Standard member, not an organization admin: with this key rosterform sees only the user's own clients and cannot manage staff, so plan, apply and import refuse it"
expect_eq "$(sed -n 4p <<<"$OUT")" "    → use the API key of an organization admin"

# A key Healthie does not know: stops after the key check.
HEALTHIE_API_KEY=gh_sbox_unknown_key run doctor
expect_rc 1 "unknown key"
expect_eq "$(sed -n 2,3p <<<"$OUT")" "✗ API key: Healthie did not accept it
    → check the key in the environment variable healthie.api_key_env names, and that it is for this endpoint (sandbox and production keys differ)"
expect_eq "$(tail -1 <<<"$OUT")" "doctor: 2 checks, 1 passed, 1 failed"

# Refusals before anything is sent.
workspace 2025-01-01
run doctor
expect_rc 1 "unsupported version"
expect_eq "$ERR" "rosterform.yaml:4:16: error: 'api_version' in healthie is '2025-01-01', which rosterform does not support: use one of 2024-06-01, 2026-01-01, 2026-07-01 (the versions whose documents are verified against Healthie's schema), or remove the line to use rosterform's default"
workspace ""
run doctor -fail-before=soon
expect_rc 1
expect_eq "$ERR" "rosterform: -fail-before must be a number of days such as 30d (got 'soon')"

# Nothing was changed in Healthie.
expect_eq "$(sim_get /_sim/state | jq -S -c 'del(.emails)')" "$(jq -S -c 'del(.emails)' <<<"$state_before")"
echo "ok"
