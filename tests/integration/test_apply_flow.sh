#!/usr/bin/env bash
# The whole flow against the simulator: apply, then nothing left to do;
# approval rules; saved plans and their staleness checks; the lock; the
# audit log; and no PHI in any output or file.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0
use_examples

# The key only ever comes from the environment; without it, say where.
HEALTHIE_API_KEY="" run plan
expect_rc 1
expect_eq "$ERR" "rosterform: error: no API key: set the environment variable HEALTHIE_API_KEY (named by healthie.api_key_env in rosterform.yaml) to a Healthie API key"

# No terminal and no -auto-approve: refuse, change nothing.
run apply </dev/null
expect_rc 1
expect_contains "$ERR" "apply needs approval, and there is no terminal to ask on"
expect_eq "$(sim_py "len(s['clients'])")" "5"

# On a terminal, anything but "yes" cancels. `script` gives apply a TTY.
answer_on_tty() {
  set +e
  printf '%s\n' "$1" | script -qec "$ROSTERFORM_BIN apply -no-color" /dev/null >"$WORK/.tty" 2>&1
  RC=$?
  set -e
  OUT=$(cat "$WORK/.tty")
}
answer_on_tty "no"
expect_rc 1 "answered no"
expect_contains "$OUT" "Do you want to perform these actions? Only 'yes' will be accepted to approve."
expect_contains "$OUT" "Apply cancelled: nothing was changed."
expect_eq "$(sim_py "len(s['clients'])")" "5"

answer_on_tty "yes"
expect_rc 0 "answered yes on the terminal"
expect_contains "$OUT" "Apply complete!"
rm -rf .rosterform
sim_post /_sim/reset '{}'

run apply -auto-approve
expect_rc 0 "first apply"
expect_contains "$OUT" "Apply complete!"
expect_contains "$OUT" "0 failed, 0 not attempted."
[[ $(stat -c %a .rosterform/state.json) == 600 ]] || fail "state is not 0600"
[[ $(stat -c %a .rosterform/audit.jsonl) == 600 ]] || fail "audit log is not 0600"

# Healthie now matches the roster: a second apply has nothing to do.
run apply -auto-approve
expect_rc 0 "second apply"
expect_contains "$OUT" "No changes."
expect_not_contains "$OUT" "Apply complete"

# No duplicate clients (same email and names), ever.
dups=$(sim_py "len(s['clients']) - len({(c['email'].lower(), c['first_name'], c['last_name']) for c in s['clients']})")
expect_eq "$dups" "0"

run audit verify
expect_rc 0
expect_contains "$OUT" "chain intact"

# PHI planted in the examples never appears in output, state or audit log.
for value in "Alice" "alice.apple@example.com" "1985-02-14" "MSN-0001" "555-020-0001"; do
  for f in .rosterform/state.json .rosterform/audit.jsonl; do
    ! grep -q -- "$value" "$f" || fail "PHI value '$value' found in $f"
  done
done

# A second apply while the lock is held fails and names the holder.
printf '{"id":"abc123","who":"ci:other@runner","host":"runner","pid":1,"operation":"apply","created":"2026-11-27T00:00:00Z"}' > .rosterform/state.json.lock
run apply -auto-approve
expect_rc 1
expect_contains "$ERR" "the state is locked by another run"
expect_contains "$ERR" "ci:other@runner"
rm .rosterform/state.json.lock
