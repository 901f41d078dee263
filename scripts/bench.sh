#!/usr/bin/env bash
# Benchmarks the FactLens web build and prints one markdown table:
#   - raw and gzip -9 size of every dist/ file (target: factlens.html <= 1.0 MB gzipped)
#   - navigation -> first rendered frame (state().first_frame_ms), median of 7 fresh contexts,
#     for file:// factlens.html (target <= 300 ms) and http index.html
#   - frames per second while idle (3 s window after 1 s idle), median of 5 (target 0)
#   - fact extraction (tests/bench/extract_bench.mjs, run first, its rows appended to the same table):
#     native MB/s on a 50 MB corpus (target >= 100), s/MB at 10/25/50/100 MB (100 vs 10 <= 1.25),
#     wasm-under-node MB/s and its ratio to native (>= 50%), peak RSS / input (<= 3x), and
#     Microsoft Recognizers-Text vs ours on the seed articles, with its answers on a few traps
#     printed below the table. Corpora: scripts/make_bench_corpus.py -> build/bench/. Rows say
#     "n/a — build first" when build/native/extract_bench or build/wasm/extract_bench.js is missing.
#   - factlens extract as a whole process (issue #10; tests/bench/cli_bench.mjs, run second, rows
#     appended too): MB/s on a 64 MB corpus written to a file (target >= 100), its ratio to wc -w on
#     the same file in the same run, and peak RSS / input (<= 1.2x); --format csv and --to USD beside
#   - extraction on hostile text (issue #10; tests/bench/adversarial_bench.mjs, run third, rows
#     appended too): each of its 23 adversarial patterns (digit, punctuation and word runs, spelled
#     numbers, conversion pairs, invalid UTF-8, no newline, ...) at 1, 4 and 16 MB through
#     build/native/extract_bench, s/MB at each size; FAIL when s/MB at 16 MB > 1.5x s/MB at 1 MB.
#     Cache-fair: every size is timed over 16 MB (16 separate 1 MB runs of the pattern, 4 of 4 MB,
#     1 of 16 MB, separated by blank lines), so only the length of one unbroken run changes.
#     About 2-3 minutes; "n/a — build first" rows when build/native/extract_bench is missing.
#   - facts explorer at a million rows (issue #6; tests/bench/bench.mjs): a synthetic `factlens extract`
#     JSONL corpus (scripts/make_facts_corpus.py -> build/bench/facts-1m.jsonl, ~350 MB, generated when
#     missing) passed to the hosted index.html (1280x800, device ratio 1) in ~64 Mi-char parts, joined
#     in the page and loaded with one load_files call: load and index time and facts/s; bytes per fact,
#     state().facts.memory_bytes (target <= 200) and wasm Memory size; re-sort by value, wasm-side and
#     command wall (<= 150 ms); kind:percent and "firms" (<= 50 ms each); facet recount unit:USD /
#     -hedge:none (<= 50 ms); frame CPU time while wheel-scrolling and PageDown-ing the table (<= 4 ms
#     median, p95 shown); a plain-JS-arrays baseline measured in node on the same file, and issue #6's
#     DuckDB-Wasm / Perspective / plain JS reference figures (not re-measured).
#   - currency (issue #7, in the facts page above): converting every money row of the million when
#     the toggle changes (<= 50 ms in wasm); loading the ECB's eurofxref-hist.csv through load_rates
#     (<= 100 ms)
#   - compare (issue #8): `factlens compare` on the seeds and on 1,000 generated articles, whole process
#   - word diff (issue #8; tests/bench/diff_bench.mjs): two ~1 MB texts (tests/bench/make_diff_pair.py)
#     in wasm under node (<= 200 ms, exact) and natively, beside jsdiff's diffWords, diff-match-patch
#     (Diff_Timeout 0) and git diff --word-diff on the same pair (jsdiff and diff-match-patch take
#     minutes: one run each when the first is over 5 s)
# Usage: ./scripts/bench.sh            (builds dist/ first when it is missing)
# Env:   FACTLENS_CHROMIUM=/usr/bin/chromium   BENCH_RUNS=7   BENCH_IDLE_RUNS=5
#        BENCH_EXTRACT=0 (skip the extraction rows)   BENCH_EXTRACT_RUNS=5   BENCH_RECOGNIZERS_MIN_S=3
#        BENCH_CLI=0 (skip the factlens extract rows)   BENCH_CLI_RUNS=5   BENCH_CLI_MB=64
#        BENCH_ADVERSARIAL=0 (skip the hostile-text rows)   BENCH_ADVERSARIAL_RUNS=3
#        BENCH_ADVERSARIAL_SIZES=1,4,16   BENCH_ADVERSARIAL_ONLY=substr (patterns whose name has it)
#        BENCH_FACTS=0 (skip the facts explorer rows)   BENCH_FACTS_N=200000 (a smaller facts corpus)
#        BENCH_DIFF=0 (skip the word diff rows)   BENCH_COMPARE=0 (skip the compare rows)
# Exits 0 even when a target is missed (the table says pass/fail); non-zero only on errors.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/index.html ] || [ ! -f dist/factlens.html ]; then
  echo "[bench] dist/ is missing: running ./scripts/build.sh" >&2
  ./scripts/build.sh >&2
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@microsoft/recognizers-text-suite ]; then
  echo "[bench] installing playwright-core and recognizers-text from package-lock.json (no browser download)" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2
fi

# Extraction first (no browser running meanwhile); its rows go into the one table bench.mjs prints.
# A failure there becomes an error row: the web rows are printed either way.
extra=()
if [ "${BENCH_EXTRACT:-1}" != 0 ]; then
  mkdir -p build/bench
  rows=build/bench/extract_rows.json
  rm -f "$rows"
  node tests/bench/extract_bench.mjs --rows-json "$rows" >&2 || echo "[bench] extract_bench.mjs failed (exit $?)" >&2
  extra=(--extra-rows "$rows")
fi
if [ "${BENCH_CLI:-1}" != 0 ]; then
  mkdir -p build/bench
  cli_rows=build/bench/cli_rows.json
  rm -f "$cli_rows"
  node tests/bench/cli_bench.mjs --rows-json "$cli_rows" >&2 || echo "[bench] cli_bench.mjs failed (exit $?)" >&2
  extra+=(--extra-rows "$cli_rows")
fi
if [ "${BENCH_ADVERSARIAL:-1}" != 0 ]; then
  mkdir -p build/bench
  adv_rows=build/bench/adversarial_rows.json
  rm -f "$adv_rows"
  node tests/bench/adversarial_bench.mjs --rows-json "$adv_rows" >&2 || echo "[bench] adversarial_bench.mjs failed (exit $?)" >&2
  extra+=(--extra-rows "$adv_rows")
fi

exec node tests/bench/bench.mjs "${extra[@]}" "$@"
