// FactLens fact-extraction benchmark: native throughput, linearity, wasm-under-node throughput,
// peak memory, and a comparison with Microsoft Recognizers-Text on the seed articles.
// Run through ./scripts/bench.sh (one table with the web rows), or alone:
//   node tests/bench/extract_bench.mjs                       prints its own markdown table
//   node tests/bench/extract_bench.mjs --rows-json FILE      writes {rows, notes} for bench.mjs
// Progress goes to stderr. Missing binaries give "n/a — build first" rows, never an error.
// Env: BENCH_EXTRACT_RUNS=9 (timed runs per measurement, more on the small corpora; one untimed
//      warm-up per binary first)
//      BENCH_EXTRACT_SIZES=10,25,50,100 (MB corpora; 50 is the throughput/wasm size)
//      BENCH_RECOGNIZERS_MIN_S=3 (least seconds of Recognizers-Text passes)
//      BENCH_EXTRACT_NATIVE, BENCH_EXTRACT_WASM, BENCH_FACTLENS: other binaries than build/native/extract_bench,
//      build/wasm/extract_bench.js, build/native/factlens
// Units: 1 MB = 2^20 bytes (the corpus sizes are MiB), 1 KB = 2^10 bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RECOGNIZER_FNS, TRAPS, benchRecognizers, loadSuite, seedText, trapDiagnostics } from './recognizers.mjs';
import { BENCH_DIR, CORPUS_SEED, ROOT, benchCorpus, fmt, median, pf, runAsScript } from './bench_common.mjs';

const NATIVE = process.env.BENCH_EXTRACT_NATIVE || path.join(ROOT, 'build/native/extract_bench');
const WASM = process.env.BENCH_EXTRACT_WASM || path.join(ROOT, 'build/wasm/extract_bench.js');
const FACTLENS = process.env.BENCH_FACTLENS || path.join(ROOT, 'build/native/factlens');
const RUNS = Math.max(1, Number(process.env.BENCH_EXTRACT_RUNS || 9));
const SIZES = (process.env.BENCH_EXTRACT_SIZES || '10,25,50,100').split(',').map(Number);
const MAIN_SIZE = SIZES.includes(50) ? 50 : SIZES[Math.floor(SIZES.length / 2)];
const REC_MIN_S = Number(process.env.BENCH_RECOGNIZERS_MIN_S || 3);
const MB = 1 << 20;

const TARGET_MBPS = 100, TARGET_LINEAR = 1.25, TARGET_WASM = 0.5, TARGET_RSS = 3;
const NA_BUILD = 'n/a — build first';

const log = (...a) => console.error('[extract-bench]', ...a);

// ---- corpora -------------------------------------------------------------------------------------
// Generated once per (script contents, size, seed) and kept in build/bench/ (git-ignored).
const corpus = (sizeMb) => benchCorpus(sizeMb, log);

// The seed articles as one text, and that text repeated to >= 1 MB.
function seedFiles() {
  const text = seedText();
  const one = path.join(BENCH_DIR, 'seed.txt');
  const rep = path.join(BENCH_DIR, 'seed_1mb.txt');
  writeFileSync(one, text);
  const n = Math.ceil(MB / Buffer.byteLength(text + '\n'));
  writeFileSync(rep, Array(n).fill(text).join('\n'));
  return { text, one, rep };
}

