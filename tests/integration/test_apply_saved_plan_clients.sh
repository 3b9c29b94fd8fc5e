#!/usr/bin/env bash
# Saved plans that touch clients, for every action and both API shapes:
# each applies exactly when nothing moved, converges (the next plan is "No
# changes."), and is refused with the record and the fields that moved when
# something did. A plan file is sealed by its digest, and is never carried
# out twice.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples

# fresh_roster: the examples' roster, plus a client identified by email and
# names alone (no key, no record_identifier).
fresh_roster() {
  cp -r "$ROSTERFORM_SOURCE_DIR/examples/roster/." roster/
  cat >>roster/clients-olivia.yaml <<'YAML'

  - email: nell.nectarine@example.com
    first_name: Nell
    last_name: Nectarine
    dob: 1990-03-03
YAML
}

# drop_entry FILE FIRST_LINE: removes the roster entry that starts "  - FIRST_LINE".
drop_entry() {
  python3 - "$1" "$2" <<'PY'
import re, sys
path, first = sys.argv[1], sys.argv[2]
text = open(path).read() + '\n'
open(path, 'w').write(re.sub(r'\n  - ' + re.escape(first) + r'\n(    .*\n)+', '\n', text))
PY
}

# apply_saved NAME WHAT: plan -out=NAME.plan, apply it, then expect "No changes.".
apply_saved() {
  run plan -out="$1.plan" -no-color
  expect_rc 0 "plan -out ($2)"
  expect_contains "$OUT" "$3"
  run apply "$1.plan" -no-color
  expect_rc 0 "apply the saved plan ($2)"
  expect_contains "$OUT" "Apply complete!"
  run plan -detailed-exitcode -no-color
  expect_rc 0 "the next plan after $2"
  expect_contains "$OUT" "No changes."
}

# sim_client_update RID FIELD VALUE: a change made directly in Healthie.
sim_client_update() {
  local id
  id=$(sim_py "[c['id'] for c in s['clients'] if c.get('record_identifier')=='$1'][0]")
  curl -sf -H "Authorization: Basic gh_sbox_demo_admin_key" -H "AuthorizationSource: API" \
    -H "Healthie-GraphQL-API-Version: 2026-01-01" -H "Content-Type: application/json" \
    -d "{\"query\":\"mutation { updateClient(input: {id: \\\"$id\\\", $2: \\\"$3\\\"}) { messages { field message } } }\"}" \
    "$SIM_URL" >/dev/null
}

for version in 2026-01-01 2024-06-01; do
  sim_post /_sim/reset '{}'
  rm -rf .rosterform ./*.plan
  fresh_roster
  sed -i "s/api_version: .*/api_version: \"$version\"/" rosterform.yaml
  echo "== API version $version"

  apply_saved first "the first apply ($version)" "to create"

  # update, by record_identifier
  sed -i 's/phone_number: "555-020-0001"/phone_number: "555-020-9001"/' roster/clients-olivia.yaml
  apply_saved update "an update by record_identifier ($version)" "1 to update"
  # update, by explicit key
  sed -i 's/phone_number: "+1 555 030 0001"/phone_number: "+1 555 030 9001"/' roster/clients-intake.yaml
  apply_saved keyed "an update by key ($version)" "1 to update"
  # update, by email + names
  sed -i 's/dob: 1990-03-03/dob: 1990-03-04/' roster/clients-olivia.yaml
  apply_saved named "an update by email and names ($version)" "1 to update"

  # drift: Healthie changed a managed field; the plan puts it back
  sim_client_update MSN-0005 phone_number 555-999-0000
  apply_saved drift "a drift fix ($version)" "1 to update"

  # deactivation: a client removed from the roster, by each identity kind
  cp roster/clients-olivia.yaml olivia.bak
  cp roster/clients-intake.yaml intake.bak
  drop_entry roster/clients-olivia.yaml "record_identifier: MSN-0006"
  drop_entry roster/clients-olivia.yaml "email: nell.nectarine@example.com"
  drop_entry roster/clients-intake.yaml "key: intake-2026-002"
  apply_saved removed "deactivations of removed clients ($version)" "3 to deactivate"

  # reactivation: they come back
  cp olivia.bak roster/clients-olivia.yaml
  cp intake.bak roster/clients-intake.yaml
  apply_saved back "adopting and reactivating them again ($version)" "3 to adopt"

  # reactivation of a managed client, then the deactivation the roster asks for
  sed -i 's/    active: false                 # archived; stays archived/    active: true/' roster/clients-olivia.yaml
  apply_saved reactivate "a reactivation ($version)" "1 to reactivate"
  cp olivia.bak roster/clients-olivia.yaml
  apply_saved archive "a deactivation the roster asks for ($version)" "1 to deactivate"

  # forget: a client already archived in Healthie leaves the roster
  drop_entry roster/clients-olivia.yaml "record_identifier: MSN-0004"
  apply_saved forget "forgetting an archived client ($version)" "1 to forget"
  cp olivia.bak roster/clients-olivia.yaml
  apply_saved adopt "adopting it again ($version)" "1 to adopt"

  # create
  cat >>roster/clients-olivia.yaml <<'YAML'

  - record_identifier: MSN-0900
    email: opal.orange@example.com
    first_name: Opal
    last_name: Orange
    dob: 1992-09-09
