# Flywheel — the two commands: `make demo` and `make test`. Plain `make` builds build/flywheel.
.PHONY: all deps build test test-release test-asan test-tsan format format-check demo bench clean

BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
TSAN_DIR  ?= build-tsan
JOBS      ?= $(shell nproc)
DEMO_DIR  ?= demo
space    := $(subst ,, )

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLYWHEEL_WERROR=ON

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: format-check test-release test-asan test-tsan

# The C++ layout (.clang-format at the root): format-check fails on any file of src/ or bench/
# that clang-format would change and names it; format rewrites them.
CXX_SOURCES = $(shell find src bench -name '*.cc' -o -name '*.h')
format-check: deps
	@clang-format --dry-run --Werror $(CXX_SOURCES) || \
	  { echo "flywheel: files differ from .clang-format; run 'make format'" >&2; exit 1; }

format: deps
	clang-format -i $(CXX_SOURCES)

test-release: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

$(ASAN_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DFLYWHEEL_SANITIZE=ON

test-asan: deps $(ASAN_DIR)/build.ninja
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

# ThreadSanitizer on the tests of what runs on several threads: the per-date memo and the
# derived data (reports), the server (transport, rate limiter, the API, hostile clients, the
# loader that publishes the data while the server already listens; its tests run the TSan-built
# binary) and the program writes (programs). Any race report fails the run.
TSAN_TESTS = flywheel_reports flywheel_server flywheel_programs
$(TSAN_DIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DFLYWHEEL_TSAN=ON

test-tsan: deps $(TSAN_DIR)/build.ninja
	cmake --build $(TSAN_DIR) -j $(JOBS) --target flywheel $(addsuffix _test,$(TSAN_TESTS))
	cd $(TSAN_DIR) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	  ctest --output-on-failure -j $(JOBS) -R '^($(subst $(space),|,$(TSAN_TESTS)))$$'

demo: build
	@bash scripts/demo.sh $(BUILD_DIR)/flywheel $(DEMO_DIR)

# The benchmark (bench/run.sh, docs/PERFORMANCE.md): S/M/L data sets, Flywheel against DuckDB and
# SQLite, writes bench/RESULTS.md. Not part of `make test` (only its smoke run, bench/smoke, is).
# BENCH_ARGS passes options to run.sh, e.g. BENCH_ARGS="--sizes S:10000 --reps 3".
bench: build
	bash bench/run.sh --flywheel $(BUILD_DIR)/flywheel --bench $(BUILD_DIR)/flywheel_bench $(BENCH_ARGS)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR)
