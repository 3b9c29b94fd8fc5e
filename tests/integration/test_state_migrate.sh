#!/usr/bin/env bash
# `state migrate`: a workspace that kept its state in .rosterform/ (its HMAC
# key inside) moves it to the PostgreSQL team state under a state key; the
# digests are re-keyed from Healthie, so the next plan is "No changes.", the
# audit chain comes along, and the old folder stays, renamed. Then the same
# in place: a local state moved under a key.
source "$(dirname "$0")/lib.sh"
source "$ROSTERFORM_SOURCE_DIR/tests/pg/cluster.sh"
trap 'pg_cluster_stop; cleanup' EXIT
pg_cluster_start || fail "could not start PostgreSQL"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples

run apply -auto-approve
expect_rc 0 "the first apply, on the local backend with the key in the file"
grep -q '"hmac_key"' .rosterform/state.json || fail "the local state should embed its key"
audit_before=$(wc -l <.rosterform/audit.jsonl)

run state migrate
expect_rc 1 "migrate without a key"
expect_contains "$ERR" "state migrate moves the state under a state key, and none is set"

export ROSTERFORM_STATE_KEY
ROSTERFORM_STATE_KEY=$("$ROSTERFORM_BIN" state keygen 2>/dev/null)
cp rosterform.yaml rosterform.local.yaml
python3 - rosterform.yaml <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("  backend: local\n  path: .rosterform/state.json\n",
              "  backend: postgres\n  workspace: clinic-prod\n  key_env: ROSTERFORM_STATE_KEY\n")
open(p, "w").write(s)
PY
run state migrate -from .rosterform/state.json
expect_rc 0 "migrate into PostgreSQL"
expect_contains "$OUT" "into workspace 'clinic-prod' in PostgreSQL (schema rosterform), under the key in ROSTERFORM_STATE_KEY"
expect_contains "$OUT" "Re-keyed "
expect_contains "$OUT" "The old state was left in place as .rosterform.migrated-"
expect_not_contains "$OUT$ERR" "$ROSTERFORM_STATE_KEY"
[[ ! -e .rosterform ]] || fail ".rosterform should have been renamed"
ls -d .rosterform.migrated-* >/dev/null || fail "no renamed folder"

run plan -detailed-exitcode
expect_rc 0 "plan after the migration (digests re-keyed)"
expect_contains "$OUT" "No changes."
run audit verify
expect_rc 0 "audit verify in PostgreSQL"
expect_contains "$OUT" "$((audit_before + 1)) entries, chain intact"
run state migrate -from .rosterform/state.json
expect_rc 1 "nothing left to migrate"
expect_contains "$ERR" "there is no local state at .rosterform/state.json to migrate"

# In place: the local backend, moved under the key.
rm -rf .rosterform.migrated-*
mv rosterform.local.yaml rosterform.yaml
unset ROSTERFORM_STATE_KEY
run apply -auto-approve
expect_rc 0 "a fresh local state"
export ROSTERFORM_STATE_KEY
ROSTERFORM_STATE_KEY=$("$ROSTERFORM_BIN" state keygen 2>/dev/null)
run state migrate
expect_rc 0 "migrate in place"
expect_contains "$OUT" "into .rosterform/state.json, under the key in ROSTERFORM_STATE_KEY"
if grep -q '"hmac_key"' .rosterform/state.json; then fail "the key is still in the state file"; fi
grep -q '"key_fingerprint"' .rosterform/state.json || fail "no key fingerprint in the state"
run plan -detailed-exitcode
expect_rc 0 "plan after the in-place migration"
expect_contains "$OUT" "No changes."
echo ok
