#!/usr/bin/env bash
# Two applies at once: the second fails on the lock, says who holds it, and
# nothing is applied twice.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0 --latency-ms 40
use_examples

"$ROSTERFORM_BIN" apply -auto-approve -parallelism=1 >"$WORK/first.out" 2>&1 &
first=$!
for _ in $(seq 1 100); do [[ -f .rosterform/state.json.lock ]] && break; sleep 0.05; done
[[ -f .rosterform/state.json.lock ]] || fail "the first apply never took the lock"

run apply -auto-approve
expect_rc 1 "second apply while the first holds the lock"
expect_contains "$ERR" "the state is locked by another run"
expect_contains "$ERR" "Operation: apply"
expect_contains "$ERR" "(pid $first)"

wait "$first" || fail "the first apply failed: $(cat "$WORK/first.out")"
[[ ! -f .rosterform/state.json.lock ]] || fail "the first apply left its lock behind"
dups=$(sim_py "len(s['clients']) - len({(c['email'].lower(), c['first_name'], c['last_name']) for c in s['clients']})")
expect_eq "$dups" "0"
