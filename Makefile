# The two commands a newcomer needs: `make demo` and `make test`.
# Both install whatever is missing first (scripts/bootstrap).

MAKEFLAGS += --no-print-directory
JOBS ?= 2
TEST_BUILD ?= build/test
RELEASE_BUILD ?= build/release
FUZZ_BUILD ?= build/fuzz
FUZZ_TIME ?= 60
FUZZERS ?= fuzz_response_decoder fuzz_state_decoder fuzz_roster_loader

.PHONY: all bootstrap test demo sim release release-cli fuzz format lint bench clean

all: release

bootstrap:
	@scripts/bootstrap

# Debug build with ASan+UBSan and warnings as errors, then every test
# (a 20 s fuzz smoke per harness included; it shares $(FUZZ_BUILD) with `make fuzz`).
test: bootstrap
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	  -DROSTERFORM_SANITIZE=address,undefined -DROSTERFORM_WERROR=ON \
	  -DROSTERFORM_FUZZ_BUILD_DIR=$(abspath $(FUZZ_BUILD)) >/dev/null
	@cmake --build $(TEST_BUILD) -j$(JOBS)
	@cd $(TEST_BUILD) && ctest --output-on-failure -j$(JOBS)

release: bootstrap
	@cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release -DROSTERFORM_BUILD_TESTS=OFF -DROSTERFORM_BUILD_BENCH=ON >/dev/null
	@cmake --build $(RELEASE_BUILD) -j$(JOBS)

# Each libFuzzer harness in turn for FUZZ_TIME seconds (docs/fuzzing.md); the
# corpus each one grows is kept in $(FUZZ_BUILD)/corpus/ for the next run.
# Every harness runs even when one fails; the target fails if any did.
fuzz: bootstrap
	@tests/fuzz/build_fuzzers.sh . $(FUZZ_BUILD) $(JOBS) >/dev/null
	@failed=0; for f in $(FUZZERS); do \
	  tests/fuzz/run_fuzzer.sh $(FUZZ_BUILD)/tests/fuzz/$$f tests/fuzz/corpus/$$f $(FUZZ_TIME) \
	    $(FUZZ_BUILD)/corpus/$$f || failed=1; \
	done; exit $$failed

# Only the command-line binary (no tests, no benchmarks): what the demo needs.
release-cli: bootstrap
	@cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release -DROSTERFORM_BUILD_TESTS=OFF >/dev/null
	@cmake --build $(RELEASE_BUILD) -j$(JOBS) --target rosterform

# The main job against the Healthie simulator: plan, apply, plan again.
demo: release-cli
	@scripts/demo $(RELEASE_BUILD)/cli/rosterform

# The simulator in the foreground, seeded from examples/, for trying
# rosterform by hand (README, "Try it by hand"). SIM_ARGS go to the simulator.
sim: bootstrap
	@scripts/sim $(SIM_ARGS)

format: bootstrap
	@cmake -S . -B $(TEST_BUILD) >/dev/null && cmake --build $(TEST_BUILD) --target format

lint: bootstrap
	@cmake -S . -B $(TEST_BUILD) >/dev/null && cmake --build $(TEST_BUILD) --target lint

bench: release
	@scripts/bench $(RELEASE_BUILD)

clean:
	rm -rf build
