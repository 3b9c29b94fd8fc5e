#!/usr/bin/env bash
# Safety around apply (issue 11, points 3-5), each reproduction end to end:
# a key that is not an organization admin's is stopped before any diff; a
# live lock is not force-unlocked; an empty lock file is reported with the
# command that clears it; a lost state is an error with a deliberate way on
# (state init); a mutation answered with a null payload plus errors is an
# unknown outcome settled by look-up, never resent.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples
requests() { sim_get /_sim/requests | python3 -c "import json,sys; print(sum(1 for r in json.load(sys.stdin)['requests'] if r['operation_type'] == '$1'))"; }

# --- 3. A provider-level key sees only its own clients: stop before any diff.
scope="rosterform: error: the API key belongs to Healthie user 9002 (org role Standard, not an organization admin): it sees only its own clients and cannot manage staff, so a plan made with it would propose creating clients who already exist; use an organization admin's API key, which sees every client and may manage staff; stopped before reading the roster from Healthie"
for cmd in plan "apply -auto-approve" "import -out-dir=imported"; do
  # shellcheck disable=SC2086
  HEALTHIE_API_KEY=gh_sbox_demo_provider_key run $cmd
  expect_rc 1 "$cmd with a provider key"
  expect_eq "$(tail -n1 <<<"$ERR")" "$scope"
  expect_not_contains "$OUT" "to add"
done
expect_eq "$(requests mutation)" "0"
[[ ! -e imported ]] || fail "import wrote roster files with a provider key"
# A saved plan made with an admin key is not applied with a provider key.
run plan -out=admin.plan
expect_rc 0
HEALTHIE_API_KEY=gh_sbox_demo_provider_key run apply admin.plan
expect_rc 1 "apply PLANFILE with a provider key"
expect_eq "$(tail -n1 <<<"$ERR")" "$scope"
expect_eq "$(requests mutation)" "0"

# --- 5. createClient commits but answers {"data":{"createClient":null},"errors":[...]}:
# unknown, settled by look-up, reported as done, and never sent twice.
sim_post /_sim/faults '{"faults":["null_payload:nth=1:op=createClient"]}'
run apply -auto-approve
expect_rc 0 "apply with a null-payload createClient"
expect_contains "$OUT" "Apply complete!"
expect_contains "$OUT" " 0 failed, 0 not attempted."
sim_post /_sim/faults '{"faults":[]}'
dups=$(sim_py "len(s['clients']) - len({(c['email'].lower(), c['first_name'], c['last_name']) for c in s['clients']})")
expect_eq "$dups" "0"
expect_eq "$(sim_get /_sim/requests | python3 -c "import json,sys; print(sum(1 for r in json.load(sys.stdin)['requests'] if r['outcome'] == 'fault:null_payload'))")" "1"
run plan -detailed-exitcode
expect_rc 0 "plan after the settled create"
expect_contains "$OUT" "No changes."

# --- 4a. force-unlock refuses while the holder is alive on this host.
"$NODE" -e 'setTimeout(() => {}, 60000)' &
holder=$!
host=$(python3 -c 'import socket; print(socket.gethostname())')
printf '{"id":"5c1e0d2a9b7f3e61","who":"alice@%s","host":"%s","pid":%d,"operation":"apply","created":"2026-12-01T09:00:00Z"}' \
  "$host" "$host" "$holder" > .rosterform/state.json.lock
run force-unlock 5c1e0d2a9b7f3e61
expect_rc 1 "force-unlock of a live holder"
expect_eq "$ERR" "rosterform: error: lock 5c1e0d2a9b7f3e61 is held by a run that is still going on this host (pid $holder):
  ID:        5c1e0d2a9b7f3e61
  Who:       alice@$host
  Host:      $host (pid $holder)
  Operation: apply
  Created:   2026-12-01T09:00:00Z
Releasing it would let two runs change Healthie and the state at once. Wait for it to finish, or stop it; if you are sure it no longer uses the state, run: rosterform force-unlock -force 5c1e0d2a9b7f3e61"
[[ -f .rosterform/state.json.lock ]] || fail "the live lock was released"
run force-unlock -force 5c1e0d2a9b7f3e61
expect_rc 0 "force-unlock -force"
expect_eq "$OUT" "Released lock 5c1e0d2a9b7f3e61."
expect_eq "$ERR" "rosterform: warning: pid $holder still holds the state open; if it is still applying, its own save can overwrite what the next run records"
kill "$holder"; wait "$holder" 2>/dev/null || true

