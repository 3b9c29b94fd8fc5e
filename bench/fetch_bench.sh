#!/usr/bin/env bash
# Runs the fetch benchmark of docs/performance.md ("Fetching current state"):
# 100,000 clients and 300 staff in the simulator with 50 ms latency, read in
# parallel and sequentially (one request at a time, same page size), in both
# API versions, then under a throttle of R requests/s.
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
echo "# node $(node --version), $(nproc) cores, $clients clients, $staff staff, 50 ms latency"
for version in 2024-06-01 2026-01-01; do
  "$bench" --url "$base/graphql" --api-version "$version" --parallelism "${PARALLELISM:-16}"
  "$bench" --url "$base/graphql" --api-version "$version" --sequential
done
# Throttled: the simulator allows R requests/s (burst R/5); the provider is
# not told the rate and must find it.
curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"rateLimit\":$rate,\"rateBurst\":$((rate / 5 > 0 ? rate / 5 : 1))}" "$base/_sim/limits" >/dev/null
for version in 2024-06-01 2026-01-01; do
  "$bench" --url "$base/graphql" --api-version "$version" --parallelism "${PARALLELISM:-16}"
done
curl -sf "$base/_sim/counters" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const c=JSON.parse(s);console.log("# simulator outcomes: "+JSON.stringify(c.by_outcome))})'
