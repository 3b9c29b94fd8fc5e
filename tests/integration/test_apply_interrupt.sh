#!/usr/bin/env bash
# Ctrl-C during apply: no new requests, the ones in flight finish and are
# recorded, the report says what was not attempted, and a rerun completes.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0 --latency-ms 60
use_examples

"$ROSTERFORM_BIN" apply -auto-approve -parallelism=1 -no-color >"$WORK/int.out" 2>&1 &
pid=$!
# Wait until apply has started changing things, then interrupt it.
for _ in $(seq 1 200); do
  [[ -f .rosterform/state.json.journal ]] && break
  sleep 0.05
done
kill -INT "$pid"
set +e
wait "$pid"
rc=$?
set -e
out=$(cat "$WORK/int.out")
expect_eq "$rc" "1"
expect_contains "$out" "Apply interrupted"
expect_contains "$out" "Not attempted:"
expect_contains "$out" "apply was interrupted before this change"
[[ ! -f .rosterform/state.json.lock ]] || fail "the interrupted apply left its lock"

run audit verify
expect_rc 0
run apply -auto-approve
expect_rc 0 "rerun after Ctrl-C"
expect_contains "$OUT" "Apply complete!"
run plan -detailed-exitcode
expect_rc 0
expect_contains "$OUT" "No changes."
