#!/usr/bin/env bash
# Every managed field, walked from the field table itself (`rosterform
# schema`, which the provider's table generates), for staff and clients and
# on each supported API version: set in a roster, sent to the simulator by
# apply, read back, and the next plan is "No changes." Then every field is
# changed to a second value, with the same result. A field that is sent but
# never read back (or read back differently) shows as a change that never
# goes away, and fails here.
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

for version in 2024-06-01 2026-01-01 2026-07-01; do
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/seed.json" "$SIM_BASE/_sim/seed" >/dev/null
  rm -rf .rosterform
  for round in 1 2; do
    roster "$version" "$round"
    run apply -auto-approve
    expect_rc 0 "apply round $round on $version"
    run plan -detailed-exitcode
    expect_rc 0 "plan after round $round on $version: every field read back as sent"
    expect_contains "$OUT" "No changes."
  done
  # Healthie holds the second round's values, field by field (what the
  # simulator stored, not just what rosterform decoded).
  for f in $(fields client); do
    [[ $f == provider || $f == active ]] && continue
    got=$(sim_get /_sim/state | jq -r --arg f "$f" '.clients[] | select(.email == "rt.client@example.com") | .[$f] // empty')
    expect_eq "$got" "$(value client "$f" 2)"
  done
done
echo "ok"
