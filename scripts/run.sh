#!/usr/bin/env bash
# Installs what is missing, builds, and serves dist/ on http://127.0.0.1:${PORT:-8080}/.
# usage: ./scripts/run.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-${PORT:-8080}}
./scripts/build.sh
root=$(pwd)
cat <<MSG

FactLens is ready. Three ways to open it:
  1. Hosted:   http://127.0.0.1:$port/
  2. Offline:  file://$root/dist/factlens.html   (one self-contained file; copy it anywhere)
  3. Embedded: http://127.0.0.1:$port/embed.html (the app in iframes, one sandboxed)
Press Ctrl+C to stop the server.

MSG
exec python3 scripts/serve.py --port "$port" --dir dist
