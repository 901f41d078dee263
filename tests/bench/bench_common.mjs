// Shared by the benchmarks that add rows to scripts/bench.sh's table (extract_bench.mjs,
// cli_bench.mjs, adversarial_bench.mjs, diff_bench.mjs, bench.mjs): medians, number formats, the
// generated news corpus, and the "run as a script" entry that prints a table or writes
// --rows-json FILE ({rows, notes}) for bench.mjs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = path.join(ROOT, 'build/bench');
const CORPUS_SCRIPT = path.join(ROOT, 'scripts/make_bench_corpus.py');
export const CORPUS_SEED = 1;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmt = (x, d = 1) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
export const pf = (ok) => (ok ? 'pass' : 'FAIL');

// build/bench/corpus_<sizeMb>mb.txt from scripts/make_bench_corpus.py (seed 1), generated once per
// (script contents, size, seed) and kept (build/ is git-ignored).
export function benchCorpus(sizeMb, log) {
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `corpus_${sizeMb}mb.txt`);
  const meta = JSON.stringify({ script: createHash('sha256').update(readFileSync(CORPUS_SCRIPT)).digest('hex'), sizeMb, seed: CORPUS_SEED });
  const metaFile = file + '.meta';
  if (existsSync(file) && existsSync(metaFile) && readFileSync(metaFile, 'utf8') === meta) return file;
  log(`generating ${path.relative(ROOT, file)}`);
  const r = spawnSync('python3', [CORPUS_SCRIPT, file, String(sizeMb), '--seed', String(CORPUS_SEED)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`make_bench_corpus.py failed (${r.status ?? r.signal})`);
  writeFileSync(metaFile, meta);
  return file;
}

export const renderTable = (rows) =>
  rows.map((r, i) => `| ${r.join(' | ')} |` + (i === 0 ? '\n|' + ' --- |'.repeat(r.length) : '')).join('\n');

// When the module at metaUrl is the script node was started with: awaits run() ({rows, notes}),
// then writes it to --rows-json FILE, or prints it as a markdown table.
export async function runAsScript(metaUrl, run) {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(metaUrl)) return;
  const i = process.argv.indexOf('--rows-json');
  const out = await run();
  if (i !== -1) writeFileSync(process.argv[i + 1], JSON.stringify(out));
  else console.log(renderTable([['metric', 'value', 'target', 'result'], ...out.rows]) + '\n' + out.notes.join('\n'));
}
