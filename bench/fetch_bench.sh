#!/usr/bin/env bash
# Runs the fetch benchmark of docs/performance.md ("Fetching current state"):
# 100,000 clients and 300 staff in the simulator with 50 ms latency, read in
# parallel and sequentially (one request at a time, same page size), in both
# API versions, then under a throttle of R requests/s. Prints one JSON line
# per read and a summary (speed-up, % of R sustained).
#
#   bench/fetch_bench.sh BUILD_DIR [CLIENTS] [STAFF] [R]
set -euo pipefail
build=${1:?usage: bench/fetch_bench.sh BUILD_DIR [CLIENTS] [STAFF] [R]}
clients=${2:-100000}
staff=${3:-300}
rate=${4:-100}
src=$(cd "$(dirname "$0")/.." && pwd)
bench="$build/bench/fetch_bench"
work=$(mktemp -d)
sim_pid=""
trap '[[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"' EXIT

node "$src/bench/fetch_seed.mjs" --clients "$clients" --staff "$staff" --archived-every 10 >"$work/seed.json"
node "$src/tests/healthie_sim/server.mjs" --port 0 --port-file "$work/port" --seed "$work/seed.json" \
  --latency-ms 50 --rate-limit 0 >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 600); do [[ -s "$work/port" ]] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")"
export HEALTHIE_API_KEY=bench_admin_key
# read_state LABEL VERSION [ARGS]: one timed read, printed and kept for the summary.
read_state() {
  "$bench" --url "$base/graphql" --api-version "$2" "${@:3}" |
    sed "s/\"mode\":\"[a-z]*\"/\"mode\":\"$1\"/" | tee -a "$work/runs.jsonl"
}
echo "# node $(node --version), $(nproc) cores, $clients clients, $staff staff, 50 ms latency," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for version in 2024-06-01 2026-01-01; do
  # One untimed read first, so that both timed modes meet a warm simulator
  # (documents parsed and validated, views sorted, JIT compiled); otherwise
  # the simulator's warm-up is charged to whichever mode runs first.
  "$bench" --url "$base/graphql" --api-version "$version" >/dev/null
  read_state parallel "$version" --parallelism "${PARALLELISM:-16}"
  read_state sequential "$version" --sequential
done
# Throttled: the simulator allows R requests/s (burst R/5); the provider is
# not told the rate and must find it.
curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"rateLimit\":$rate,\"rateBurst\":$((rate / 5 > 0 ? rate / 5 : 1))}" "$base/_sim/limits" >/dev/null
for version in 2024-06-01 2026-01-01; do
  read_state throttled "$version" --parallelism "${PARALLELISM:-16}"
done
curl -sf "$base/_sim/counters" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const c=JSON.parse(s);console.log("# simulator outcomes: "+JSON.stringify(c.by_outcome))})'
RATE=$rate node -e '
const fs = require("fs");
const runs = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => JSON.parse(l));
const R = Number(process.env.RATE);
for (const v of ["2024-06-01", "2026-01-01"]) {
  const of = (mode) => runs.find((r) => r.api_version === v && r.mode === mode);
  const par = of("parallel"), seq = of("sequential"), thr = of("throttled");
  const ok = thr.requests - thr.throttled;
  console.log(`# ${v}: ${(seq.wall_s / par.wall_s).toFixed(1)}x faster than sequential; ` +
    `requests ${par.requests} (minimum ${par.minimum_requests}, +${(100 * (par.requests / par.minimum_requests - 1)).toFixed(1)}%); ` +
    `throttled at R=${R}: ${ok} served in ${thr.wall_s.toFixed(1)} s = ${(100 * ok / thr.wall_s / R).toFixed(1)}% of R, ` +
    `${thr.throttled} throttled answers retried, ${thr.failed_calls} failed`);
}' "$work/runs.jsonl"
