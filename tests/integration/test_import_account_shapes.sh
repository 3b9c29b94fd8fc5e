#!/usr/bin/env bash
# Import round trips for every account shape the simulator can hold (issue 16
# points 3 and 8): clients with no provider, clients of a deactivated staff
# member, clients of a Support member, mixed with ordinary clients. For each
# API shape (baseline offsets, 2026 cursors) the written roster passes
# `validate`, the next `plan` shows "No changes.", each entry where import had
# to choose carries a comment saying what and why, and each warning kind is
# one summary line, at import and at every later plan.
source "$(dirname "$0")/lib.sh"

# The demo account plus: Dora, a deactivated member with an active and an
# archived client; Fay, with no provider; Sam (Support) with 1,003 clients.
python3 - "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" >"$WORK/seed.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["members"].append({"id": "9004", "membership_id": "8004", "email": "dora.departed@example.com",
                     "first_name": "Dora", "last_name": "Departed", "org_role": "Standard",
                     "is_admin": False, "active": False, "created_at": "2024-05-20T10:00:00Z"})
def client(i, provider, active=True):
    return {"id": str(i), "email": f"c{i}@example.com", "first_name": "Fay", "last_name": f"Fig{i}",
            "dietitian_id": provider, "active": active, "created_at": "2024-06-01T12:00:00Z"}
s["clients"] += [client(5006, None), client(5007, "9004"), client(5008, "9004", active=False)]
s["clients"] += [client(6000 + i, "9003") for i in range(1003)]
json.dump(s, sys.stdout)
PY
start_sim "$WORK/seed.json" --rate-limit 0
export ROSTERFORM_ENDPOINT="$SIM_URL" HEALTHIE_API_KEY=gh_sbox_demo_admin_key
PHI=("Fay" "c5006@example.com" "Fig5006" "alice.apple@example.com")
no_phi() { for v in "${PHI[@]}"; do [[ "$1" != *"$v"* ]] || fail "PHI '$v' in: $1"; done; }

NO_PROVIDER_LINE="roster/clients.yaml:49:5: warning: client names no provider: plan refuses to create a client without one, and leaves an existing client's provider as Healthie has it (policy require_provider_for_clients is true): add 'provider: <staff email>' or 'defaults: {clients: {provider: ...}}'"
DEACTIVATED_LINE="roster/clients.yaml:57:15: warning: provider 'dora.departed@example.com' is deactivated in the roster (active: false at roster/staff.yaml:3:5): Healthie keeps the assignment, but plan refuses to assign a client to a deactivated member: assign an active provider"
SUPPORT_LINE="warning: 1,003 clients have a Support member as provider (first: roster/clients.yaml:68:15, roster/clients.yaml:73:15, roster/clients.yaml:78:15 and 1,000 more): Healthie assigns clients to providers (org_role: Standard)"

for version in 2024-06-01 2026-01-01; do
  mkdir -p "$WORK/$version" && cd "$WORK/$version"
  cat > rosterform.yaml <<YAML
version: 1
healthie:
  endpoint: https://staging-api.gethealthie.com/graphql
  api_version: "$version"
  api_key_env: HEALTHIE_API_KEY
include: [roster/*.yaml]
YAML
  run import -progress=none
  expect_rc 0 "import ($version)"
  expect_contains "$OUT" "Imported 4 staff into roster/staff.yaml and 1,011 clients into roster/clients.yaml"
  expect_contains "$ERR" "$SUPPORT_LINE"
  expect_contains "$ERR" "$NO_PROVIDER_LINE"
  expect_contains "$ERR" "$DEACTIVATED_LINE"
  [[ $(grep -c "deactivated" <<<"$ERR") == 1 ]] || fail "the archived client of a deactivated member warned ($version): $ERR"
  [[ $(grep -c "Support member" <<<"$ERR") == 1 ]] || fail "more than one Support line ($version): $ERR"
  no_phi "$ERR"

  # The comments say what import chose, by entry, without PHI.
  grep -q -- '- key: healthie-5006  # no provider in Healthie: left out, so rosterform leaves it as it is; add provider: <staff email> to assign one' roster/clients.yaml ||
    fail "no comment on the client without a provider ($version): $(cat roster/clients.yaml)"
  grep -q -- 'provider: "dora.departed@example.com"  # deactivated in Healthie (active: false in staff): kept as Healthie has it; assign an active provider when you can' roster/clients.yaml ||
    fail "no comment on the client of a deactivated member ($version)"
  grep -q -- 'provider: "sam.support@example.com"  # a Support member (org_role: Support): kept as Healthie has it' roster/clients.yaml ||
    fail "no comment on a client of a Support member ($version)"
  [[ $(grep -c "dora.departed@example.com\"  #" roster/clients.yaml) == 1 ]] ||
    fail "the archived client of a deactivated member needs no comment ($version)"

  run validate
  expect_rc 0 "validate after import ($version)"
  expect_contains "$ERR" "$SUPPORT_LINE"
  expect_contains "$ERR" "$NO_PROVIDER_LINE"
  expect_contains "$ERR" "$DEACTIVATED_LINE"

  run plan -no-color -progress=none
  expect_rc 0 "plan after import ($version)"
  expect_contains "$OUT" "No changes."
  expect_contains "$ERR" "$SUPPORT_LINE"
  expect_contains "$ERR" "$NO_PROVIDER_LINE"
  expect_contains "$ERR" "$DEACTIVATED_LINE"
  [[ $(grep -c "Support member" <<<"$ERR") == 1 ]] || fail "more than one Support line in plan ($version)"
  no_phi "$ERR"
done

# What Healthie cannot become stays refused at plan time: a new client without
# a provider, and an existing client moved to a deactivated member.
cd "$WORK/2026-01-01"
cp roster/clients.yaml clients.orig
cat >> roster/clients.yaml <<'YAML'
  - key: new-one
    email: new.one@example.com
    first_name: New
    last_name: One
YAML
run plan -no-color -progress=none
expect_rc 1 "a new client without a provider"
expect_contains "$ERR" "roster/clients.yaml:5079:5: error: client.new-one: has no provider and would be created; Healthie would assign it to the API key's user: add 'provider: <staff email>' (policy require_provider_for_clients is true)"
cp clients.orig roster/clients.yaml
sed -i 's/^  - key: healthie-5001$/&\n    provider: dora.departed@example.com/; /healthie-5001/,/^  - /{/provider: "olivia/d}' roster/clients.yaml
run plan -no-color -progress=none
expect_rc 1 "an existing client moved to a deactivated member"
expect_contains "$ERR" "client.healthie-5001: its provider dora.departed@example.com is deactivated in Healthie; set \`provider:\` to an active staff member"
echo "import account shapes: ok"
