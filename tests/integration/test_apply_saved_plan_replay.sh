#!/usr/bin/env bash
# A saved plan run again after a SIGKILL part way resumes: the changes the
# killed run recorded are not sent again, the rest are made, nobody is
# duplicated. A create the killed run made but did not record is refused,
# not sent twice. A plan that finished is not carried out again.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0 --latency-ms 60
use_examples

run apply -auto-approve
expect_rc 0 "the first apply"

# add_clients FROM TO: roster entries replay-FROM … replay-TO.
add_clients() {
  {
    echo "# yaml-language-server: \$schema=../roster.schema.json"
    echo "defaults:"
    echo "  clients:"
    echo "    provider: olivia.owner@example.com"
    echo "clients:"
    for i in $(seq "$1" "$2"); do
      printf '  - key: replay-%03d\n    email: replay.%03d@example.com\n    first_name: Replay\n    last_name: Client%03d\n\n' "$i" "$i" "$i"
    done
  } >roster/clients-replay.yaml
}
count_replay() { sim_py "len([c for c in s['clients'] if c['email'].startswith('replay.')])"; }
duplicates() { sim_py "len(s['clients']) - len({(c['email'].lower(), c['first_name'], c['last_name']) for c in s['clients']})"; }
lock_id() { python3 -c "import json; print(json.load(open('.rosterform/state.json.lock'))['id'])"; }

# kill_part_way PLAN: starts apply PLAN and kills it with SIGKILL once some
# of its creates are journalled.
kill_part_way() {
  "$ROSTERFORM_BIN" apply "$1" -parallelism=1 >"$WORK/killed.out" 2>&1 &
  local pid=$!
  for _ in $(seq 1 200); do
    if [[ -f .rosterform/state.json.journal ]] && (($(grep -c '"op":"upsert"' .rosterform/state.json.journal) >= 5)); then
      break
    fi
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ -f .rosterform/state.json.lock ]] && run force-unlock "$(lock_id)"
  true
}

add_clients 1 30
run plan -out=many.plan
expect_rc 0
expect_contains "$OUT" "30 to create"
kill_part_way many.plan
made=$(count_replay)
((made >= 5 && made < 30)) || fail "the kill did not land part way ($made of 30 made)"
recorded=$(grep -c '"op":"upsert"' .rosterform/state.json.journal)

run apply many.plan -no-color
expect_rc 0 "the same plan after a SIGKILL part way"
expect_contains "$OUT" "Resuming many.plan: an earlier run made $recorded of its 30 changes, which are not sent again."
expect_contains "$OUT" "already applied by an earlier run."
expect_eq "$(count_replay)" "30"
expect_eq "$(duplicates)" "0"
run plan -detailed-exitcode
expect_rc 0 "the next plan after the resumed apply"
expect_contains "$OUT" "No changes."

# Finished: the same plan file again sends nothing.
before=$(sim_get /_sim/counters | python3 -c "import json,sys; print(json.load(sys.stdin)['by_operation'].get('createClient', 0))")
run apply many.plan
expect_rc 0
expect_contains "$OUT" "The saved plan many.plan was already applied"
after=$(sim_get /_sim/counters | python3 -c "import json,sys; print(json.load(sys.stdin)['by_operation'].get('createClient', 0))")
expect_eq "$after" "$before"

# Killed after a create reached Healthie but before its journal line: the
# user exists, unrecorded. The resumed run refuses instead of creating it again.
add_clients 1 50
run plan -out=more.plan
expect_rc 0
expect_contains "$OUT" "20 to create"
kill_part_way more.plan
missing=$(sim_py "sorted(set(range(31, 51)) - {int(c['email'][7:10]) for c in s['clients'] if c['email'].startswith('replay.')})[-1]")
curl -sf -H "Authorization: Basic gh_sbox_demo_admin_key" -H "AuthorizationSource: API" \
  -H "Healthie-GraphQL-API-Version: 2026-01-01" -H "Content-Type: application/json" \
  -d "{\"query\":\"mutation { createClient(input: {email: \\\"replay.0$missing@example.com\\\", first_name: \\\"Replay\\\", last_name: \\\"Client0$missing\\\", dont_send_welcome: true}) { user { id } messages { field message } } }\"}" \
  "$SIM_URL" >/dev/null
run apply more.plan -no-color
expect_rc 1 "a create made but not recorded"
expect_contains "$ERR" "rosterform: error: the saved plan more.plan was carried out in part by an earlier run, and client.replay-0$missing now exists in Healthie as user "
expect_contains "$ERR" "although that run never sent it; it is not created: run rosterform plan again (it adopts the user)"
expect_eq "$(duplicates)" "0"
run apply -auto-approve
expect_rc 0 "a fresh plan adopts it and makes the rest"
expect_contains "$OUT" " to adopt."  # the injected one, and any create in flight at the kill
expect_eq "$(count_replay)" "50"
expect_eq "$(duplicates)" "0"
echo "replays: resumed after SIGKILL, refused an unrecorded create, nothing sent twice"
