#!/usr/bin/env bash
# Running by hand (issue 16 point 7): scripts/sim starts the simulator in the
# foreground seeded from examples/ and prints the two export lines that
# point a shell at it; those lines work as printed. scripts/demo's banners
# are bold only on a terminal and without NO_COLOR.
source "$(dirname "$0")/lib.sh"
[[ -d "$ROSTERFORM_SOURCE_DIR/tests/healthie_sim/node_modules" ]] || skip "simulator packages not installed"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$port "$ROSTERFORM_SOURCE_DIR/scripts/sim" >"$WORK/sim.out" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/_sim/state" >/dev/null 2>&1 && break; sleep 0.05; done
curl -sf "http://127.0.0.1:$port/_sim/state" >/dev/null || fail "scripts/sim did not start: $(cat "$WORK/sim.out")"
expect_eq "$(head -n 7 "$WORK/sim.out")" "The Healthie simulator runs on port $port, seeded from examples/healthie-seed.json.
In another shell, point rosterform at it:

  export ROSTERFORM_ENDPOINT=http://127.0.0.1:$port/graphql
  export HEALTHIE_API_KEY=gh_sbox_demo_admin_key

then, in a copy of examples/: rosterform plan. Press Ctrl-C here to stop it."

# The printed lines, as a person would paste them.
eval "$(grep '^  export ' "$WORK/sim.out")"
mkdir -p "$WORK/ws"; cp -r "$ROSTERFORM_SOURCE_DIR/examples/." "$WORK/ws/"
run -chdir=ws plan -no-color
expect_rc 0 "plan against scripts/sim"
expect_contains "$OUT" "Plan:"

# make sim is the same script.
grep -q '^sim: bootstrap' "$ROSTERFORM_SOURCE_DIR/Makefile" || fail "make sim is missing"
grep -q 'scripts/sim' "$ROSTERFORM_SOURCE_DIR/Makefile" || fail "make sim does not run scripts/sim"
kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; SIM_PID=""

# scripts/demo: plain banners off a terminal and under NO_COLOR.
unset ROSTERFORM_ENDPOINT HEALTHIE_API_KEY
capture "$ROSTERFORM_SOURCE_DIR/scripts/demo" "$ROSTERFORM_BIN"
expect_rc 0 "demo"
expect_contains "$OUT" "==> validate: rosterform validate ."
[[ "$OUT" != *$'\x1b['* ]] || fail "demo banners coloured off a terminal"
if command -v script >/dev/null; then
  tty_out=$(NO_COLOR=1 script -qec "$ROSTERFORM_SOURCE_DIR/scripts/demo $ROSTERFORM_BIN" /dev/null)
  [[ "$tty_out" != *$'\x1b[1m==>'* ]] || fail "demo banners bold under NO_COLOR"
  tty_out=$(env -u NO_COLOR script -qec "$ROSTERFORM_SOURCE_DIR/scripts/demo $ROSTERFORM_BIN" /dev/null)
  [[ "$tty_out" == *$'\x1b[1m==>'* ]] || fail "demo banners not bold on a terminal"
fi
echo "try by hand: ok"
