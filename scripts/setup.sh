#!/usr/bin/env bash
# Installs everything FactLens needs on a fresh Debian 12 machine (as root), and nothing twice:
# apt packages, Dear ImGui's source (from Debian's source package, sha256-pinned) into third_party/,
# and the npm packages pinned in package-lock.json. Safe to run again; a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(cmake g++ make python3 python3-fonttools emscripten nlohmann-json3-dev catch2
              chromium fonts-dejavu-core fonts-noto-cjk dpkg-dev xz-utils
              clang libclang-rt-14-dev llvm-14)  # sanitizer tests and libFuzzer (scripts/fuzz.sh)

IMGUI_VERSION=1.90.1
IMGUI_ORIG=imgui_${IMGUI_VERSION}+ds.orig.tar.xz
IMGUI_SHA256=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c
IMGUI_DIR=third_party/imgui

log() { printf '[setup] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm may come from elsewhere than Debian (e.g. a node 20 build that bundles npm): only
# ask apt for them when the commands are missing.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing apt packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui: trixie's source package (1.90.1 has the 1.87+ input-queue API). apt-get source needs a
# deb-src entry; we derive it from the Debian mirror this machine already uses.
if [ ! -f "$IMGUI_DIR/.sha256-ok" ] || [ "$(cat "$IMGUI_DIR/.sha256-ok")" != "$IMGUI_SHA256" ]; then
  src_list=/etc/apt/sources.list.d/factlens-deb-src.sources
  if [ ! -f "$src_list" ]; then
    mirror=$( (grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources || true) | awk '{print $2}' | grep -v -- '-security' | grep -m1 debian || true)
    [ -n "$mirror" ] || mirror=$( (grep -hs '^deb ' /etc/apt/sources.list || true) | awk '{print $2}' | grep -v -- '-security' | grep -m1 debian || true)
    [ -n "$mirror" ] || { log "no Debian mirror found in the apt sources to derive a deb-src entry from"; exit 1; }
    log "adding a deb-src entry for trixie on $mirror"
    as_root tee "$src_list" >/dev/null <<SRC
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    as_root apt-get update -qq
  fi
  work=$(mktemp -d)
  log "downloading imgui $IMGUI_VERSION source"
  (cd "$work" && apt-get source --download-only -qq "imgui=${IMGUI_VERSION}+ds-1" >/dev/null 2>&1 || \
                 apt-get source --download-only -qq imgui/trixie >/dev/null)
  tarball=$(ls "$work"/imgui_*.orig.tar.* | head -n1)
  got=$(sha256sum "$tarball" | awk '{print $1}')
  if [ "$got" != "$IMGUI_SHA256" ]; then
    log "imgui tarball sha256 mismatch: got $got, want $IMGUI_SHA256"; exit 1
  fi
  rm -rf "$IMGUI_DIR" && mkdir -p "$IMGUI_DIR"
  tar -xf "$tarball" -C "$IMGUI_DIR" --strip-components=1
  echo "$IMGUI_SHA256" > "$IMGUI_DIR/.sha256-ok"
  rm -rf "$work"
fi

# npm packages (playwright-core, pinned in package-lock.json); never downloads a browser.
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages from package-lock.json"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi
log "ready"