# The reproduction: a real apply holds the lock; force-unlock must not free it.
sim_post /_sim/limits '{"latencyMs":150}'
sed -i 's/^    phone_number: .*/    phone_number: 555-777-0101/' roster/clients-olivia.yaml
"$ROSTERFORM_BIN" apply -auto-approve -parallelism=1 >"$WORK/first.out" 2>&1 &
first=$!
for _ in $(seq 1 200); do [[ -s .rosterform/state.json.lock ]] && break; sleep 0.05; done
id=$(python3 -c "import json; print(json.load(open('.rosterform/state.json.lock'))['id'])")
run force-unlock "$id"
expect_rc 1 "force-unlock while apply runs"
expect_contains "$ERR" "is held by a run that is still going on this host (pid $first)"
expect_contains "$ERR" "Operation: apply"
wait "$first" || fail "the first apply failed: $(cat "$WORK/first.out")"
sim_post /_sim/limits '{"latencyMs":0}'

# --- 4b. An empty lock file left by a kill while taking the lock.
: > .rosterform/state.json.lock
touch -d '2026-12-01 09:00:00 UTC' .rosterform/state.json.lock
run apply -auto-approve
expect_rc 1 "apply with an empty lock file"
expect_eq "$ERR" "rosterform: error: the state is locked, but the lock file .rosterform/state.json.lock is empty (last written 2026-12-01T09:00:00Z): a run was killed while taking the lock, before it could record itself, so no holder or ID is known.
If no other run is using the state, clear it with: rosterform force-unlock empty"
run force-unlock empty
expect_rc 0 "force-unlock empty"
expect_eq "$OUT" "Released the empty lock file."
[[ ! -e .rosterform/state.json.lock ]] || fail "the empty lock file is still there"

# --- 4c. A deleted state.json while the audit log shows earlier applies.
runs=$(grep -c . .rosterform/audit.jsonl)
last=$(tail -n1 .rosterform/audit.jsonl | python3 -c "import json,sys; e=json.load(sys.stdin); print(f\"{e['operation']} at {e['time']} by {e['actor']}\")")
lost="the audit log .rosterform/audit.jsonl records $runs earlier runs (the last: $last): the state was lost.
Without it rosterform would start a new lineage: it would adopt every user the roster matches and no longer know which users it managed, so a user taken out of the roster since the last apply would be left active in Healthie instead of deactivated.
Restore .rosterform/state.json from a backup and run again; or, to start a new state deliberately, run: rosterform state init"
cp .rosterform/state.json "$WORK/state.backup"
rm .rosterform/state.json
for cmd in plan "apply -auto-approve" "state list"; do
  # shellcheck disable=SC2086
  run $cmd
  expect_rc 1 "$cmd without state.json"
  expect_eq "$ERR" "rosterform: error: the state file .rosterform/state.json is missing, but $lost"
done
[[ ! -e .rosterform/state.json ]] || fail "a new state was written"
: > .rosterform/state.json
run plan
expect_rc 1 "plan with an empty state.json"
expect_eq "$ERR" "rosterform: error: the state file .rosterform/state.json is empty, but $lost"

# Restoring the backup is the way back ...
cp "$WORK/state.backup" .rosterform/state.json
run plan -detailed-exitcode
expect_rc 0 "plan after restoring the state"
# ... and state init the deliberate way on, kept in the audit log.
rm .rosterform/state.json
run state init
expect_rc 0 "state init"
expect_contains "$OUT" "Started a new state in .rosterform/state.json (lineage "
expect_contains "$OUT" "The next plan matches the roster to Healthie by identity and adopts the users it finds"
expect_eq "$(tail -n1 .rosterform/audit.jsonl | python3 -c "import json,sys; print(json.load(sys.stdin)['operation'])")" "state init"
run state init
expect_rc 1 "state init over an existing state"
expect_eq "$ERR" "rosterform: error: a state already exists at .rosterform/state.json; state init starts a state only where there is none (or it is empty). To start over, move .rosterform/state.json away first"
run plan
expect_rc 0 "plan on the new state"
expect_contains "$OUT" "to adopt"
run audit verify
expect_rc 0
