#!/usr/bin/env bash
# Every managed field, walked from the field table itself (`rosterform
# schema`, which the provider's table generates), for staff and clients and
# on each supported API version: set in a roster, sent to the simulator by
# apply, read back, and the next plan is "No changes." Then every field is
# changed to a second value, with the same result, and the simulator holds
# the second values. A field that is sent but never read back (or read back
# differently) shows as a change that never goes away, and fails here with
# its name: shown last, with a client field and a staff field the simulator
# is told to drop.
source "$(dirname "$0")/lib.sh"

"$NODE" "$ROSTERFORM_SOURCE_DIR/bench/fetch_seed.mjs" --clients 2 --staff 2 >"$WORK/seed.json"
start_sim "$WORK/seed.json" --rate-limit 0
export ROSTERFORM_ENDPOINT="$SIM_URL" HEALTHIE_API_KEY=bench_admin_key
run schema
expect_rc 0
echo "$OUT" >"$WORK/schema.json"

# value DEFINITION FIELD ROUND: a valid, non-default value for FIELD,
# chosen by its type in the schema; ROUND 1 and 2 give different values.
value() {
  jq -r --arg d "$1" --arg f "$2" --argjson r "$3" '
    .definitions[$d].properties[$f] as $p
    | if $f == "email" then (if $d == "client" then "rt.client@example.com" else "rt.staff@example.com" end)
      elif $f == "provider" then (if $r == 1 then "rt.provider1@example.com" else "rt.provider2@example.com" end)
      elif $f == "active" then "true"
      elif $p.type == "boolean" then (if $r == 1 then "true" else "false" end)
      elif $p.enum then ($p.enum | if $r == 1 then .[-1] else .[0] end)
      elif $p.format == "date" then (if $r == 1 then "1985-02-03" else "1990-11-12" end)
      elif ($p.description | test("time zone")) then (if $r == 1 then "America/Chicago" else "Europe/Berlin" end)
      elif ($p.pattern // "" | test("0-9 ")) then (if $r == 1 then "+1 555 0100" else "+1 555 0199" end)
      else "Rt\($f)\($r)" | gsub("_"; "") end' "$WORK/schema.json"
}
fields() { jq -r --arg d "$1" '.definitions[$d].properties | to_entries[] | select(.value["x-healthie-input"]) | .key' "$WORK/schema.json"; }

roster() {  # VERSION ROUND
  { echo "version: 1"
    echo "healthie: {api_version: \"$1\", api_key_env: HEALTHIE_API_KEY}"
    echo "policy: {require_provider_for_clients: false, send_invite_email: false}"
    echo "staff:"
    for p in 1 2; do
      echo "  - {email: rt.provider$p@example.com, first_name: Prov$p, last_name: Rt, org_role: Standard}"
    done
    echo "  - email: rt.staff@example.com"
    for f in $(fields staff_member); do
      [[ $f == email ]] || echo "    $f: \"$(value staff_member "$f" "$2")\""
    done
    echo "clients:"
    echo "  - key: rt-client"
    for f in $(fields client); do echo "    $f: \"$(value client "$f" "$2")\""; done
  } | sed -E 's/: "(true|false)"$/: \1/' >rosterform.yaml
}

# stuck: the fields the last plan still changes, "ADDRESS FIELD" one a line.
stuck() { jq -r '.changes[] | .address as $a | .fields[] | select(.changed) | "\($a) \(.name)"' <<<"$OUT" | paste -sd, | sed 's/,/, /g'; }

# roundtrip VERSION: both rounds on a fresh Healthie; fails naming every
# field that was sent but not read back as sent.
roundtrip() {
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/seed.json" "$SIM_BASE/_sim/seed" >/dev/null
  rm -rf .rosterform
  for round in 1 2; do
    roster "$1" "$round"
    run apply -auto-approve
    expect_rc 0 "apply round $round on $1"
    run plan -json -detailed-exitcode
    [[ $RC == 2 ]] && fail "sent but never read back on $1, round $round: $(stuck) (apply succeeded, and the next plan still changes it)"
    expect_rc 0 "plan after round $round on $1"
    expect_eq "$(jq -r .summary.text <<<"$OUT")" "No changes."
  done
  # Healthie holds the second round's values, field by field (what the
  # simulator stored, not just what rosterform decoded).
  local state; state=$(sim_get /_sim/state)
  for f in $(fields client); do
    [[ $f == provider || $f == active ]] && continue
    expect_eq "$(jq -r --arg f "$f" '.clients[] | select(.email == "rt.client@example.com") | .[$f] // empty' <<<"$state")" \
      "$(value client "$f" 2)"
  done
  for f in $(fields staff_member); do
    [[ $f == active || $f == org_role || $f == is_admin ]] && continue
    expect_eq "$(jq -r --arg f "$f" '.members[] | select(.email == "rt.staff@example.com") | .[$f] // empty' <<<"$state")" \
      "$(value staff_member "$f" 2)"
  done
}

# Every shape: baseline lists (2024-06-01) and connections (2026-01-01, 2026-07-01).
for version in 2024-06-01 2026-01-01 2026-07-01; do roundtrip "$version"; done

# broken_roundtrip VERSION: the round trip in a subshell, expected to fail;
# $ERR is its message.
broken_roundtrip() {
  set +e
  ( set -e; roundtrip "$1" ) 2>"$WORK/broken.err"
  RC=$?
  set -e
  ERR=$(cat "$WORK/broken.err")
  [[ $RC != 0 ]] || fail "the round trip on $1 passed although Healthie dropped a field"
}

# A field that is sent but never read back is caught, and named: Healthie
# accepts a client's gender, or a staff member's npi, and drops it (the
# simulator's ignoreInputs, docs/simulator.md), as it would a new table row
# the server does not support. Then the same round trips pass again.
sim_post /_sim/limits '{"ignoreInputs":["createClientInput.gender","updateClientInput.gender"]}'
broken_roundtrip 2026-07-01
expect_eq "$ERR" "FAIL: sent but never read back on 2026-07-01, round 1: client.rt-client gender (apply succeeded, and the next plan still changes it)"
sim_post /_sim/limits '{"ignoreInputs":["updateOrganizationMemberInput.npi"]}'
broken_roundtrip 2024-06-01
expect_eq "$ERR" "FAIL: sent but never read back on 2024-06-01, round 1: staff.rt.staff@example.com npi (apply succeeded, and the next plan still changes it)"
sim_post /_sim/limits '{"ignoreInputs":[]}'
roundtrip 2024-06-01
roundtrip 2026-07-01
echo "ok"
