#!/usr/bin/env bash
# Configures and builds the libFuzzer harnesses in their own clang build
# directory (docs/fuzzing.md). Used by `make fuzz` and by the "fuzz: build"
# ctest of the main test build.
#   build_fuzzers.sh SOURCE_DIR BUILD_DIR [JOBS]
# Exits 125 (ctest's "skipped") when clang++ or libFuzzer is not installed.
set -euo pipefail

src=$1
build=$2
jobs=${3:-2}
cxx=${ROSTERFORM_FUZZ_CXX:-clang++}

if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "fuzz: $cxx not found; install clang and libclang-rt-dev (scripts/bootstrap does)" >&2
  exit 125
fi
# libFuzzer ships in libclang-rt-dev; without it the link fails far later.
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  "$cxx" -x c++ -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then
  echo "fuzz: $cxx cannot link libFuzzer; install libclang-rt-dev (scripts/bootstrap does)" >&2
  exit 125
fi

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DROSTERFORM_FUZZ=ON >/dev/null
cmake --build "$build" -j"$jobs" --target fuzz_roster_loader fuzz_response_decoder fuzz_state_decoder
