# The two commands a newcomer needs: `make demo` and `make test`.
# Both install whatever is missing first (scripts/bootstrap).

MAKEFLAGS += --no-print-directory
JOBS ?= 2
TEST_BUILD ?= build/test
RELEASE_BUILD ?= build/release

.PHONY: all bootstrap test demo release format lint bench clean

all: release

bootstrap:
	@scripts/bootstrap

# Debug build with ASan+UBSan and warnings as errors, then every test.
test: bootstrap
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	  -DROSTERFORM_SANITIZE=address,undefined -DROSTERFORM_WERROR=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j$(JOBS)
	@cd $(TEST_BUILD) && ctest --output-on-failure -j$(JOBS)

release: bootstrap
	@cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release -DROSTERFORM_BUILD_TESTS=OFF -DROSTERFORM_BUILD_BENCH=ON >/dev/null
	@cmake --build $(RELEASE_BUILD) -j$(JOBS)

# The main job against the Healthie simulator: plan, apply, plan again.
demo: release
	@scripts/demo $(RELEASE_BUILD)/cli/rosterform

format: bootstrap
	@cmake -S . -B $(TEST_BUILD) >/dev/null && cmake --build $(TEST_BUILD) --target format

lint: bootstrap
	@cmake -S . -B $(TEST_BUILD) >/dev/null && cmake --build $(TEST_BUILD) --target lint

bench: release
	@scripts/bench $(RELEASE_BUILD)

clean:
	rm -rf build
