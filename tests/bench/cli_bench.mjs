// `factlens extract` as a whole process (issue 10): reading, extraction, the JSON writer and the
// write to a file, on a 64 MB news corpus; beside `wc -w` on the same file in the same run (the
// ratio is the figure that does not depend on the machine), and peak RSS over the input size.
// Run through ./scripts/bench.sh (one table with the web rows), or alone:
//   node tests/bench/cli_bench.mjs                       prints its own markdown table
//   node tests/bench/cli_bench.mjs --rows-json FILE      writes {rows, notes} for bench.mjs
// Progress goes to stderr. A missing binary gives "n/a — build first" rows, never an error.
// Env: BENCH_CLI_RUNS=5 (timed runs per command, interleaved, after one untimed warm-up each)
//      BENCH_CLI_MB=64 (corpus size, MiB)   BENCH_FACTLENS (another binary than build/native/factlens)
// Wall time and peak RSS of each child come from wait4() (a few lines of python3 around fork/exec),
// stdout going to a file in build/bench/ that is removed afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, ROOT, benchCorpus, fmt, median, pf, runAsScript } from './bench_common.mjs';

const FACTLENS = process.env.BENCH_FACTLENS || path.join(ROOT, 'build/native/factlens');
const RUNS = Math.max(1, Number(process.env.BENCH_CLI_RUNS || 5));
const SIZE_MB = Math.max(1, Number(process.env.BENCH_CLI_MB || 64));
const MB = 1 << 20;
const TARGET_MBPS = 100, WC_MBPS_REF = 290, TARGET_RSS = 1.2;
const TARGET_RATIO = TARGET_MBPS / WC_MBPS_REF;
const NA_BUILD = 'n/a — build first';

const log = (...a) => console.error('[cli-bench]', ...a);

// The same corpus extract_bench.mjs would make for this size (build/bench/corpus_<N>mb.txt).
const corpus = (sizeMb) => benchCorpus(sizeMb, log);

// Runs argv with stdout to outFile; returns {seconds, rssKb, status, stderr}.
const TIMER = `
import json, os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.dup2(fd, 1)
    os.execvp(argv[0], argv)
_, status, ru = os.wait4(pid, 0)
dt = time.perf_counter() - t
os.close(fd)
print(json.dumps({"seconds": dt, "rss_kb": ru.ru_maxrss, "status": os.waitstatus_to_exitcode(status)}))
`;
function timed(argv, outFile) {
  const r = spawnSync('python3', ['-c', TIMER, outFile, ...argv], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`timer: ${(r.stderr || '').trim().slice(-200)}`);
  const j = JSON.parse(r.stdout.trim().split('\n').at(-1));
  if (j.status !== 0) throw new Error(`${path.basename(argv[0])} exit ${j.status}: ${(r.stderr || '').trim().slice(-200)}`);
  return j;
}

