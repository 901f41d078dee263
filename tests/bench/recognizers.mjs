// Microsoft Recognizers-Text (npm @microsoft/recognizers-text-suite, pinned in package.json) run the
// way a new user would: the suite's one-call functions recognizeNumber, recognizeCurrency
// (number-with-unit), recognizePercentage and recognizeDateTime, culture en-us, each on the whole text.
// Used by extract_bench.mjs for the speed comparison and the accuracy diagnostics.
//
// CLI: node tests/bench/recognizers.mjs [TEXT_FILE] [--min-seconds S]
//   prints {"bytes","iterations","seconds","kb_per_s","results":N,"traps":[...]} as one JSON line.
//   Without TEXT_FILE it uses the seed articles (assets/corpus/*.txt joined by blank lines).
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CULTURE = 'en-us';
export const RECOGNIZER_FNS = ['recognizeNumber', 'recognizeCurrency', 'recognizePercentage', 'recognizeDateTime'];
export const TRAPS = ['6G', 'TL;DR', '202512/1351611', 'US$170 billion', 'over 6,000'];

// The five seed articles joined by blank lines, in file-name order (the same text the native
// bench repeats to >= 1 MB).
export function seedText() {
  const dir = path.join(ROOT, 'assets', 'corpus');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8').trim()).join('\n\n') + '\n';
}

// Returns { suite, version } or { error } when the package is not installed.
export function loadSuite() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  try {
    const suite = require('@microsoft/recognizers-text-suite');
    const version = require('@microsoft/recognizers-text-suite/package.json').version;
    return { suite, version };
  } catch (e) {
    return { error: `@microsoft/recognizers-text-suite not installed (npm ci): ${e.code || e.message}` };
  }
}

// One pass of all four recognizers over text; every result is tagged with its recognizer.
// times (optional) receives the seconds each recognizer took, by name.
export function recognizeAll(suite, text, times = {}) {
  const out = [];
  for (const fn of RECOGNIZER_FNS) {
    const name = fn.replace('recognize', '').toLowerCase();
    const t = performance.now();
    for (const r of suite[fn](text, CULTURE)) out.push({ recognizer: name, ...r });
    times[name] = (performance.now() - t) / 1000;
  }
  return out;
}

// Runs recognizeAll over text until at least minSeconds have passed (at least one pass), after a
// short warm-up on a small slice (model construction and JIT). Returns timing and the last results.
export function benchRecognizers(suite, text, { minSeconds = 3, log = () => {} } = {}) {
  recognizeAll(suite, text.slice(0, 400));
  const bytes = Buffer.byteLength(text, 'utf8');
  let iterations = 0, results = [];
  const t0 = performance.now();
  let elapsed = 0;
  const perPass = [];
  let perRecognizer = {};
  while (iterations === 0 || elapsed < minSeconds) {
    const t = performance.now();
    perRecognizer = {};
    results = recognizeAll(suite, text, perRecognizer);
    perPass.push((performance.now() - t) / 1000);
    iterations++;
    elapsed = (performance.now() - t0) / 1000;
    log(`recognizers-text pass ${iterations}: ${perPass.at(-1).toFixed(2)} s`);
  }
  return { bytes, iterations, seconds: elapsed, kb_per_s: (bytes * iterations) / 1024 / elapsed, perPass, perRecognizer, results };
}

const compact = (v, max = 140) => {
  const s = JSON.stringify(v);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
};

// For each trap: every distinct Recognizers-Text result whose span overlaps an occurrence of the
// trap in text (results use inclusive end offsets in UTF-16 units, as the text is a JS string).
export function trapDiagnostics(text, results, traps = TRAPS) {
  return traps.map((trap) => {
    const spans = [];
    for (let i = text.indexOf(trap); i !== -1; i = text.indexOf(trap, i + 1)) spans.push([i, i + trap.length - 1]);
    const seen = new Map();
    for (const r of results) {
      if (!spans.some(([a, b]) => r.start <= b && r.end >= a)) continue;
      const key = `${r.recognizer}|${r.typeName}|${r.text}|${compact(r.resolution)}`;
      const shown = r.text.length > 60 ? `${JSON.stringify(r.text.slice(0, 40)).slice(0, -1)}…" (${r.text.length} chars)` : JSON.stringify(r.text);
      if (!seen.has(key)) seen.set(key, { recognizer: r.recognizer, type: r.typeName, text: shown, resolution: compact(r.resolution) });
    }
    return { trap, occurrences: spans.length, results: [...seen.values()] };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let minSeconds = 3, file = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--min-seconds') minSeconds = Number(args[++i]);
    else file = args[i];
  }
  const { suite, version, error } = loadSuite();
  if (error) { console.error(error); process.exit(2); }
  const text = file ? readFileSync(file, 'utf8') : seedText();
  const b = benchRecognizers(suite, text, { minSeconds, log: (m) => console.error('[recognizers]', m) });
  console.log(JSON.stringify({ version, bytes: b.bytes, iterations: b.iterations, seconds: b.seconds, kb_per_s: b.kb_per_s,
    results: b.results.length, traps: trapDiagnostics(text, b.results) }));
}
