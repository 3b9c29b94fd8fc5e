# Helpers for test_provider_*.sh: the provider_probe binary, seeds, and the
# simulator's control API. Sourced after lib.sh.
PROBE=${PROVIDER_PROBE:-$(dirname "$ROSTERFORM_BIN")/../tests/provider_probe}
[[ -x "$PROBE" ]] || skip "provider_probe is not built ($PROBE)"
export HEALTHIE_API_KEY=bench_admin_key

# make_seed FILE ARGS...: a seed from bench/fetch_seed.mjs.
make_seed() {
  local file=$1; shift
  "$NODE" "$ROSTERFORM_SOURCE_DIR/bench/fetch_seed.mjs" "$@" >"$file"
}

# probe ARGS...: runs provider_probe against the simulator; $OUT/$ERR/$RC.
probe() { capture "$PROBE" --url "$SIM_URL" "$@"; }

# value NAME: the NAME=... line of the last probe's output.
value() { sed -n "s/^$1=//p" <<<"$OUT" | head -1; }

sim_get() { curl -sf "$SIM_BASE/_sim/$1"; }
sim_post() { curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$SIM_BASE/_sim/$1" >/dev/null; }