export async function run() {
  const rows = [];
  const notes = [];
  const row = (metric, value, target = '', result = '') => rows.push([metric, value, target, result]);
  const t0 = Date.now();
  const load0 = os.loadavg()[0];
  if (!existsSync(FACTLENS)) {
    row(`factlens extract, ${SIZE_MB} MB corpus to a file (whole process)`, NA_BUILD, `≥ ${TARGET_MBPS} MB/s`, 'n/a');
    row('factlens extract ÷ wc -w on the same file', NA_BUILD, `≥ ${fmt(TARGET_RATIO, 2)}`, 'n/a');
    row(`factlens extract peak RSS ÷ input, ${SIZE_MB} MB`, NA_BUILD, `≤ ${TARGET_RSS}×`, 'n/a');
    return { rows, notes };
  }
  let file;
  try {
    file = corpus(SIZE_MB);
  } catch (e) {
    row(`factlens extract, ${SIZE_MB} MB corpus`, `error: ${e.message}`, '', 'FAIL');
    return { rows, notes };
  }
  const bytes = statSync(file).size;
  const out = path.join(BENCH_DIR, 'cli_bench_out.tmp');
  const commands = {
    jsonl: [FACTLENS, 'extract', file],
    csv: [FACTLENS, 'extract', '--format', 'csv', file],
    to: [FACTLENS, 'extract', '--to', 'USD', file],
    wc: ['wc', '-w', file],
  };
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const outBytes = {};
  const failed = {};
  try {
    for (const [k, argv] of Object.entries(commands)) {
      try { timed(argv, out); outBytes[k] = statSync(out).size; } catch (e) { failed[k] = e; }  // warm-up
    }
    // Interleaved, so that other load on the machine falls on every command alike.
    for (let i = 0; i < RUNS; i++) {
      for (const [k, argv] of Object.entries(commands)) {
        if (failed[k]) continue;
        try {
          const j = timed(argv, out);
          runs[k].push(j);
          log(`${k} run ${i + 1}/${RUNS}: ${fmt(bytes / MB / j.seconds)} MB/s, rss ${j.rss_kb} kB`);
        } catch (e) {
          failed[k] = e;
        }
      }
    }
  } finally {
    rmSync(out, { force: true });
  }
  const stat = (k) => {
    if (failed[k] || !runs[k].length) return null;
    const mbps = runs[k].map((j) => bytes / MB / j.seconds);
    return { mbps: median(mbps), min: Math.min(...mbps), max: Math.max(...mbps), rssKb: median(runs[k].map((j) => j.rss_kb)), n: runs[k].length };
  };
  const s = Object.fromEntries(Object.keys(commands).map((k) => [k, stat(k)]));
  const spread = (m) => `median of ${m.n}; ${fmt(m.min)}–${fmt(m.max)}`;
  const err = (k) => `error: ${String(failed[k]?.message || 'no runs').replace(/\|/g, '/')}`;

  const m = s.jsonl;
  row(`factlens extract (JSON Lines), ${SIZE_MB} MB corpus to a file, whole process (${m ? spread(m) : 'failed'}; ${fmt((outBytes.jsonl || 0) / MB, 0)} MB written)`,
    m ? `${fmt(m.mbps)} MB/s` : err('jsonl'), `≥ ${TARGET_MBPS} MB/s`, m ? pf(m.mbps >= TARGET_MBPS) : 'FAIL');
  if (m && s.wc) {
    const ratio = m.mbps / s.wc.mbps;
    row(`factlens extract ÷ wc -w on the same file, same run (wc -w: ${fmt(s.wc.mbps)} MB/s, ${spread(s.wc)})`, fmt(ratio, 2),
      `≥ ${fmt(TARGET_RATIO, 2)} (${TARGET_MBPS} ÷ ${WC_MBPS_REF} MB/s)`, pf(ratio >= TARGET_RATIO));
  } else row('factlens extract ÷ wc -w on the same file', m ? err('wc') : err('jsonl'), `≥ ${fmt(TARGET_RATIO, 2)}`, 'FAIL');
  if (m) {
    const ratio = (m.rssKb * 1024) / bytes;
    row(`factlens extract peak RSS ÷ input, ${SIZE_MB} MB (whole process, wait4)`, `${ratio.toFixed(2)}× (${Math.round(m.rssKb).toLocaleString('en-US')} kB)`,
      `≤ ${TARGET_RSS}×`, pf(ratio <= TARGET_RSS));
  } else row(`factlens extract peak RSS ÷ input, ${SIZE_MB} MB`, err('jsonl'), `≤ ${TARGET_RSS}×`, 'FAIL');
  for (const [k, label] of [['csv', '--format csv'], ['to', '--to USD']]) {
    const x = s[k];
    row(`factlens extract ${label}, ${SIZE_MB} MB corpus to a file, whole process (${x ? spread(x) : 'failed'}; ${fmt((outBytes[k] || 0) / MB, 0)} MB written)`,
      x ? `${fmt(x.mbps)} MB/s (RSS ${((x.rssKb * 1024) / bytes).toFixed(2)}×)` : err(k));
  }
  notes.push('', `factlens extract rows: ${path.relative(ROOT, file)} (${bytes.toLocaleString('en-US')} B, 1 MB = 2^20 B), stdout to a file in build/bench/; ` +
    `runs interleaved with wc -w after one warm-up each; took ${fmt((Date.now() - t0) / 1000, 0)} s; 1-minute load average ${fmt(load0, 2)} before and ` +
    `${fmt(os.loadavg()[0], 2)} after on ${os.cpus().length} cores` + (Math.max(load0, os.loadavg()[0]) > 1.5 ? ' (other work was running: the timings are noisy; the ratio to wc -w less so)' : '') + '.');
  return { rows, notes };
}

await runAsScript(import.meta.url, run);
