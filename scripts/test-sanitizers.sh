#!/usr/bin/env bash
# Builds the tests with AddressSanitizer + UndefinedBehaviorSanitizer in ./build-asan (-O1, no
# benchmarks) and runs them there. Any sanitizer report fails the test that caused it.
# Usage: scripts/test-sanitizers.sh [ctest args], e.g. scripts/test-sanitizers.sh -R test_labels
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
launcher=()
if command -v ccache >/dev/null; then  # as in scripts/build.sh; -g objects shared across clones too
  export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build-asan -G Ninja "${launcher[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DSYNTHGEN_SANITIZE=ON -DSYNTHGEN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j "$(nproc)"

# Mesa's lavapipe, LLVM and the Vulkan loader are not built with the sanitizers and keep some
# allocations until exit; their leaks are suppressed by library (scripts/lsan-suppressions.txt).
# Our own code gets no suppression.
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-asan
# The Slurm test runs the same binary under a cluster, and the Python tests load the module into an
# interpreter that is not built with the sanitizers: both are covered by the Release run (scripts/test.sh).
ctest --output-on-failure -j "$(nproc)" -E '^(slurm|python):' "$@"