YAML
  apply_saved create "a create ($version)" "1 to create"
  cp olivia.bak roster/clients-olivia.yaml
  cat >>roster/clients-olivia.yaml <<'YAML'

  - record_identifier: MSN-0900
    email: opal.orange@example.com
    first_name: Opal
    last_name: Orange
    dob: 1992-09-09
YAML
  cp roster/clients-olivia.yaml olivia.bak
done

# The same plan file again, after it finished: nothing is sent twice.
sed -i 's/phone_number: "555-020-0005"/phone_number: "555-020-7005"/' roster/clients-olivia.yaml
run plan -out=twice.plan
expect_rc 0
run apply twice.plan
expect_rc 0
run apply twice.plan
expect_rc 0 "the same saved plan again"
expect_contains "$OUT" "The saved plan twice.plan was already applied (state lineage "
expect_contains "$OUT" "all 1 changes are made, and nothing is sent again."

# A record that moved is named with the fields that moved, never the values.
sed -i 's/phone_number: "555-020-7005"/phone_number: "555-020-8005"/' roster/clients-olivia.yaml
run plan -out=moved.plan
expect_rc 0
sim_client_update MSN-0005 phone_number 555-444-1234
sim_client_update MSN-0005 dob 1999-09-19
erin=$(sim_py "[c['id'] for c in s['clients'] if c.get('record_identifier')=='MSN-0005'][0]")
run apply moved.plan
expect_rc 1
expect_contains "$ERR" "rosterform: error: the saved plan moved.plan is stale: client"
expect_contains "$ERR" "client.id:$erin changed in Healthie since the plan was made (dob, phone_number changed); run rosterform plan again"
expect_not_contains "$ERR" "MSN-0005"
expect_not_contains "$ERR" "555-444-1234"
expect_not_contains "$ERR" "1999-09-19"
run plan -out=moved.plan
expect_rc 0
run apply -auto-approve
expect_rc 0

# A plan file edited after it was made is refused.
sed -i 's/phone_number: "555-020-8005"/phone_number: "555-020-6005"/' roster/clients-olivia.yaml
run plan -out=edited.plan
expect_rc 0
sed -i 's/555-020-6005/555-020-6666/' edited.plan
run apply edited.plan
expect_rc 1
expect_contains "$ERR" "rosterform: error: edited.plan was changed after it was made (its digest does not match its content); a saved plan is applied only exactly as reviewed: run rosterform plan -out=edited.plan again"

# Roster files edited after the plan was made: a warning; the plan applies as reviewed.
run plan -out=reviewed.plan
expect_rc 0
sed -i 's/first_name: Gina/first_name: Georgina/' roster/clients-olivia.yaml
run apply reviewed.plan
expect_rc 0
expect_contains "$ERR" "rosterform: warning: the roster files changed since reviewed.plan was made; applying the plan as reviewed, without those changes (run rosterform plan to see them)"
run plan -no-color
expect_contains "$OUT" "1 to update"
run apply -auto-approve
expect_rc 0

# A staff member removed from the roster converges in one apply too.
drop_entry roster/staff.yaml "email: sam.support@example.com"
apply_saved staffgone "a staff removal" "1 to deactivate"
echo "saved plans with clients: every action on both API versions"