// ---- running the binaries --------------------------------------------------------------------------
function runOnce(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * MB, timeout: 300_000 });
  if (r.error) throw new Error(`${path.basename(cmd)}: ${r.error.code || r.error.message}`);
  if (r.status !== 0) {
    const err = (r.stderr || '').split('\n').map((l) => l.trim()).filter((l) => l && !/^Node\.js v|^at |^\^+$/.test(l)).slice(-2).join(' / ');
    throw new Error(`${path.basename(args.at(-2) === undefined ? cmd : args.at(-2))} exit ${r.status ?? r.signal}: ${err.slice(0, 200)}`);
  }
  const line = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON line in output: ${r.stdout.slice(0, 200)}`);
  const j = JSON.parse(line);
  for (const k of ['bytes', 'seconds', 'claims']) {
    if (typeof j[k] !== 'number') throw new Error(`bad JSON (no number "${k}"): ${line}`);
  }
  if (!(j.seconds > 0)) throw new Error(`bad seconds ${j.seconds}`);
  return j;
}

// Medians and spread of a list of runOnce results.
function summarise(runs) {
  const mbps = runs.map((j) => j.bytes / MB / j.seconds);
  const claims = new Set(runs.map((j) => j.claims));
  return {
    n: runs.length,
    bytes: runs[0].bytes,
    seconds: median(runs.map((j) => j.seconds)),
    mbps: median(mbps), min: Math.min(...mbps), max: Math.max(...mbps),
    claims: runs[0].claims, claimsStable: claims.size === 1,
    rssKb: runs.every((j) => typeof j.max_rss_kb === 'number') ? median(runs.map((j) => j.max_rss_kb)) : null,
  };
}
const logRun = (label, i, n, j) =>
  log(`${label} run ${i}/${n}: ${fmt(j.bytes / MB / j.seconds)} MB/s, ${j.claims} claims, rss ${j.max_rss_kb ?? '?'} kB`);

// RUNS timed runs (the caller warms each binary up once first).
function measure(label, cmd, args) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(runOnce(cmd, args));
    logRun(label, i + 1, RUNS, runs.at(-1));
  }
  return summarise(runs);
}

// Native runs on every corpus size, interleaved round-robin (10, 25, 50, 100, 10, ...) so that
// other load on the machine falls on all sizes alike. Sizes below MAIN_SIZE get more runs (their
// runs are short and noisier): RUNS x MAIN_SIZE / size, at most 25. Returns {size: summary | Error}.
function measureSizes(cmd, files) {
  const want = Object.fromEntries(SIZES.map((s) => [s, s < MAIN_SIZE ? Math.min(25, Math.max(RUNS, Math.round((RUNS * MAIN_SIZE) / s))) : RUNS]));
  const runs = Object.fromEntries(SIZES.map((s) => [s, []]));
  const failed = {};
  for (let round = 0; SIZES.some((s) => !failed[s] && runs[s].length < want[s]); round++) {
    for (const s of SIZES) {
      if (failed[s] || runs[s].length >= want[s]) continue;
      try {
        runs[s].push(runOnce(cmd, [files[s]]));
        logRun(`native ${s} MB`, runs[s].length, want[s], runs[s].at(-1));
      } catch (e) {
        failed[s] = e;
      }
    }
  }
  return Object.fromEntries(SIZES.map((s) => [s, failed[s] || summarise(runs[s])]));
}
const spread = (m) => `median of ${m.n}; ${fmt(m.min)}–${fmt(m.max)}`;

// ---- our claims on the traps ------------------------------------------------------------------------
// factlens extract --format jsonl: claims whose text lies inside an occurrence of a trap, or which
// contain one. Field names are looked up loosely (text/raw/surface/span/match/quote).
function ourTraps(seedFile, seedTextStr) {
  if (!existsSync(FACTLENS)) return null;
  const r = spawnSync(FACTLENS, ['extract', '--format', 'jsonl', seedFile], { encoding: 'utf8', maxBuffer: 64 * MB, timeout: 60_000 });
  if (r.status !== 0) return { error: `factlens extract: exit ${r.status ?? r.signal}: ${(r.stderr || '').trim().slice(-200)}` };
  let claims;
  try { claims = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)); } catch (e) { return { error: `factlens extract: bad JSONL: ${e.message}` }; }
  const textOf = (c) => ['text', 'raw', 'surface', 'span_text', 'match', 'quote', 'source_text'].map((k) => c[k]).find((v) => typeof v === 'string');
  const buf = Buffer.from(seedTextStr, 'utf8');
  return {
    count: claims.length,
    traps: TRAPS.map((trap) => {
      const tb = Buffer.from(trap, 'utf8');
      const occ = [];
      for (let i = buf.indexOf(tb); i !== -1; i = buf.indexOf(tb, i + 1)) occ.push([i, i + tb.length]);
      const hits = new Map();
      for (const c of claims) {
        const s = c.start ?? c.begin ?? c.offset ?? c.span?.[0];
        const e = c.end ?? (s != null && c.length != null ? s + c.length : undefined) ?? c.span?.[1];
        const t = textOf(c);
        let hit;
        if (typeof s === 'number' && typeof e === 'number') hit = occ.some(([a, b]) => s < b && e > a);
        else hit = typeof t === 'string' && t.length > 0 && (trap.includes(t) || t.includes(trap));
        if (!hit) continue;
        // Compact: the claim without offsets, source names and nulls.
        const show = {};
        for (const [k, v] of Object.entries(c)) {
          if (v == null || v === false || ['start', 'end', 'begin', 'offset', 'span', 'length', 'context', 'sentence', 'snippet', 'article', 'file', 'source', 'pair'].includes(k)) continue;
          show[k] = v;
        }
        let key = JSON.stringify(show);
        if (key.length > 220) key = key.slice(0, 219) + '…';
        hits.set(key, (hits.get(key) || 0) + 1);
      }
      return { trap, occurrences: occ.length, claims: [...hits].map(([k, n]) => (n > 1 ? `${k} (×${n})` : k)) };
    }),
  };
}

// ---- the benchmark -----------------------------------------------------------------------------------
export async function run() {
  mkdirSync(BENCH_DIR, { recursive: true });
  const rows = [];
  const notes = [];
  const hasNative = existsSync(NATIVE), hasWasm = existsSync(WASM);
  const t0 = Date.now();
  const load0 = os.loadavg()[0];
  const row = (metric, value, target = '', result = '') => rows.push([metric, value, target, result]);
  const guard = (metric, target, fn) => {
    try { return fn(); } catch (e) { log(`${metric}: ${e.message}`); row(metric, `error: ${e.message.replace(/\|/g, '/')}`, target, 'FAIL'); return null; }
  };

  const seed = seedFiles();
  const files = {};
  if (hasNative || hasWasm) for (const s of SIZES) files[s] = corpus(s);

  // Native: every size (linearity, memory); the MAIN_SIZE one is the throughput figure.
  const nat = {};
  // One untimed warm-up per binary on the 1 MB seed file (loads it and the file cache; cheap even
  // when the extractor is slow, where a warm-up per corpus would cost minutes).
  const warm = (cmd, args) => { try { runOnce(cmd, args); } catch (e) { log(`warm-up ${path.basename(args.at(-1))}: ${e.message}`); } };
  if (hasNative) {
    warm(NATIVE, [seed.rep]);
    const bySize = measureSizes(NATIVE, files);
    for (const s of SIZES) {
      nat[s] = guard(`extract native, ${s} MB corpus`, '', () => { if (bySize[s] instanceof Error) throw bySize[s]; return bySize[s]; });
    }
  }
  const m = nat[MAIN_SIZE];
  if (!hasNative) row(`extract native throughput, ${MAIN_SIZE} MB corpus`, NA_BUILD, `≥ ${TARGET_MBPS} MB/s`, 'n/a');
  else if (m) row(`extract native throughput, ${MAIN_SIZE} MB corpus (${spread(m)}; ${m.claims.toLocaleString('en-US')} claims${m.claimsStable ? '' : ', CLAIM COUNT VARIES'})`,
    `${fmt(m.mbps)} MB/s`, `≥ ${TARGET_MBPS} MB/s`, pf(m.mbps >= TARGET_MBPS && m.claimsStable));

  // Linearity.
  if (!hasNative) row(`extract native linearity: s/MB at ${SIZES.join(', ')} MB`, NA_BUILD, `ratio ≤ ${TARGET_LINEAR}`, 'n/a');
  else {
    const ok = SIZES.filter((s) => nat[s]);
    if (ok.length) {
      row(`extract native s/MB at ${ok.join(' / ')} MB (median of ${ok.map((s) => nat[s].n).join(' / ')} runs, interleaved)`,
        ok.map((s) => (nat[s].seconds / (nat[s].bytes / MB)).toFixed(5)).join(' / ') + ' s/MB');
    }
    const lo = nat[Math.min(...SIZES)], hi = nat[Math.max(...SIZES)];
    if (!(lo && hi)) row(`extract native linearity: s/MB at ${Math.max(...SIZES)} MB ÷ s/MB at ${Math.min(...SIZES)} MB`, 'n/a (a run failed)', `≤ ${TARGET_LINEAR} → linear`, 'FAIL');
    else if (lo !== hi) {
      const ratio = (hi.seconds / hi.bytes) / (lo.seconds / lo.bytes);
      row(`extract native linearity: s/MB at ${Math.max(...SIZES)} MB ÷ s/MB at ${Math.min(...SIZES)} MB`, ratio.toFixed(3),
        `≤ ${TARGET_LINEAR} → linear`, ratio <= TARGET_LINEAR ? 'pass (linear)' : 'FAIL (not linear)');
    }
  }

  // Wasm under node.
  if (!hasWasm) {
    row(`extract wasm (node) throughput, ${MAIN_SIZE} MB corpus`, NA_BUILD, '', 'n/a');
    row('extract wasm ÷ native throughput', NA_BUILD, `≥ ${TARGET_WASM * 100}%`, 'n/a');
  } else {
    warm(process.execPath, ['--no-experimental-fetch', WASM, seed.rep]);
    const w = guard(`extract wasm (node) throughput, ${MAIN_SIZE} MB corpus`, '', () =>
      measure(`wasm ${MAIN_SIZE} MB`, process.execPath, ['--no-experimental-fetch', WASM, files[MAIN_SIZE]]));
    if (w) {
      row(`extract wasm (node ${process.version}) throughput, ${MAIN_SIZE} MB corpus (${spread(w)}; ${w.claims.toLocaleString('en-US')} claims)`,
        `${fmt(w.mbps)} MB/s`);
      if (m && w.claims !== m.claims) notes.push(`- wasm found ${w.claims} claims, native ${m.claims}, on the same ${MAIN_SIZE} MB corpus.`);
      if (m) row('extract wasm ÷ native throughput', `${fmt((100 * w.mbps) / m.mbps, 0)}%`, `≥ ${TARGET_WASM * 100}%`, pf(w.mbps / m.mbps >= TARGET_WASM));
      else row('extract wasm ÷ native throughput', hasNative ? 'n/a (native failed)' : NA_BUILD, `≥ ${TARGET_WASM * 100}%`, 'n/a');
    } else row('extract wasm ÷ native throughput', 'n/a (wasm failed)', `≥ ${TARGET_WASM * 100}%`, 'FAIL');
  }

  // Peak memory.
  for (const s of SIZES.filter((x) => x >= MAIN_SIZE)) {
    const metric = `extract native peak RSS ÷ input size, ${s} MB (whole process, getrusage)`;
    if (!hasNative) row(metric, NA_BUILD, `≤ ${TARGET_RSS}×`, 'n/a');
    else if (nat[s] && nat[s].rssKb != null) {
      const ratio = (nat[s].rssKb * 1024) / nat[s].bytes;
      row(metric, `${ratio.toFixed(2)}× (${Math.round(nat[s].rssKb).toLocaleString('en-US')} kB)`, `≤ ${TARGET_RSS}×`, pf(ratio <= TARGET_RSS));
    } else row(metric, nat[s] ? 'no max_rss_kb in output' : 'n/a (the run failed)', `≤ ${TARGET_RSS}×`, 'FAIL');
  }

  // Recognizers-Text vs ours on the seed text.
  const seedBytes = Buffer.byteLength(seed.text);
  const { suite, version, error } = loadSuite();
  let rec = null;
  if (error) row('Microsoft Recognizers-Text on the seed text', `n/a — ${error}`, '', 'n/a');
  else {
    log(`Recognizers-Text ${version}: ${RECOGNIZER_FNS.join(', ')} on ${seedBytes} B, ≥ ${REC_MIN_S} s`);
    rec = benchRecognizers(suite, seed.text, { minSeconds: REC_MIN_S, log });
    row(`Microsoft Recognizers-Text ${version} (number, currency, percentage, datetime; en-us) on the seed text, ${seedBytes.toLocaleString('en-US')} B (${rec.iterations} pass${rec.iterations > 1 ? 'es' : ''}, ${fmt(rec.seconds)} s)`,
      `${fmt(rec.kb_per_s, 2)} KB/s`);
  }
  let ours = null;
  if (!hasNative) row('extract native on the seed text repeated to ≥ 1 MB', NA_BUILD, '', 'n/a');
  else {
    ours = guard('extract native on the seed text repeated to ≥ 1 MB', '', () => measure('native seed×', NATIVE, [seed.rep]));
    if (ours) row(`extract native on the seed text repeated to ${fmt(ours.bytes / MB, 2)} MB (${spread(ours)})`, `${fmt(ours.mbps * 1024, 0)} KB/s (${fmt(ours.mbps)} MB/s)`);
  }
  if (rec && ours) row('speed ratio on the seed text: ours ÷ Recognizers-Text', `${Math.round((ours.mbps * 1024) / rec.kb_per_s).toLocaleString('en-US')}×`);
  else row('speed ratio on the seed text: ours ÷ Recognizers-Text', 'n/a', '', 'n/a');

  // Diagnostics (not pass/fail).
  if (rec) {
    notes.push('', `Recognizers-Text ${version} on the seed text (${seedBytes.toLocaleString('en-US')} B): seconds per recognizer in one pass: ` +
      Object.entries(rec.perRecognizer).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ') + '.');
    notes.push('What it returns where the seed text has these traps (diagnostic, not pass/fail; every distinct result overlapping any occurrence):');
    for (const t of trapDiagnostics(seed.text, rec.results)) {
      notes.push(`- \`${t.trap}\` (${t.occurrences}× in the seed text): ` +
        (t.results.length ? t.results.map((r) => `${r.recognizer}/${r.type} ${r.text} → ${r.resolution}`).join('; ') : 'nothing'));
    }
  }
  let ot = null;
  try { ot = hasNative ? ourTraps(seed.one, seed.text) : null; } catch (e) { ot = { error: e.message }; }
  if (ot?.error) notes.push('', `FactLens on the same traps: ${ot.error}`);
  else if (ot) {
    notes.push('', `FactLens (\`factlens extract --format jsonl\`, ${ot.count} claims on the seed text) on the same traps:`);
    for (const t of ot.traps) notes.push(`- \`${t.trap}\` (${t.occurrences}×): ${t.claims.length ? t.claims.join('; ') : 'no claim'}`);
  }
  if (m && ours) {
    notes.push('', `Claim density (native): ${fmt(m.claims / (m.bytes / 1024))} claims per KB in the ${MAIN_SIZE} MB corpus, ` +
      `${fmt(ours.claims / (ours.bytes / 1024))} per KB in the seed text.`);
  }
  notes.push('', `Extraction rows: 1 MB = 2^20 B; corpora from scripts/make_bench_corpus.py --seed ${CORPUS_SEED} in build/bench/; ` +
    `each figure is a median of ≥ ${RUNS} timed runs (one warm-up run per binary first; within each run extract_bench times the second of two full passes, so wasm is measured after V8 has optimized it — its first, cold pass is about half as fast); extraction bench took ${fmt((Date.now() - t0) / 1000, 0)} s; ` +
    `1-minute load average ${fmt(load0, 2)} before it and ${fmt(os.loadavg()[0], 2)} after it on ${os.cpus().length} cores` +
    (Math.max(load0, os.loadavg()[0]) > 1.5 ? ' (other work was running: the timings are noisy)' : '') + '.');
  return { rows, notes };
}

await runAsScript(import.meta.url, run);
