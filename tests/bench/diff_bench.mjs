// FactLens word-diff benchmark: diff_words() compiled to wasm (and natively, when built) against
// jsdiff's diffWords, diff-match-patch (Diff_Timeout = 0) and `git diff --no-index --word-diff`, on
// one pair of ~1 MB texts. Prints one JSON object with the median time of each, in ms.
//   node tests/bench/diff_bench.mjs                      generates the pair (make_diff_pair.py) and runs
//   node tests/bench/diff_bench.mjs --a A.txt --b B.txt  on a pair of your own
//   node tests/bench/diff_bench.mjs --runs 9
// Or import { run } from './diff_bench.mjs' (resolves to the same object).
// Rows that cannot run say why instead of a number: "not built" (build/wasm/diff_bench.js, from
// ./scripts/build.sh), "not installed" (npm packages `diff`, `diff-match-patch`), "timeout".
// Progress goes to stderr.
// Env: BENCH_DIFF_RUNS=7 (timed runs per tool, after one untimed warm-up)
//      BENCH_DIFF_TIMEOUT_S=300 (wall-clock limit per tool; jsdiff and diff-match-patch are O(ND) on
//      characters or words without anchors and can take minutes on 1 MB)
//      BENCH_DIFF_WASM, BENCH_DIFF_NATIVE: other binaries than build/wasm/diff_bench.js, build/native/diff_bench
//      BENCH_DIFF_MODULES_FROM: a folder whose node_modules has `diff` and `diff-match-patch` (default: the repo)
// Units: 1 MB = 2^20 bytes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './bench_common.mjs';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '../..');
const BENCH_DIR = path.join(ROOT, 'build/bench');
const PAIR_SCRIPT = path.join(ROOT, 'tests/bench/make_diff_pair.py');
const WASM = process.env.BENCH_DIFF_WASM || path.join(ROOT, 'build/wasm/diff_bench.js');
const NATIVE = process.env.BENCH_DIFF_NATIVE || path.join(ROOT, 'build/native/diff_bench');
const TIMEOUT_MS = 1000 * Number(process.env.BENCH_DIFF_TIMEOUT_S || 300);
const TARGET_WASM_MS = 200;
const PAIR_ARGS = ['--size-mb', '1', '--seed', '1', '--edit-rate', '0.03', '--moves', '12'];
const MB = 1 << 20;
// npm packages resolve from the repo (package.json), or from BENCH_DIFF_MODULES_FROM, a folder with
// its own node_modules.
const requireFromRoot = createRequire(path.join(process.env.BENCH_DIFF_MODULES_FROM || ROOT, 'package.json'));

const log = (...a) => console.error('[diff-bench]', ...a);
const round = (x) => Math.round(x * 100) / 100;

function argValue(argv, name) {
  const i = argv.indexOf(name);
  return i !== -1 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

// The generated pair, kept in build/bench/ (git-ignored) per (script contents, arguments).
function generatedPair() {
  mkdirSync(BENCH_DIR, { recursive: true });
  const a = path.join(BENCH_DIR, 'diff_a.txt'), b = path.join(BENCH_DIR, 'diff_b.txt');
  const meta = JSON.stringify({ script: createHash('sha256').update(readFileSync(PAIR_SCRIPT)).digest('hex'), args: PAIR_ARGS });
  const metaFile = a + '.meta';
  if (!(existsSync(a) && existsSync(b) && existsSync(metaFile) && readFileSync(metaFile, 'utf8') === meta)) {
    log(`generating ${path.relative(ROOT, a)} and ${path.relative(ROOT, b)}`);
    const r = spawnSync('python3', [PAIR_SCRIPT, a, b, ...PAIR_ARGS], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`make_diff_pair.py failed (${r.status ?? r.signal})`);
    writeFileSync(metaFile, meta);
  }
  return { a, b, generator: `tests/bench/make_diff_pair.py ${PAIR_ARGS.join(' ')}` };
}

// A package's version from node_modules, or null when it is not installed.
function installed(name) {
  try {
    const pkg = requireFromRoot.resolve(`${name}/package.json`);
    return JSON.parse(readFileSync(pkg, 'utf8')).version;
  } catch {
    return null;
  }
}

// Runs a command, returns its last JSON line (or throws with the reason).
function runJson(cmd, args, label) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * MB, timeout: TIMEOUT_MS });
  if (r.error && r.error.code === 'ETIMEDOUT') throw new Error('timeout');
  if (r.error) throw new Error(`${label}: ${r.error.code || r.error.message}`);
  if (r.status !== 0) throw new Error(`${label} exit ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').slice(-2).join(' / ').slice(0, 200)}`);
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`${label}: no JSON line in output`);
  return JSON.parse(line);
}

// ---- child mode: one JS library timed inside its own process (so a timeout can stop it) ----------
async function child(tool, fileA, fileB, runs) {
  const a = readFileSync(fileA, 'utf8'), b = readFileSync(fileB, 'utf8');
  let once;
  // import() takes CommonJS and ES modules alike (jsdiff moved to ES modules in v8).
  const load = async (pkg) => import(pathToFileURL(requireFromRoot.resolve(pkg)).href);
  if (tool === 'jsdiff') {
    const m = await load('diff');
    const diffWords = m.diffWords || m.default?.diffWords;
    once = () => diffWords(a, b).length;
  } else if (tool === 'dmp') {
    const m = await load('diff-match-patch');
    const mod = m.default ?? m;
    const DMP = typeof mod === 'function' ? mod : mod.diff_match_patch;
    const dmp = new DMP();
    dmp.Diff_Timeout = 0;  // no time limit: the exact (minimal) diff, as the comparison asks
    once = () => dmp.diff_main(a, b).length;
  } else {
    throw new Error(`unknown tool ${tool}`);
  }
  // One warm-up run, untimed; when it takes more than SLOW_MS the tool is slow enough that JIT
  // warm-up does not matter, and that run is the only sample (7 runs of a minute each help no one).
  const SLOW_MS = 5000;
  const t0 = process.hrtime.bigint();
  let ops = once();
  const first = Number(process.hrtime.bigint() - t0) / 1e6;
  const ms = [];
  if (first > SLOW_MS) ms.push(first);
  else for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    ops = once();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(JSON.stringify({ ms_median: median(ms), ms_min: Math.min(...ms), ms_max: Math.max(...ms), runs: ms.length, ops }));
}

