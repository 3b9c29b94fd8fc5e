#!/usr/bin/env bash
# Runs one libFuzzer harness for a while and fails on any crash, leak,
# timeout or memory blow-up (docs/fuzzing.md).
#   run_fuzzer.sh BINARY SEED_DIR SECONDS [WORK_CORPUS_DIR]
# New inputs go to WORK_CORPUS_DIR (kept between `make fuzz` runs) or, for
# the smoke, to a temporary folder: the committed seeds are never written.
# A failing input is saved as BINARY's folder/crashes/<harness>/<kind>-<sha1>;
# the exit code is libFuzzer's (0 only when nothing went wrong).
set -euo pipefail

bin=$1
seeds=$2
seconds=$3
work=${4:-}
name=$(basename "$bin")

if [[ ! -x $bin ]]; then
  echo "fuzz: $bin was not built (see the \"fuzz: build\" test)" >&2
  exit 125
fi
if [[ -z $work ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
artifacts="$(dirname "$bin")/crashes/$name"
mkdir -p "$work" "$artifacts"

args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
  -print_final_stats=1 -artifact_prefix="$artifacts/")
dict="$(dirname "${BASH_SOURCE[0]}")/$name.dict"
[[ -f $dict ]] && args+=(-dict="$dict")

# Leaks are errors; UBSan already stops at the first report (-fno-sanitize-recover).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
log=$(mktemp)
status=0
"$bin" "${args[@]}" "$work" "$seeds" >"$log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
if ((status != 0)); then
  # The report names the kind of failure and the saved input.
  grep -E "ERROR: |runtime error|Test unit written|SUMMARY|==[0-9]+== ?WARNING|^    #[0-9]+ " "$log" | head -30 >&2
  echo "fuzz: $name FAILED (exit $status) after ${runs:-?} runs; inputs in $artifacts" >&2
  rm -f "$log"
  exit "$status"
fi
echo "fuzz: $name: ${runs:-?} runs in ${seconds} s, no crash, leak or timeout"
rm -f "$log"
