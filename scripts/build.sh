#!/usr/bin/env bash
# Builds everything: native (tests) into build/native, wasm (web app, wasm tests) into build/wasm,
# and assembles dist/. Installs what is missing first. Incremental: a rebuild with nothing changed
# takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs it to find acorn
hash=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git diff --quiet HEAD -- src web assets CMakeLists.txt 2>/dev/null; then hash="$hash-dirty"; fi
jobs=$(nproc 2>/dev/null || echo 2)
for preset in native wasm; do
  cmake --preset "$preset" -DFACTLENS_GIT_HASH="$hash" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
done
echo "[build] dist/: $(cd dist && ls | tr '\n' ' ')" >&2
