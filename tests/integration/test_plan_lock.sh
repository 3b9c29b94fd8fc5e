#!/usr/bin/env bash
# `plan` takes the state lock, as Terraform's does (issue 16 point 5): a plan
# during an apply fails naming the holder, or waits with -lock-timeout;
# -lock=false skips the lock; a bad -lock-timeout is refused, never ignored.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0 --latency-ms 40
use_examples

# A bad duration is an error whether or not the lock is taken.
run plan -lock-timeout=5x
expect_rc 1
expect_eq "$ERR" "rosterform: error: invalid value '5x' for -lock-timeout: use a number with a unit, e.g. 500ms, 30s, 5m or 1h"
run plan -lock=false -lock-timeout=5x
expect_rc 1
expect_eq "$ERR" "rosterform: error: invalid value '5x' for -lock-timeout: use a number with a unit, e.g. 500ms, 30s, 5m or 1h"
run plan -lock=maybe
expect_rc 1
expect_eq "$ERR" "rosterform: error: plan: -lock needs true or false (-lock=false)
Run 'rosterform help plan' for its flags."

# A plan alone takes the lock and releases it.
run plan -no-color
expect_rc 0
[[ ! -e .rosterform/state.json.lock ]] || fail "plan left its lock behind"

"$ROSTERFORM_BIN" apply -auto-approve -parallelism=1 >"$WORK/apply.out" 2>&1 &
applying=$!
for _ in $(seq 1 100); do [[ -f .rosterform/state.json.lock ]] && break; sleep 0.05; done
[[ -f .rosterform/state.json.lock ]] || fail "the apply never took the lock"

run plan -no-color
expect_rc 1 "plan while apply holds the lock"
expect_contains "$ERR" "rosterform: error: the state is locked by another run"
expect_contains "$ERR" "Operation: apply"
expect_contains "$ERR" "(pid $applying)"
expect_eq "$OUT" ""

# -lock=false does not wait for or need the lock (what it reads may be
# moving: Healthie and the state are being changed, which is why plan locks).
run plan -lock=false -no-color
expect_not_contains "$ERR" "locked"
expect_contains "$ERR" "Reading staff members…"

run plan -lock-timeout=60s -no-color
expect_rc 0 "plan -lock-timeout waits for the apply"
wait "$applying" || fail "the apply failed: $(cat "$WORK/apply.out")"
expect_eq "$(tail -n 1 <<<"$OUT")" "No changes."
[[ ! -e .rosterform/state.json.lock ]] || fail "a lock was left behind"
echo "plan lock: ok"
