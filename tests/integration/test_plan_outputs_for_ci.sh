#!/usr/bin/env bash
# What CI reads, through the real binary against the simulator: the marked
# PR comment and its binding (the commit, the plan hash that the apply job
# checks against `show -json PLANFILE`), Terraform-shaped resource_changes
# in `plan -json` and `show -json PLANFILE`, and `show -json` of the state,
# which names every entry by a handle and holds no digest. No PHI anywhere.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples
CHECK="$ROSTERFORM_SOURCE_DIR/tests/integration/check_plan_json.py"
PHI=("Alice" "alice.apple@example.com" "1985-02-14" "MSN-0001" "555-020-0001" "555-010-0004")

# The goldens of every plan scenario have the shape too.
for golden in "$ROSTERFORM_SOURCE_DIR"/tests/fixtures/plan/*/expected.plan.json; do
  python3 "$CHECK" plan <"$golden" || fail "$golden"
done

git init -q . && git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm roster
COMMIT=$(git rev-parse HEAD)

# --- the PR comment ---------------------------------------------------------
run plan -markdown -out=pr.plan
expect_rc 0
expect_eq "$(head -n 1 <<<"$OUT")" "<!-- rosterform:plan workspace=default -->"
expect_contains "$OUT" "**📝 Ready to apply** · "
expect_contains "$OUT" "<sub>workspace \`default\` · commit \`$COMMIT\` · plan hash \`"
expect_contains "$OUT" " · state: none yet · Healthie API \`2026-07-01\` · rosterform \`"
expect_contains "$OUT" "<details><summary><b>Adopt ("
expect_contains "$OUT" "**Merging applies exactly this plan; it is refused if Healthie or the state moved.**"
expect_contains "$ERR" "Saved the plan to: pr.plan"
for value in "${PHI[@]}"; do expect_not_contains "$OUT$ERR" "$value"; done
HASH=$(grep -o 'plan hash `[0-9a-f]\{64\}`' <<<"$OUT" | grep -o '[0-9a-f]\{64\}')
[[ -n "$HASH" ]] || fail "no plan hash in the comment: $OUT"

# --- the saved plan as JSON carries the same hash ---------------------------
run show -json pr.plan
expect_rc 0
python3 "$CHECK" plan "${PHI[@]}" <<<"$OUT" || fail "show -json pr.plan: $OUT"
SHOWN=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["binding"]["plan_hash"])' <<<"$OUT")
expect_eq "$SHOWN" "$HASH"

run plan -json
expect_rc 0
python3 "$CHECK" plan "${PHI[@]}" <<<"$OUT" || fail "plan -json: $OUT"
printf '%s' "$OUT" >plan.json
python3 - "$COMMIT" plan.json <<'PY' || fail "plan -json binding or actions: $OUT"
import json, sys
p = json.load(open(sys.argv[2]))
b = p["binding"]
assert b["workspace"] == "default" and b["commit"] == sys.argv[1], b
assert b["state"] is None and b["healthie_api_version"] == "2026-07-01", b
actions = {(rc["rosterform_action"], rc["change"]["actions"][0]) for rc in p["resource_changes"]}
assert ("create", "create") in actions, actions
assert any(a == "adopt" for a, _ in actions), actions
PY

# --- the state as JSON -----------------------------------------------------
# No state yet: one JSON failure object saying so (docs/cli.md), never an
# invented empty state.
run show -json
expect_rc 1
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["diagnostics"][0]["message"].startswith("no state at .rosterform/state.json"), j' <<<"$OUT" \
  || fail "no state yet, but: $OUT"

run apply pr.plan
expect_rc 0 "apply the saved plan"

run show -json
expect_rc 0
python3 "$CHECK" state "${PHI[@]}" <<<"$OUT" || fail "show -json: $OUT"
# No digest of the state, nor its key, is printed.
printf '%s' "$OUT" >state-view.json
python3 - .rosterform/state.json state-view.json <<'PY' || fail "show -json prints a digest: $OUT"
import json, sys
shown = open(sys.argv[2]).read()
state = json.load(open(sys.argv[1]))
assert state["hmac_key"] not in shown
for r in state["resources"].values():
    for digest in r["applied"].values():
        assert digest not in shown, digest
view = json.loads(shown)
assert view["present"] and view["lineage"] == state["lineage"] and view["serial"] == state["serial"]
assert len(view["resources"]) == len(state["resources"])
assert view["last_apply"]["complete"] is True
PY
# Clients keyed by their details live under hidden addresses in the state;
# show names them by Healthie id, in text as in JSON.
grep -q '"client\.h:' .rosterform/state.json || fail "the example has no hidden address to test"
expect_not_contains "$OUT" ".h:"
run show
expect_rc 0
expect_not_contains "$OUT" ".h:"
expect_contains "$OUT" "client.id:"
