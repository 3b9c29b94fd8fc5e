#!/usr/bin/env bash
# `rosterform plan` end to end against the simulator: the human, JSON and
# Markdown plans, -detailed-exitcode, -out, drift after an outside edit with
# -refresh-only, a guard-rail refusal (exit 3), -target, and no PHI in any
# output.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples

PHI=("Alice" "alice.apple@example.com" "1985-02-14" "MSN-0001" "555-020-0001" "555-010-0004")
no_phi() {
  for value in "${PHI[@]}"; do
    [[ "$1" != *"$value"* ]] || fail "PHI value '$value' printed by $2"
  done
}

# First plan: the seed's users match the roster, so they are adopted.
run plan -no-color
expect_rc 0
expect_contains "$OUT" "will be adopted"
expect_contains "$OUT" "+ staff.nora.nguyen@example.com"
expect_contains "$OUT" "Healthie emails an invitation to nora.nguyen@example.com"
[[ "$(tail -n 1 <<<"$OUT")" == Plan:* ]] || fail "last line is not the summary: $(tail -n 1 <<<"$OUT")"
[[ "$OUT" != *$'\x1b['* ]] || fail "colour without a terminal"
no_phi "$OUT$ERR" "plan"

run plan -detailed-exitcode
expect_rc 2 "changes pending"

run plan -json
expect_rc 0
python3 -c 'import json,sys; p=json.load(sys.stdin); assert p["format_version"]=="1.3", p; assert p["applyable"], p' <<<"$OUT" \
  || fail "plan -json is not a valid, applyable plan: $OUT"
no_phi "$OUT$ERR" "plan -json"

run plan -markdown
expect_rc 0
[[ "$(head -n 1 <<<"$OUT")" == "<!-- rosterform:plan workspace=default -->" ]] || fail "markdown does not start with its marker"
[[ "$(sed -n 2p <<<"$OUT")" == "### rosterform plan" ]] || fail "the title is not the second line"
no_phi "$OUT$ERR" "plan -markdown"

run plan -json -markdown
expect_rc 1
expect_contains "$ERR" "-json and -markdown are alternatives: choose one"

run plan -out=plan.bin
expect_rc 0
expect_contains "$OUT" "Saved the plan to: plan.bin"
[[ $(stat -c %a plan.bin) == 600 ]] || fail "saved plan is not 0600"

# After an apply, nothing is left to do.
run apply -auto-approve
expect_rc 0 "apply"
run plan -detailed-exitcode -no-color
expect_rc 0 "plan after apply"
expect_eq "$(tail -n 1 <<<"$OUT")" "No changes."

# A managed field edited in Healthie shows as drift, apart from changes.
curl -sf -H 'Authorization: Basic gh_sbox_demo_admin_key' -H 'AuthorizationSource: API' \
  -H 'Content-Type: application/json' "$SIM_URL" \
  -d '{"query":"mutation { updateClient(input: {id: \"5001\", phone_number: \"555-777-0001\"}) { user { id } } }"}' >/dev/null \
  || fail "could not edit the client in the simulator"
run plan -refresh-only -detailed-exitcode -no-color
expect_rc 2 "drift"
expect_contains "$OUT" "Changed outside rosterform since the last apply:"
expect_contains "$OUT" "phone_number changed outside rosterform"
expect_not_contains "$OUT" "will be updated"
expect_not_contains "$OUT" "555-777-0001"
run plan -no-color
expect_contains "$OUT" "phone_number differs; phone_number changed outside rosterform"
run plan -no-color -show-sensitive
expect_contains "$OUT" "555-777-0001"

# A guard rail refuses: deactivating a protected member exits 3 and says
# which flag overrides that one rule.
sed -i 's/protected: \[olivia.owner@example.com\]/protected: [olivia.owner@example.com, sam.support@example.com]/' rosterform.yaml
sed -i 's/    org_role: Support             # a support member: no clients of their own/    org_role: Support\n    active: false/' roster/staff.yaml
run plan -no-color -out=refused.bin
expect_rc 3 "protected account"
expect_contains "$ERR" "guard rail protected_accounts refused the plan: would deactivate staff.sam.support@example.com, which policy.protected lists; to override this rule only, re-run with -allow-protected-deactivation"
[[ ! -e refused.bin ]] || fail "a refused plan was saved"
run plan -no-color -allow-protected-deactivation -detailed-exitcode
expect_rc 2 "overridden"
expect_contains "$OUT" "overridden protected_accounts"

# -target plans only the named users. A client added in Healthie by hand is
# not managed: a full plan lists it, a targeted plan only counts it, in all
# three forms (docs/plan-format.md, "-target"), and never names it.
curl -sf -H 'Authorization: Basic gh_sbox_demo_admin_key' -H 'AuthorizationSource: API' \
  -H 'Content-Type: application/json' "$SIM_URL" \
  -d '{"query":"mutation { createClient(input: {first_name: \"Wanda\", last_name: \"Walkinplanted\", email: \"wanda.walkin@example.com\", dont_send_welcome: true}) { user { id } } }"}' >/dev/null \
  || fail "could not add a client in the simulator"
PHI+=("Walkinplanted" "wanda.walkin@example.com")
run plan -no-color -allow-protected-deactivation
expect_contains "$OUT" "Not managed by rosterform, left alone (1; "
run plan -no-color -allow-protected-deactivation -target=staff.sam.support@example.com
expect_rc 0 "targeted plan"
expect_contains "$OUT" "- staff.sam.support@example.com"
expect_contains "$OUT" "Not managed by rosterform, left alone: 1 user, not listed under -target."
expect_not_contains "$OUT" "(Healthie user"
no_phi "$OUT$ERR" "plan -target"
run plan -markdown -allow-protected-deactivation -target=staff.sam.support@example.com
expect_contains "$OUT" '_Not managed by rosterform and left alone: 1 user, not listed under `-target`._'
no_phi "$OUT$ERR" "plan -markdown -target"
run plan -json -allow-protected-deactivation -target=staff.sam.support@example.com
python3 -c 'import json,sys; p=json.load(sys.stdin); assert p["summary"]["unmanaged"]==1 and p["unmanaged"]==[], p' <<<"$OUT" \
  || fail "plan -json -target does not count the unmanaged client: $OUT"
no_phi "$OUT$ERR" "plan -json -target"
run plan -no-color -target=client.nobody
expect_rc 1 "unknown target"
expect_contains "$ERR" "-target client.nobody: no roster entry or state entry has this handle; handles look like staff.<email>, client.<key>, client.id:<Healthie id> or <roster file>:<line>"