// ---- the benchmark -----------------------------------------------------------------------------------
export async function run(options = {}) {
  const argv = options.argv || [];
  const runs = Math.max(1, Number(argValue(argv, '--runs') || process.env.BENCH_DIFF_RUNS || 7));
  const own = argValue(argv, '--a') && argValue(argv, '--b');
  const pair = own ? { a: path.resolve(argValue(argv, '--a')), b: path.resolve(argValue(argv, '--b')), generator: 'given' } : generatedPair();
  const bytesA = readFileSync(pair.a).length, bytesB = readFileSync(pair.b).length;
  const result = {
    pair: { a: path.relative(ROOT, pair.a), b: path.relative(ROOT, pair.b), bytes_a: bytesA, bytes_b: bytesB, generator: pair.generator },
    runs,
    median_ms: {},
    factlens: null,
    versions: { node: process.version },
    notes: [],
  };
  const med = result.median_ms;
  const guard = (name, fn) => {
    try {
      med[name] = fn();
    } catch (e) {
      med[name] = e.message === 'timeout' ? `timeout (> ${TIMEOUT_MS / 1000} s)` : `error: ${e.message}`;
      log(`${name}: ${e.message}`);
    }
  };

  // FactLens, wasm under node (the figure with a target) and native.
  if (!existsSync(WASM)) med.factlens_wasm = 'not built';
  else guard('factlens_wasm', () => {
    log(`factlens wasm: ${runs} runs`);
    const j = runJson(process.execPath, ['--no-experimental-fetch', WASM, pair.a, pair.b, String(runs)], 'diff_bench.js');
    result.factlens = { exact: j.exact, level: j.level, ops: j.ops, moves: j.moves, words_added: j.words_added,
      words_removed: j.words_removed, words_moved: j.words_moved, numbers_changed: j.numbers_changed };
    return round(j.ms_median);
  });
  if (!existsSync(NATIVE)) med.factlens_native = 'not built';
  else guard('factlens_native', () => {
    log(`factlens native: ${runs} runs`);
    const j = runJson(NATIVE, [pair.a, pair.b, String(runs)], 'diff_bench');
    if (!result.factlens) result.factlens = { exact: j.exact, level: j.level, ops: j.ops, moves: j.moves };
    return round(j.ms_median);
  });

  // jsdiff and diff-match-patch, each in a child process.
  for (const [name, pkg, tool] of [['jsdiff_diffWords', 'diff', 'jsdiff'], ['diff_match_patch', 'diff-match-patch', 'dmp']]) {
    const version = installed(pkg);
    result.versions[pkg] = version;
    if (!version) { med[name] = 'not installed'; continue; }
    guard(name, () => {
      log(`${name} (${pkg} ${version}): ${runs} runs, limit ${TIMEOUT_MS / 1000} s`);
      const j = runJson(process.execPath, [HERE, '--child', tool, pair.a, pair.b, String(runs)], name);
      if (j.runs < runs) result.notes.push(`${name}: ${j.runs} run (its first run took over 5 s)`);
      return round(j.ms_median);
    });
  }

  // git diff --word-diff, timed from outside (includes process start, a few ms).
  guard('git_word_diff', () => {
    const v = spawnSync('git', ['--version'], { encoding: 'utf8' });
    if (v.error) throw new Error('git not found');
    result.versions.git = v.stdout.trim().replace(/^git version /, '');
    log(`git diff --no-index --word-diff: ${runs} runs`);
    const ms = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync('git', ['diff', '--no-index', '--no-color', '--word-diff', pair.a, pair.b],
        { encoding: 'utf8', maxBuffer: 256 * MB, timeout: TIMEOUT_MS });
      const t = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.error && r.error.code === 'ETIMEDOUT') throw new Error('timeout');
      if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status ?? r.signal}`);  // 1: the files differ
      if (i > 0) ms.push(t);  // the first run warms the file cache
    }
    return round(median(ms));
  });

  if (typeof med.factlens_wasm === 'number') {
    result.target = { factlens_wasm_ms: TARGET_WASM_MS, pass: med.factlens_wasm <= TARGET_WASM_MS && result.factlens?.exact === true };
  }
  const load = os.loadavg()[0];
  result.notes.push(`median of ${runs} timed runs after one untimed warm-up per tool; 1-minute load average ${load.toFixed(2)} on ${os.cpus().length} cores` +
    (load > 1.5 ? ' (other work was running: timings are noisy)' : ''));
  if (med.jsdiff_diffWords === 'not installed' || med.diff_match_patch === 'not installed') {
    result.notes.push('jsdiff and diff-match-patch rows need the npm packages `diff` and `diff-match-patch` in package.json devDependencies');
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === HERE) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') await child(argv[1], argv[2], argv[3], Number(argv[4] || 1));
  else console.log(JSON.stringify(await run({ argv }), null, 2));
}
