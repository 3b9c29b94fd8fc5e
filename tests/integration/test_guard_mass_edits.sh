#!/usr/bin/env bash
# Guard rails for mass edits (issue 16 point 6), end to end: a bad edit of
# `provider:` (every client of a file moved) and a changed default (every
# client updated) are refused with exit 3, each with its own override.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples
run apply -auto-approve -progress=none
expect_rc 0 "first apply"

# Moving every client of clients-peter.yaml and clients-olivia.yaml (19 of the
# roster's clients) to Nora: more than 25%.
sed -i 's/provider: peter.provider@example.com/provider: nora.nguyen@example.com/; s/provider: olivia.owner@example.com/provider: nora.nguyen@example.com/' roster/clients-peter.yaml roster/clients-olivia.yaml
run plan -no-color -progress=none
expect_rc 3 "mass reassignment"
[[ "$ERR" =~ rosterform:\ error:\ guard\ rail\ max_reassignments\ refused\ the\ plan:\ would\ move\ [0-9]+\ of\ [0-9]+\ managed\ clients\ to\ another\ provider\ \([0-9.]+%\),\ more\ than\ policy.max_reassignments\ allows\ \(25%\)\;\ to\ override\ this\ rule\ only,\ re-run\ with\ -allow-mass-reassignment ]] \
  || fail "no max_reassignments refusal: $ERR"
expect_contains "$OUT" "REFUSED max_reassignments (to override this rule only, re-run with -allow-mass-reassignment):"
run plan -no-color -progress=none -allow-mass-update
expect_rc 3 "another rule's override lifts nothing"
# Those moves are also updates of more than half the clients: each rule
# needs its own override.
run plan -no-color -progress=none -allow-mass-reassignment
expect_rc 3 "-allow-mass-reassignment alone"
expect_contains "$ERR" "guard rail max_updates refused the plan"
expect_not_contains "$ERR" "guard rail max_reassignments"
run plan -no-color -progress=none -allow-mass-reassignment -allow-mass-update
expect_rc 0 "both overrides"
expect_contains "$OUT" "overridden max_reassignments by -allow-mass-reassignment:"
git_restore() { cp "$ROSTERFORM_SOURCE_DIR/examples/roster/$1" "roster/$1"; }
git_restore clients-peter.yaml; git_restore clients-olivia.yaml

# An edit that changes every phone number (11 clients), with a count limit.
printf '  max_updates: 10\n' > .policy-line
sed -i '/^  max_deactivations:/r .policy-line' rosterform.yaml
sed -i 's/phone_number: "555-/phone_number: "556-/' roster/clients-*.yaml
run plan -no-color -progress=none
expect_rc 3 "mass update"
expect_contains "$ERR" "rosterform: error: guard rail max_updates refused the plan: would update 11 clients, more than policy.max_updates allows (10); to override this rule only, re-run with -allow-mass-update"
run plan -no-color -progress=none -allow-mass-update
expect_rc 0 "-allow-mass-update"
# The default (50%) allows 11 of the roster's clients.
sed -i '/^  max_updates: 10$/d' rosterform.yaml
run plan -no-color -progress=none
expect_rc 0 "policy.max_updates default"
echo "guard mass edits: ok"
