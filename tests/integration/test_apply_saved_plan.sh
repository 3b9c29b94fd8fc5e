#!/usr/bin/env bash
# A saved plan is applied exactly, without a prompt, and refused once the
# world it was made from has moved: the state, a touched record, or its age.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples

run plan -out=first.plan
expect_rc 0 "plan -out"
[[ $(stat -c %a first.plan) == 600 ]] || fail "the saved plan is not 0600"

run apply first.plan </dev/null
expect_rc 0 "apply a saved plan with no terminal and no prompt"
expect_contains "$OUT" "Apply complete!"

# first.plan again: it is carried out already, and nothing is sent twice.
run apply first.plan
expect_rc 0
expect_contains "$OUT" "The saved plan first.plan was already applied"

# Another plan made before any state existed: one exists now: refuse.
mv .rosterform .rosterform.kept
sed -i 's/first_name: Peter/first_name: Pete/' roster/staff.yaml
run plan -out=before.plan
expect_rc 0
rm -rf .rosterform && mv .rosterform.kept .rosterform
run apply before.plan
expect_rc 1
expect_contains "$ERR" "the saved plan before.plan is stale: it was made before any state existed, and another apply has run since"
sed -i 's/first_name: Pete$/first_name: Peter/' roster/staff.yaml

# The state moved on (its serial) since second.plan was made: refuse.
run plan -out=second.plan
expect_rc 0
run state rm staff.sam.support@example.com
expect_rc 0
run apply second.plan
expect_rc 1
expect_contains "$ERR" "the saved plan second.plan is stale: the state changed since it was made"
run apply -auto-approve
expect_rc 0 "re-adopt after state rm"

# A plan that touches Peter; then Peter changes in Healthie: refuse.
sed -i 's/first_name: Peter/first_name: Pete/' roster/staff.yaml
run plan -out=rename.plan
expect_rc 0 "plan the rename"
expect_contains "$OUT" "Plan: 0 to create, 1 to update"
peter=$(sim_py "[m['id'] for m in s['members'] if m['email']=='peter.provider@example.com'][0]")
curl -sf -H "Authorization: Basic gh_sbox_demo_admin_key" -H "AuthorizationSource: API" \
  -H "Healthie-GraphQL-API-Version: 2026-01-01" -H "Content-Type: application/json" \
  -d "{\"query\":\"mutation { updateOrganizationMember(input: {id: \\\"$peter\\\", qualifications: \\\"RD, CDCES\\\"}) { messages { field message } } }\"}" \
  "$SIM_URL" >/dev/null
run apply rename.plan
expect_rc 1
expect_contains "$ERR" "the saved plan rename.plan is stale: staff.peter.provider@example.com (Healthie user 9002) changed in Healthie since the plan was made (qualifications changed); run rosterform plan again"

# Too old.
run plan -out=late.plan
expect_rc 0
run apply late.plan -plan-max-age=0s
expect_rc 1
expect_contains "$ERR" "the saved plan late.plan is too old"

# Fresh, in time and untouched: applied exactly.
run apply late.plan
expect_rc 0
expect_contains "$OUT" "Apply complete! 1 succeeded, 0 failed, 0 not attempted."
run plan -detailed-exitcode
expect_rc 0
expect_contains "$OUT" "No changes."

run apply not-a-plan.json
expect_rc 1
expect_contains "$ERR" "cannot read not-a-plan.json"

# show renders a saved plan without contacting Healthie, PHI masked.
sed -i 's/first_name: Pete$/first_name: Peter/' roster/staff.yaml
run plan -out=show.plan
expect_rc 0
run show show.plan -no-color
expect_rc 0
expect_contains "$OUT" "Saved plan show.plan"
expect_contains "$OUT" "Plan: 0 to create, 1 to update"
run show show.plan -json
expect_rc 0
expect_contains "$OUT" '"format_version"'
expect_not_contains "$OUT" "alice.apple@example.com"
