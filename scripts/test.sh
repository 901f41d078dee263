#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: native unit tests (ctest), the same core
# tests compiled to wasm under node (ctest), and the browser end-to-end tests (node --test with
# playwright-core driving /usr/bin/chromium). Exits non-zero on any failure.
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
if [ $status -ne 0 ]; then echo "FAILED: see above" >&2; fi
exit $status
