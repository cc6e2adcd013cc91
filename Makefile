# Strata's entry points. `make run` and `make test` do all set-up on a fresh Debian 12
# machine: scripts/install-deps installs what is missing, then CMake configures and builds.
JOBS ?= 2
BUILD ?= build
CMAKE_FLAGS ?=
ifeq ($(CI),true)
  CMAKE_FLAGS += -DSTRATA_WERROR=ON
endif

.PHONY: all deps build run test asan tsan bench fuzz fuzz-run clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Starts stratad on its embedded default (./strata-data, 127.0.0.1:8765).
run: build
	./$(BUILD)/stratad

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

# Sanitizer builds are Debug (STRATA_DEBUG_ASSERTS: assertions and the lock-order check on)
# with line tables only (-g1): all a sanitizer's stack traces need, and much faster to build
# than full debug information.
SANITIZER_CMAKE = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1"

# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan: deps
	cmake -S . -B build-asan -G Ninja $(SANITIZER_CMAKE) -DSTRATA_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS) --timeout 1800

# The concurrent code under ThreadSanitizer: the engine's writers, flushes, compaction and
# file-set edits; the query pool and the executor's parallel groups and merged parts (the
# differential test runs every query split into parts); and the server's sessions,
# handlers and query threads, by running the server's integration tests against a TSan
# build of stratad (a race makes it exit non-zero, which the tests report with its log).
# halt_on_error: the first race fails the run, with both stacks.
TSAN_ENGINE_AND_QUERY_TESTS = Concurren|Compaction|PartitionSet|Differential|SelectExecutor|QueryBudget|Visibility
TSAN_SERVER_TESTS = ConcurrentSessions*:HttpSession*:QueryEndpoints*:WriteEndpoints*:ServerLifecycle*
TSAN_ENV = TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
tsan: build
	cmake -S . -B build-tsan -G Ninja $(SANITIZER_CMAKE) -DSTRATA_TSAN=ON $(CMAKE_FLAGS)
	cmake --build build-tsan -j $(JOBS) --target strata_engine_tests strata_query_tests stratad
	cd build-tsan && $(TSAN_ENV) ctest --output-on-failure -j $(JOBS) -R '$(TSAN_ENGINE_AND_QUERY_TESTS)' --timeout 1800
	$(TSAN_ENV) STRATA_STRATAD=$(CURDIR)/build-tsan/stratad \
	  $(BUILD)/tests/strata_server_tests --gtest_filter='$(TSAN_SERVER_TESTS)'

# Google Benchmark binaries in a Release build (figures come from these).
bench: deps
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTRATA_BUILD_BENCH=ON -DSTRATA_BUILD_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build build-bench -j $(JOBS)

# libFuzzer targets (clang, with ASan+UBSan); `make fuzz-run` runs each briefly on its corpus.
fuzz: deps
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
	  -DSTRATA_SANITIZE=ON -DSTRATA_BUILD_FUZZ=ON -DSTRATA_BUILD_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build build-fuzz -j $(JOBS)

FUZZ_SECONDS ?= 30
fuzz-run: fuzz
	@for target in build-fuzz/fuzz/*_fuzz; do \
	  name=$$(basename $$target _fuzz); mkdir -p build-fuzz/corpus/$$name; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS)s"; \
	  $$target -max_total_time=$(FUZZ_SECONDS) build-fuzz/corpus/$$name fuzz/corpus/$$name || exit 1; \
	done

clean:
	rm -rf build build-asan build-tsan build-bench build-fuzz
