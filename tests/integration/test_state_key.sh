#!/usr/bin/env bash
# The state key (docs/state-format.md, "The state key"): with
# ROSTERFORM_STATE_KEY set, neither the key nor the HMAC key derived from
# it is written anywhere, saved plans are encrypted, and a wrong or missing
# key is a clear error. Without a key, the user is told once that the state
# must not be committed, and again whenever git tracks it.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples

fingerprint_of_state() { python3 -c "import json; print(json.load(open('.rosterform/state.json'))['key_fingerprint'])"; }
# no_secrets WHERE LABEL: none of the key, the derived HMAC key or the planted PHI is in WHERE.
no_secrets() {
  local s
  for s in "${KEY#rfsk1_}" 1972-11-03 1972-11-04 Banana ben.banana MSN-0002 555-020-0002; do
    if grep -rqF -- "$s" "$1"; then fail "$2 holds [$s]"; fi
  done
}

# keygen: one line on stdout, nothing else; the hint and fingerprint on stderr.
run state keygen
expect_rc 0
[[ "$OUT" =~ ^rfsk1_[A-Za-z0-9_-]{43}$ ]] || fail "keygen printed [$OUT]"
[[ $(wc -l <"$WORK/.out") == 1 ]] || fail "keygen printed more than one line"
expect_contains "$ERR" "rosterform: store this key as a secret (e.g. the CI secret ROSTERFORM_STATE_KEY"
KEY=$OUT
KEY_FP=${ERR##*: }
run state keygen
OTHER=$OUT
OTHER_FP=${ERR##*: }
[[ "$OTHER" != "$KEY" ]] || fail "keygen printed the same key twice"

export ROSTERFORM_STATE_KEY=$KEY
run apply -auto-approve
expect_rc 0 "apply with a state key"
expect_contains "$OUT" "Apply complete!"
expect_not_contains "$ERR" "rosterform: note:"
grep -q '"hmac_key"' .rosterform/state.json && fail "the state file holds an hmac_key"
expect_eq "$(fingerprint_of_state)" "$KEY_FP"
grep -q '"format_version": 2' .rosterform/state.json || fail "the state is not format 2"
no_secrets .rosterform ".rosterform/"

run plan -detailed-exitcode
expect_rc 0 "the key reads the state it wrote"
expect_contains "$OUT" "No changes."

# A saved plan is encrypted: PHI and the key stay out; its hash stays readable.
sed -i 's/dob: 1972-11-03/dob: 1972-11-04/' roster/clients-peter.yaml
run plan -out=key.plan
expect_rc 0
[[ $(stat -c %a key.plan) == 600 ]] || fail "the encrypted plan is not 0600"
no_secrets key.plan "the encrypted plan"
python3 - <<'PY' || fail "the encrypted plan's envelope"
import json
j = json.load(open("key.plan"))
assert j["kind"] == "rosterform-sealed-plan" and j["cipher"] == "AES-256-GCM", j
assert len(j["plan_hash"]) == 64 and "changes" not in j, j
PY
PLAN_FP=$(python3 -c "import json; print(json.load(open('key.plan'))['key_fingerprint'])")
expect_eq "$PLAN_FP" "$KEY_FP"

run show key.plan -no-color
expect_rc 0 "show an encrypted plan"
expect_contains "$OUT" "Saved plan key.plan"
expect_contains "$OUT" "1 to update"
expect_not_contains "$OUT" "1972-11-04"

# Without the key: the plan and the state say which variable to set.
(
  unset ROSTERFORM_STATE_KEY
  run show key.plan
  expect_rc 1
  expect_eq "$ERR" "rosterform: error: key.plan is encrypted with a state key (fingerprint $KEY_FP), and none is configured; set ROSTERFORM_STATE_KEY (or the variable state.key_env names in rosterform.yaml) to the key it was made with"
  run apply key.plan
  expect_rc 1
  expect_eq "$ERR" "rosterform: error: state file .rosterform/state.json was written with a state key (fingerprint $KEY_FP), and none is configured; set ROSTERFORM_STATE_KEY (or the variable state.key_env names in rosterform.yaml) to the key it was written with"
)

# Another key: the exact error and exit 1, for the state and for the plan.
ROSTERFORM_STATE_KEY=$OTHER run plan
expect_rc 1 "plan under another key"
expect_eq "$ERR" "rosterform: error: state file .rosterform/state.json: this state was written with another key (fingerprint $KEY_FP; ROSTERFORM_STATE_KEY holds the key with fingerprint $OTHER_FP); set ROSTERFORM_STATE_KEY to the key it was written with"
ROSTERFORM_STATE_KEY=$OTHER run show key.plan
expect_rc 1
expect_eq "$ERR" "rosterform: error: key.plan was encrypted with another state key (fingerprint $KEY_FP; ROSTERFORM_STATE_KEY holds the key with fingerprint $OTHER_FP); set ROSTERFORM_STATE_KEY to the key the plan was made with"

# A malformed key is refused without being echoed.
ROSTERFORM_STATE_KEY=hunter2-not-a-key run plan
expect_rc 1
expect_eq "$ERR" "rosterform: error: the environment variable ROSTERFORM_STATE_KEY does not hold a rosterform state key (expected rfsk1_ followed by 43 base64url characters); make one with: rosterform state keygen"

# A tampered plan is refused.
python3 - <<'PY'
import base64, json
j = json.load(open("key.plan"))
c = bytearray(base64.b64decode(j["ciphertext"])); c[10] ^= 1
j["ciphertext"] = base64.b64encode(bytes(c)).decode()
json.dump(j, open("tampered.plan", "w"), indent=2)
PY
run apply tampered.plan
expect_rc 1
expect_contains "$ERR" "rosterform: error: tampered.plan was changed after it was made (it does not decrypt under the state key: its ciphertext, tag or header was altered); a saved plan is applied only exactly as reviewed: run rosterform plan -out=tampered.plan again"

run apply key.plan
expect_rc 0 "apply an encrypted plan"
expect_contains "$OUT" "Apply complete! 1 succeeded, 0 failed, 0 not attempted."
no_secrets .rosterform ".rosterform/ after applying a saved plan"

# state.key_env names the variable; unset, it is an error naming it.
sed -i 's|^  path: .rosterform/state.json|&\n  key_env: CLINIC_STATE_KEY|' rosterform.yaml
run plan
expect_rc 1
expect_eq "$ERR" "rosterform: error: no state key: state.key_env in rosterform.yaml names the environment variable CLINIC_STATE_KEY, which is unset or empty; set it to the state key (make one with: rosterform state keygen)"
CLINIC_STATE_KEY=$KEY run state list
expect_rc 0 "state list with the key from key_env"
expect_contains "$OUT" "staff.olivia.owner@example.com"

# Without a key: told once, when the state is created ...
unset ROSTERFORM_STATE_KEY
mkdir "$WORK/plain" && cd "$WORK/plain"
cp -r "$ROSTERFORM_SOURCE_DIR/examples/." .
git init -q .
NOTE="rosterform: note: this run creates the state file .rosterform/state.json, which keeps its HMAC key beside the hashes of the values it manages: do not commit it (ignore its folder in git). To keep the key out of the file, make one with rosterform state keygen and set ROSTERFORM_STATE_KEY to it. (Said once.)"
run plan
expect_not_contains "$ERR" "rosterform: note:"
run apply -auto-approve
expect_rc 0 "apply without a key"
expect_contains "$ERR" "$NOTE"
[[ $(grep -c "rosterform: note:" "$WORK/.err") == 1 ]] || fail "the note was said more than once"
grep -q '"hmac_key"' .rosterform/state.json || fail "without a key the state keeps its own"
run plan
expect_rc 0
expect_not_contains "$ERR" "rosterform: note:"
expect_not_contains "$ERR" "rosterform: warning: git tracks"
# ... and on every run while git tracks the state file.
git add -f .rosterform/state.json
run plan
expect_rc 0
expect_contains "$ERR" "rosterform: warning: git tracks the state file .rosterform/state.json, which keeps its HMAC key beside the hashes: anyone with the repository can test guesses of the values it hashes (dates of birth, phones). Take it out of git (git rm --cached .rosterform/state.json) and ignore it, or move the key out of the state: make one with rosterform state keygen, set ROSTERFORM_STATE_KEY to it, and run rosterform state migrate"
git rm -q --cached .rosterform/state.json
run plan
expect_not_contains "$ERR" "rosterform: warning: git tracks"

# A state with its own key, and a key configured: migrate first.
ROSTERFORM_STATE_KEY=$KEY run plan
expect_rc 1
expect_eq "$ERR" "rosterform: error: state file .rosterform/state.json keeps its own HMAC key, but a state key is configured (ROSTERFORM_STATE_KEY); move the key out of the state with: rosterform state migrate"
echo "state key: ok"
