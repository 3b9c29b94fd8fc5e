# Shared helpers for integration suites. Each suite is a bash script that
# sources this file; ctest passes ROSTERFORM_BIN and ROSTERFORM_SOURCE_DIR.
# A suite works in its own temporary folder, kept when it fails.
set -euo pipefail

: "${ROSTERFORM_BIN:?ROSTERFORM_BIN must point at the rosterform binary}"
: "${ROSTERFORM_SOURCE_DIR:?ROSTERFORM_SOURCE_DIR must point at the source tree}"
NODE=${NODE:-node}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rosterform-it.XXXXXX")
SIM_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$SIM_PID" ]]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  if [[ $rc -eq 0 || $rc -eq 125 ]]; then rm -rf "$WORK"; else echo "kept work folder: $WORK" >&2; fi
}
trap cleanup EXIT
cd "$WORK"

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 125; }

# capture CMD...: runs CMD, capturing stdout, stderr and the exit code in
# $OUT, $ERR and $RC without tripping `set -e`.
capture() {
  set +e
  "$@" >"$WORK/.out" 2>"$WORK/.err"
  RC=$?
  set -e
  OUT=$(cat "$WORK/.out")
  ERR=$(cat "$WORK/.err")
}

# run ARGS...: runs rosterform ARGS (see capture).
run() { capture "$ROSTERFORM_BIN" "$@"; }

expect_rc() { [[ "$RC" == "$1" ]] || fail "expected exit $1, got $RC${2:+ ($2)}; stdout: $OUT; stderr: $ERR"; }
expect_eq() { [[ "$1" == "$2" ]] || fail "expected [$2], got [$1]"; }
expect_contains() { [[ "$1" == *"$2"* ]] || fail "expected output to contain [$2]; got: $1"; }
expect_not_contains() { [[ "$1" != *"$2"* ]] || fail "output must not contain [$2]; got: $1"; }

# start_sim SEED [FLAGS...]: starts the Healthie simulator on a free port and
# sets SIM_URL (the GraphQL endpoint) and SIM_BASE (for the /_sim/ control API).
start_sim() {
  local seed=$1; shift
  local sim="$ROSTERFORM_SOURCE_DIR/tests/healthie_sim/server.mjs"
  [[ -f "$sim" ]] || skip "the simulator is not built yet ($sim)"
  "$NODE" "$sim" --port 0 --port-file "$WORK/.sim-port" --seed "$seed" "$@" >"$WORK/sim.log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 1 100); do
    [[ -s "$WORK/.sim-port" ]] && break
    kill -0 "$SIM_PID" 2>/dev/null || fail "simulator exited: $(cat "$WORK/sim.log")"
    sleep 0.05
  done
  [[ -s "$WORK/.sim-port" ]] || fail "simulator did not start within 5 s"
  SIM_BASE="http://127.0.0.1:$(cat "$WORK/.sim-port")"
  SIM_URL="$SIM_BASE/graphql"
}

# use_examples: copies examples/ into the work folder and points rosterform
# at the running simulator with the demo's admin key.
use_examples() {
  cp -r "$ROSTERFORM_SOURCE_DIR/examples/." "$WORK/"
  export ROSTERFORM_ENDPOINT="$SIM_URL"
  export HEALTHIE_API_KEY=gh_sbox_demo_admin_key
}

# sim_get PATH: GET a control-API path of the simulator.
sim_get() { curl -sf "$SIM_BASE$1"; }
# sim_post PATH JSON
sim_post() { curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$SIM_BASE$1" >/dev/null; }

# sim_py EXPR: evaluates a Python expression over the simulator's state `s`.
sim_py() { sim_get /_sim/state | python3 -c "import json,sys; s=json.load(sys.stdin); print($1)"; }
