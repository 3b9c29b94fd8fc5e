#!/usr/bin/env bash
# A client the roster wants archived (`active: false`) that Healthie does not
# have: Healthie's createClient has no `active`, so apply creates it and then
# archives it, as one change, without a welcome email; the plan says so. When
# the archive fails, the client is recorded as created (active) and the next
# plan archives it.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples
sed -i 's/send_welcome_email: false/send_welcome_email: true/' rosterform.yaml
run apply -auto-approve
expect_rc 0 "first apply"

archived_client() {
  cat >"roster/clients-$1.yaml" <<EOF
clients:
  - key: $1
    email: $1@example.com
    first_name: Wendy
    last_name: Wax
    provider: olivia.owner@example.com
    active: false
EOF
}
# active_of EMAIL: Healthie's `active` for every client with that email.
active_of() { sim_py "[c['active'] for c in s['clients'] if c['email'] == '$1']"; }
welcomes() { sim_get /_sim/emails | jq '[.emails[] | select(.kind == "welcome")] | length'; }

archived_client past-1
run plan -no-color
expect_rc 0 "plan with changes"
expect_contains "$OUT" "not in Healthie; created without a welcome email, then archived (Healthie creates clients active)"
expect_contains "$OUT" "Plan: 1 to create, 0 to update, 0 to deactivate."
welcomes_before=$(welcomes)
run apply -auto-approve
expect_rc 0 "apply: $ERR"
expect_contains "$OUT" "Apply complete!"
expect_eq "$(active_of past-1@example.com)" "[False]"
expect_eq "$(welcomes)" "$welcomes_before"
run plan -no-color
expect_rc 0
expect_contains "$OUT" "No changes."

# The archive fails for good (every updateClient gets a 502, so both
# look-ups show the client still active): the create is recorded, the change
# is reported failed with what is left, and the next plan archives it.
archived_client past-2
sim_post /_sim/faults '{"faults":["http502:op=updateClient"]}'
run apply -auto-approve
expect_rc 1
expect_contains "$OUT" "Apply failed 0 succeeded, 1 failed, 0 not attempted."
expect_contains "$OUT" "client.past-2 (archive client): the outcome of updateClient is unknown (HTTP 502)"
expect_contains "$OUT" "; create client had finished, so Healthie holds user "
expect_contains "$OUT" " as that left it, and the state records it so; run plan again for the rest"
expect_eq "$(active_of past-2@example.com)" "[True]"
sim_post /_sim/faults '{"faults":[]}'
run plan -no-color
expect_rc 0
expect_contains "$OUT" "active: false in the roster"
expect_contains "$OUT" "Plan: 0 to create, 0 to update, 1 to deactivate."
expect_not_contains "$OUT" "changed outside rosterform"
run apply -auto-approve
expect_rc 0 "archive on the next run: $ERR"
expect_eq "$(active_of past-2@example.com)" "[False]"
dups=$(sim_py "len([c for c in s['clients'] if c['email'].startswith('past-')])")
expect_eq "$dups" 2

# A saved plan whose archive step failed is resumed at that step when the
# same plan file is applied again: the client is not created twice, and the
# step line in the journal is what tells the resumed run where to go on.
archived_client past-3
run plan -no-color -out=past3.plan
expect_rc 0
sim_post /_sim/faults '{"faults":["http502:op=updateClient"]}'
run apply past3.plan
expect_rc 1
expect_contains "$OUT" "client.past-3 (archive client): the outcome of updateClient is unknown (HTTP 502)"
expect_contains "$ERR" "client.past-3: create client done, archive client next"
expect_eq "$(active_of past-3@example.com)" "[True]"
# The failed run, its step line and what it saved hold no PHI value.
no_phi() {
  for v in Wendy Wax past-3@example.com; do
    [[ "$1" != *"$v"* ]] || fail "PHI '$v' in: $1"
  done
}
no_phi "$OUT$ERR"
no_phi "$(cat .rosterform/state.json .rosterform/audit.jsonl .rosterform/state.json.journal 2>/dev/null)"
sim_post /_sim/faults '{"faults":[]}'
run apply past3.plan
expect_rc 0 "resumed apply: $ERR"
no_phi "$OUT$ERR"
expect_contains "$OUT" "client.past-3: an earlier run of this plan made part of it (Healthie user "
expect_contains "$OUT" "); it goes on from step 2, not sent again from the start."
expect_eq "$(active_of past-3@example.com)" "[False]"
dups=$(sim_py "len([c for c in s['clients'] if c['email'] == 'past-3@example.com'])")
expect_eq "$dups" 1
run plan -no-color
expect_rc 0
expect_contains "$OUT" "No changes."
# A record that something else changed between the stopped run's step and
# the resumed run is refused, never resumed blind: by field (the updated_at
# moved) and by identity (Healthie no longer finds the user).
sim_client_update() {
  local id
  id=$(sim_py "[c['id'] for c in s['clients'] if c['email']=='$1'][0]")
  curl -sf -H "Authorization: Basic gh_sbox_demo_admin_key" -H "AuthorizationSource: API" \
    -H "Healthie-GraphQL-API-Version: 2026-01-01" -H "Content-Type: application/json" \
    -d "{\"query\":\"mutation { updateClient(input: {id: \\\"$id\\\", $2: \\\"$3\\\"}) { messages { field message } } }\"}" \
    "$SIM_URL" >/dev/null
}
for n in 4 5; do
  archived_client "past-$n"
  run plan -no-color "-out=past$n.plan"
  expect_rc 0
  sim_post /_sim/faults '{"faults":["http502:op=updateClient"]}'
  run apply "past$n.plan"
  expect_rc 1
  sim_post /_sim/faults '{"faults":[]}'
  user=$(sim_py "[c['id'] for c in s['clients'] if c['email']=='past-$n@example.com'][0]")
  sleep 1.1  # updated_at has whole seconds
  if [[ $n == 4 ]]; then
    sim_client_update past-4@example.com timezone America/Denver
    run apply past4.plan
    expect_rc 1
    expect_contains "$ERR" "the saved plan past4.plan is stale: client.past-4 changed in Healthie since an earlier run made part of this change (Healthie user $user); run rosterform plan again"
  else
    sim_client_update past-5@example.com email moved-5@example.com
    run apply past5.plan
    expect_rc 1
    expect_contains "$ERR" "the saved plan past5.plan is stale: client.past-5 was made or changed in part by an earlier run (Healthie user $user), and Healthie no longer shows that user by its identity; run rosterform plan again"
  fi
  no_phi "$OUT$ERR"
  expect_eq "$(sim_py "len([c for c in s['clients'] if c['id']=='$user' and not c['active']])")" 0
done

echo "archived creates: created then archived, a failed archive recorded, a saved plan resumed at its step"
