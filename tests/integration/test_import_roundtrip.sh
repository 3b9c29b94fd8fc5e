#!/usr/bin/env bash
# import writes roster files from Healthie and adopts every user; the next
# plan then has nothing to do.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
export ROSTERFORM_ENDPOINT="$SIM_URL" HEALTHIE_API_KEY=gh_sbox_demo_admin_key
cat > rosterform.yaml <<'YAML'
version: 1
healthie:
  endpoint: https://staging-api.gethealthie.com/graphql
  api_version: "2026-01-01"
  api_key_env: HEALTHIE_API_KEY
include: [roster/*.yaml]
YAML

run import
expect_rc 0 "import"
expect_contains "$OUT" "Imported 3 staff into roster/staff.yaml and 5 clients into roster/clients.yaml; 8 users adopted into the state."
grep -q "key: healthie-5001" roster/clients.yaml || fail "imported clients carry no stable key"
grep -q "active: false" roster/clients.yaml || fail "the archived client was not imported as active: false"

run state list
expect_contains "$OUT" "client.healthie-5001"
expect_contains "$OUT" "staff.olivia.owner@example.com"

run apply -auto-approve
expect_rc 0 "apply after import"
expect_contains "$OUT" "No changes."

# Import never overwrites roster files without -force.
run import
expect_rc 1
expect_contains "$ERR" "roster/staff.yaml already exists; import would overwrite it. Move it away, or pass -force"
