#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp, the engine in src/core compiled with
# clang -fsanitize=fuzzer,address,undefined; never the app or ImGui) into build/fuzz, and runs each
# for a bounded time: first every committed seed (tests/fuzz/corpus/<target>/) and every input
# found before (build/fuzz/corpus/<target>/), then new mutations guided by tests/fuzz/<target>.dict.
# Exits 1 if any harness crashes: a sanitizer report, a broken invariant (==FUZZ INVARIANT==), a
# leak, a timeout or running out of memory. The input that did it is kept in
# build/fuzz/crashes/<target>/; reproduce with  build/fuzz/fuzz_<target> <that file>.
#
#     ./scripts/fuzz.sh                    # all targets, about 60 s in all (CI)
#     ./scripts/fuzz.sh --seconds 3600     # an hour in all, shared between the targets
#     ./scripts/fuzz.sh --seconds 600 extract word_diff
#     ./scripts/fuzz.sh --build-only
#
# Options (or the environment variables in brackets):
#   --seconds N   wall time for the whole run, all targets [FUZZ_SECONDS, default 60]
#   --jobs N      harnesses run at the same time (one core each) [FUZZ_JOBS, default 2]
#   --build-only  build, run nothing
#   --seed N      libFuzzer's random seed [FUZZ_SEED, default 1, so that a run repeats; 0: a new
#                 seed each run, for long runs hunting new bugs]
# FACTLENS_FUZZ_STRICT=1 also fails on the known bugs the harnesses report as "==FUZZ KNOWN=="
# (=name1,name2 for some of them); see tests/fuzz/fuzz_common.h. There are none today: every bug
# the harnesses found is fixed and its check is fatal.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_TARGETS=(extract facts_io rates word_diff fact_query)
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
seed=${FUZZ_SEED:-1}
build_only=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
for t in "${targets[@]}"; do
  [ -f "tests/fuzz/fuzz_$t.cpp" ] || { echo "fuzz.sh: no harness tests/fuzz/fuzz_$t.cpp (targets: ${ALL_TARGETS[*]})" >&2; exit 2; }
done

log() { printf '[fuzz] %s\n' "$*" >&2; }

cxx=$(command -v clang++ || command -v clang++-14 || true)
[ -n "$cxx" ] || { log "clang++ not found: run ./scripts/setup.sh"; exit 1; }
out=build/fuzz
if [ ! -f "$out/CMakeCache.txt" ]; then
  cmake -S tests/fuzz -B "$out" -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
fi
log "building the harnesses into $out"
build_jobs=$(nproc 2>/dev/null || echo 2)
[ "$build_jobs" -le 2 ] || build_jobs=2
cmake --build "$out" -j "$build_jobs" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; log "build failed"; exit 1; }
[ $build_only -eq 0 ] || exit 0

# Stack traces with file and line.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for s in llvm-symbolizer /usr/lib/llvm-14/bin/llvm-symbolizer; do
    if command -v "$s" >/dev/null; then ASAN_SYMBOLIZER_PATH=$(command -v "$s"); export ASAN_SYMBOLIZER_PATH; break; fi
  done
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Time per target: the run goes in rounds of `jobs` targets, so each gets seconds / rounds.
n=${#targets[@]}
rounds=$(( (n + jobs - 1) / jobs ))
per=$(( seconds / rounds ))
[ "$per" -ge 5 ] || per=5
log "${targets[*]}: ${per} s each, $jobs at a time"

mkdir -p "$out/logs"
run_one() {  # target -> exit status of the fuzzer; log in build/fuzz/logs/<target>.log
  local t=$1
  mkdir -p "$out/corpus/$t" "$out/crashes/$t"
  # The first corpus folder receives new inputs; the committed seeds are only read.
  "$out/fuzz_$t" "$out/corpus/$t" "tests/fuzz/corpus/$t" \
    -dict="tests/fuzz/$t.dict" -max_total_time="$per" -seed="$seed" -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/$t/" -print_final_stats=1 >"$out/logs/$t.log" 2>&1
}

status=0
pids=()
names=()
wait_one() {  # waits for the oldest running target
  local t=${names[0]} pid=${pids[0]} rc=0
  wait "$pid" || rc=$?
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
  local runs
  runs=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$out/logs/$t.log" | grep -Eo '[0-9]+$' || echo "?")
  if [ $rc -eq 0 ]; then
    log "$t: ok, $runs runs"
  else
    status=1
    log "$t: FAILED (exit $rc); log: $out/logs/$t.log"
    grep -E -A3 '==FUZZ INVARIANT==|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY:' "$out/logs/$t.log" | head -40 >&2 || true
    local crash
    grep -Eo "Test unit written to [^ ]+" "$out/logs/$t.log" | awk '{print $5}' | while read -r crash; do
      log "  reproduce: $out/fuzz_$t $crash"
    done
  fi
  grep -h '==FUZZ KNOWN==' "$out/logs/$t.log" | sort -u | cut -c1-400 >&2 || true
}
for t in "${targets[@]}"; do
  [ ${#pids[@]} -lt "$jobs" ] || wait_one
  run_one "$t" &
  pids+=($!)
  names+=("$t")
done
while [ ${#pids[@]} -gt 0 ]; do wait_one; done
if [ $status -ne 0 ]; then log "FAILED: crash inputs are in $out/crashes/"; fi
exit $status
