#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: native unit tests (ctest), the same core
# tests compiled to wasm under node (ctest), the browser end-to-end tests (node --test with
# playwright-core driving /usr/bin/chromium), the unit tests again under ASan and UBSan (clang), and
# a minute of fuzzing (scripts/fuzz.sh). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
export NODE_PATH=/usr/share/nodejs
status=0
echo "== native unit tests"
ctest --preset native || status=1
echo "== core tests compiled to wasm, under node"
ctest --preset wasm || status=1
echo "== browser end-to-end tests"
node --test --test-concurrency=1 tests/e2e/ || status=1
echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer (clang, preset asan, build/asan)"
# Every error aborts (-fno-sanitize-recover=all). Skipped: the one test that checks wall-clock time
# (align fast), which sanitizers slow down several times.
if cmake --preset asan >/dev/null && cmake --build --preset asan -j "$(nproc 2>/dev/null || echo 2)"; then
  for t in core_tests app_tests; do
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "build/asan/$t" "~*align fast*" || status=1
  done
else
  status=1
fi
echo "== fuzzing: libFuzzer harnesses over the engine and its writers, about a minute (scripts/fuzz.sh)"
./scripts/fuzz.sh || status=1
if [ $status -ne 0 ]; then echo "FAILED: see above" >&2; fi
exit $status
