#!/usr/bin/env bash
# Crash safety: kill -9 apply at random points, then run it again. Every
# time, Healthie ends up equal to the roster, nobody is duplicated, and the
# state file is valid. A killed run leaves its lock; the rerun releases it
# with force-unlock, as a person would after reading the lock's holder.
source "$(dirname "$0")/lib.sh"
start_sim "$ROSTERFORM_SOURCE_DIR/examples/healthie-seed.json" --rate-limit 0 --latency-ms 25
use_examples

expected_clients=""
RANDOM=4242  # reproducible kill points
for round in 1 2 3 4 5 6; do
  sim_post /_sim/reset '{}'
  rm -rf .rosterform
  delay_ms=$((100 + RANDOM % 1400))
  "$ROSTERFORM_BIN" apply -auto-approve -parallelism=2 >"$WORK/killed.out" 2>&1 &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true

  if [[ -f .rosterform/state.json.lock ]]; then
    # A kill while the lock was being taken leaves it empty, with no ID.
    id=$(python3 -c "import json; t=open('.rosterform/state.json.lock').read(); print(json.loads(t)['id'] if t.strip() else 'empty')")
    run force-unlock "$id"
    expect_rc 0 "force-unlock after kill (round $round)"
  fi
  run apply -auto-approve
  expect_rc 0 "apply after a kill at ${delay_ms} ms (round $round)"
  run apply -auto-approve
  expect_rc 0 "re-apply (round $round)"
  expect_contains "$OUT" "No changes."

  dups=$(sim_py "len(s['clients']) - len({(c['email'].lower(), c['first_name'], c['last_name']) for c in s['clients']})")
  expect_eq "$dups" "0"
  count=$(sim_py "len(s['clients'])")
  if [[ -z "$expected_clients" ]]; then expected_clients=$count; fi
  expect_eq "$count" "$expected_clients"
  run state list
  expect_rc 0 "state list (round $round)"
  echo "round $round: killed at ${delay_ms} ms; $count clients; state valid"
done
