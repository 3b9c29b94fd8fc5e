#!/usr/bin/env bash
# Runs the roster loading benchmark: generates the 100,000-client workspace
# (once) and runs each mode of roster_load_bench RUNS times, one process per
# run so that peak RSS is per mode. Prints every run; docs/performance.md
# records the medians.
#
#   bench/roster_bench.sh [BUILD_DIR] [RUNS]     (defaults: build/release 5)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build/release}
runs=${2:-5}
bin=$build/bench/roster_load_bench
[[ -x "$bin" ]] || { echo "roster_bench: $bin is not built (cmake --build $build --target roster_load_bench)" >&2; exit 1; }
data=${ROSTER_BENCH_DIR:-${TMPDIR:-/tmp}/rosterform-roster-bench}
if [[ ! -f "$data/roster/clients.yaml" ]]; then
  python3 "$root/bench/roster_generate.py" "$data"
fi
echo "input: $(du -b "$data/roster/clients.yaml" | cut -f1) bytes of clients YAML in $data"
for mode in events load node; do
  for _ in $(seq 1 "$runs"); do
    "$bin" "$mode" "$data"
  done
done
