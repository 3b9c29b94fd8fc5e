#!/usr/bin/env bash
# One warning kind is one line even when the roster's loader and the plan
# both give it (issue 16 point 3): a client of a member the roster lists as
# deactivated (the loader says it) and a client of a member deactivated in
# Healthie that the roster does not list (the plan says it) are one summary
# line, with both places.
source "$(dirname "$0")/lib.sh"

python3 - "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" >"$WORK/seed.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for i, name in ((9004, "dora"), (9005, "dan")):
    s["members"].append({"id": str(i), "membership_id": str(i - 1000), "email": f"{name}.departed@example.com",
                         "first_name": name.title(), "last_name": "Departed", "org_role": "Standard",
                         "is_admin": False, "active": False, "created_at": "2024-05-20T10:00:00Z"})
    s["clients"].append({"id": str(i + 1000), "email": f"c{i}@example.com", "first_name": "Fay",
                         "last_name": f"Fig{i}", "dietitian_id": str(i), "active": True,
                         "created_at": "2024-06-01T12:00:00Z"})
json.dump(s, sys.stdout)
PY
start_sim "$WORK/seed.json" --rate-limit 0
export ROSTERFORM_ENDPOINT="$SIM_URL" HEALTHIE_API_KEY=gh_sbox_demo_admin_key
cat > rosterform.yaml <<YAML
version: 1
healthie:
  endpoint: https://staging-api.gethealthie.com/graphql
  api_key_env: HEALTHIE_API_KEY
include: [roster/*.yaml]
YAML
run import -progress=none
expect_rc 0 "import: $ERR"
expect_contains "$ERR" "warning: 2 active clients have a deactivated provider (first: roster/clients.yaml:"

# Dan leaves the roster: his client's warning now comes from the plan.
awk '/^ *- /{skip = /dan\.departed@example\.com/} !skip' roster/staff.yaml >staff.tmp &&
  mv staff.tmp roster/staff.yaml
grep -q dan.departed roster/staff.yaml && fail "Dan is still in the roster: $(cat roster/staff.yaml)"
run plan -no-color -progress=none
expect_rc 0 "plan: $ERR"
expect_eq "$(grep -c 'deactivated provider' <<<"$ERR")" 1
expect_contains "$ERR" "warning: 2 active clients have a deactivated provider (first: roster/clients.yaml:"
expect_eq "$(grep -c 'is deactivated' <<<"$ERR")" 0
for v in Fay c9004@example.com Fig9004; do expect_not_contains "$ERR$OUT" "$v"; done
echo "warning kinds: the loader's and the plan's said as one line"
