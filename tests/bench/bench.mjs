// FactLens benchmark: sizes, time to first frame, idle frame rate, frame CPU time while scrolling
// (device ratio 1 and 2, beside a clear-only WebGL2 page measured in the same browser). Prints one
// markdown table to stdout (progress goes to stderr). Run through ./scripts/bench.sh.
// --extra-rows FILE: JSON {rows: [[metric, value, target, result], ...], notes: [line, ...]} written
// by extract_bench.mjs; its rows are appended to this table and its notes printed below it.
// Facts explorer rows (issue #6; BENCH_FACTS=0 skips them, BENCH_FACTS_N=200000 for a smaller run):
// a synthetic `factlens extract` JSONL corpus (scripts/make_facts_corpus.py -> build/bench/) loaded
// into the hosted index.html (1280x800, device ratio 1) with load_files; load time, bytes per fact,
// re-sort, filter, free text, facet recount and frame CPU time while scrolling the table, beside the
// issue's reference figures and a plain-JS-arrays baseline measured here in node on the same file.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DIST, ROOT, SINGLE_FILE_URL, canvasBox, launchBrowser, newContext, rectCentre, sleep, startServer, waitReady } from '../e2e/helpers.mjs';
import { median } from './bench_common.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const IDLE_RUNS = Number(process.env.BENCH_IDLE_RUNS || 5);
const GZ_TARGET = 1_000_000; // bytes (1.0 MB)
const FIRST_FRAME_TARGET_MS = 300;
const FRAME_CPU_TARGET_MS = 4;   // median frame CPU time while scrolling, at device ratio 2
const SCROLL_MIN_MS = 2000;      // scroll at least this long...
const SCROLL_MAX_MS = 15000;     // ...and until the app's 256-frame ring holds only scrolling frames
const BASELINE_MS = 2000;        // the clear-only page runs this long

const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)];
const ms = (x) => `${x.toFixed(2)} ms`;
const kb = (n) => `${n.toLocaleString('en-US')} B`;
const log = (...a) => console.error('[bench]', ...a);

// Rows and notes from another benchmark (see the header); a missing or broken file becomes one row.
function extraRows() {
  // Any number of --extra-rows FILE (extract_bench.mjs, cli_bench.mjs, ...), in the order given.
  const out = { rows: [], notes: [] };
  process.argv.forEach((a, i) => {
    if (a !== '--extra-rows') return;
    const file = process.argv[i + 1];
    try {
      const j = JSON.parse(readFileSync(file, 'utf8'));
      out.rows.push(...(j.rows || []));
      if ((j.notes || []).length) out.notes.push(...(out.notes.length ? [''] : []), ...j.notes);
    } catch (e) {
      out.rows.push([`benchmark rows ${path.basename(file || '?')}`, `error: no rows (${e.code || e.message}); see its output above`, '', 'FAIL']);
    }
  });
  return out;
}
const extra = extraRows();

function sizes() {
  const rows = [];
  for (const f of readdirSync(DIST).sort()) {
    const p = path.join(DIST, f);
    if (!statSync(p).isFile()) continue;
    const raw = statSync(p).size;
    const gz = execFileSync('gzip', ['-9', '-c', p], { maxBuffer: 256 * 1024 * 1024 }).length;
    rows.push({ f, raw, gz });
  }
  return rows;
}

// One fresh context (empty cache) per run; returns first_frame_ms. The page's start-up marks
// (web/boot.js: factlens:boot, :compiled, :main; platform_lib.js: :first-frame), when it has them,
// go into startMarks[url] as {name: ms since navigation}.
const startMarks = {};
async function firstFrame(browser, url) {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    const s = await waitReady(page.mainFrame());
    if (!(s.first_frame_ms > 0)) throw new Error(`bad first_frame_ms ${s.first_frame_ms}`);
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('factlens:')).map((m) => [m.name.slice(9), m.startTime])));
    if (Object.keys(marks).length) (startMarks[url] ||= []).push(marks);
    return s.first_frame_ms;
  } finally {
    await ctx.close();
  }
}

// Typing latency: keys pressed into the filter; for each, how many frames the app drew from the key
// event to the first frame whose state shows the character (target: that very next frame), and ms.
async function typingLatency(browser, url) {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    const s = await waitReady(page.mainFrame());
    await page.mouse.click(s.layout.filter.x + 20, s.layout.filter.y + s.layout.filter.h / 2);
    await sleep(500);
    await page.evaluate(() => {
      window.__lat = [];
      window.addEventListener('keydown', (e) => {
        if (e.key.length !== 1) return;
        const f0 = window.factlens.state().frames, t0 = performance.now(), want = e.key;
        const check = () => {
          const st = window.factlens.state();
          if (st.filter.endsWith(want) && st.frames > f0) window.__lat.push({ frames: st.frames - f0, ms: performance.now() - t0 });
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, true);
    });
    const keys = 'abcdefghijklmnopqrst';
    for (const k of keys) { await page.keyboard.press(k); await sleep(120); }
    await sleep(500);
    return await page.evaluate(() => window.__lat);
  } finally {
    await ctx.close();
  }
}

// API throughput: N commands with {state: false} (no frame between them), then one state(); and N
// with the state each time (a frame each).
async function commandThroughput(browser, url, n = 2000) {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await waitReady(page.mainFrame());
    return await page.evaluate((n) => {
      const fl = window.factlens;
      let t = performance.now();
      for (let i = 0; i < n; i++) fl.command({ type: 'select_article', index: i % 5 }, { state: false });
      fl.state();
      const bare = n / ((performance.now() - t) / 1000);
      const m = Math.min(n, 200);
      t = performance.now();
      for (let i = 0; i < m; i++) fl.command({ type: 'select_article', index: i % 5 });
      const withState = m / ((performance.now() - t) / 1000);
      return { bare, withState };
    }, n);
  } finally {
    await ctx.close();
  }
}

async function idleFps(browser, url) {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await waitReady(page.mainFrame());
    await sleep(1000);
    const f0 = await page.evaluate(() => window.factlens.state().frames);
    const t0 = Date.now();
    await sleep(3000);
    const f1 = await page.evaluate(() => window.factlens.state().frames);
    return (f1 - f0) / ((Date.now() - t0) / 1000);
  } finally {
    await ctx.close();
  }
}

// Records requestAnimationFrame intervals in the page until window.__rafStop() returns them.
function startRafRecorder(frame) {
  return frame.evaluate(() => {
    const iv = [];
    let last, on = true;
    const f = (t) => { if (last !== undefined) iv.push(t - last); last = t; if (on) requestAnimationFrame(f); };
    requestAnimationFrame(f);
    window.__rafStop = () => { on = false; return iv; };
  });
}

// Scrolls the reader of the longest article with real wheel events (down, then up, repeatedly) and
// returns the app's own per-frame CPU time (state().frame_ms: emscripten_get_now() around
// render_frame, last 256 frames) and the rAF intervals seen by the page meanwhile.
async function scrollFrames(browser, dpr) {
  const ctx = await newContext(browser, { deviceScaleFactor: dpr });
  try {
    const page = await ctx.newPage();
    await page.goto(SINGLE_FILE_URL);
    const s0 = await waitReady(page.mainFrame());
    if (s0.devicePixelRatio !== dpr) throw new Error(`asked for device ratio ${dpr}, the app has ${s0.devicePixelRatio}`);
    const longest = s0.articles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    await page.evaluate((i) => window.factlens.command({ type: 'select_article', index: i }), longest.index);
    await sleep(500);
    const s1 = await page.evaluate(() => window.factlens.state());
    const c = rectCentre(await canvasBox(page.mainFrame()), s1.layout.reader);
    await page.mouse.move(c.x, c.y);
    await sleep(500);
    const f0 = (await page.evaluate(() => window.factlens.state())).frames;
    await startRafRecorder(page.mainFrame());
    const t0 = Date.now();
    let n = 0, frames = 0, lastPoll = t0;
    for (;;) {
      await page.mouse.wheel(0, (Math.floor(n++ / 25) % 2 ? -1 : 1) * 60);
      await sleep(16);
      const t = Date.now();
      if (t - lastPoll >= 500) {
        lastPoll = t;
        frames = (await page.evaluate(() => window.factlens.state())).frames - f0;
        if ((t - t0 >= SCROLL_MIN_MS && frames >= 256) || t - t0 >= SCROLL_MAX_MS) break;
      }
    }
    const elapsed = Date.now() - t0;
    const iv = await page.evaluate(() => window.__rafStop());
    const s2 = await page.evaluate(() => window.factlens.state());
    return { cpu: s2.frame_ms, frames: s2.frames - f0, elapsed, wheels: n, iv, article: longest.id };
  } finally {
    await ctx.close();
  }
}

// Clear-only baseline: a WebGL2 canvas the size of the app's, cleared each rAF for BASELINE_MS.
async function clearOnly(browser, url, dpr) {
  const ctx = await newContext(browser, { deviceScaleFactor: dpr });
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await page.evaluate(() => window.ready);
    const r = await page.evaluate(() => devicePixelRatio);
    if (r !== dpr) throw new Error(`asked for device ratio ${dpr}, the clear-only page has ${r}`);
    await sleep(BASELINE_MS);
    return await page.evaluate(() => window.stop());
  } finally {
    await ctx.close();
  }
}

// ---- Facts explorer at a million rows (issue #6) ------------------------------------------------
const FACTS = process.env.BENCH_FACTS !== '0';
const FACTS_N = Number(process.env.BENCH_FACTS_N || 1_000_000);
const FACTS_RUNS = 5;
const CONVERT_TARGET_MS = 50;   // issue #7: converting a million facts when the toggle changes
const ECB_LOAD_TARGET_MS = 100; // issue #7: loading the ECB file
const FACTS_PART_CHARS = 64 << 20;   // one page.evaluate argument; a single ~350 MB one closes the page
const FACT_BYTES_TARGET = 200;       // state().facts.memory_bytes per fact
const FACT_SORT_TARGET_MS = 150;
const FACT_QUERY_TARGET_MS = 50;     // a filter, a free-text query, a facet recount
const FACTS_SCROLL_MIN_MS = 3000;    // input for at least this long, and until the 256-frame ring holds
const FACTS_SCROLL_MAX_MS = 45000;   // only input frames (this VM: ~150 ms per wheel event, ~2.5 frames)
// Issue #6's figures for a million facts (published / measured there, not re-measured here).
const FACTS_REFERENCE = [
  ['full sort by value', '1,520 / 2,588 / 1,929 ms'],
  ['filter kind = percent', '41 / 506 / 26 ms'],
  ['text contains "firms"', '466 / 1,230 / 87 ms'],
  ['three facet counts', '147 / 4,525 / 93 ms'],
  ['memory after load', '387 MB / 1,774 MB / 225 MB'],
];
const num = (x) => Math.round(x).toLocaleString('en-US');
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const passFail = (ok) => (ok ? 'pass' : 'FAIL');

// build/bench/facts-1m.jsonl (or facts-<N>.jsonl), generated when missing or older than its script.
function factsCorpus() {
  const file = path.join(ROOT, 'build', 'bench', FACTS_N === 1_000_000 ? 'facts-1m.jsonl' : `facts-${FACTS_N}.jsonl`);
  const gen = path.join(ROOT, 'scripts', 'make_facts_corpus.py');
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(gen).mtimeMs) {
    log(`generating ${path.relative(ROOT, file)} (${num(FACTS_N)} facts)`);
    execFileSync('python3', [gen, '--n', String(FACTS_N), '--out', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return file;
}

// Splits text at line ends into parts of at most maxChars (a line longer than that stays whole).
function splitLines(text, maxChars) {
  const parts = [];
  for (let i = 0; i < text.length;) {
    let j = Math.min(text.length, i + maxChars);
    if (j < text.length) {
      const nl = text.lastIndexOf('\n', j - 1);
      j = nl >= i ? nl + 1 : text.indexOf('\n', j) + 1 || text.length;
    }
    parts.push(text.slice(i, j));
    i = j;
  }
  return parts;
}

// One command, timed in the page; returns what the rows need (never the whole state).
const factsCommand = (page, cmd) => page.evaluate((c) => {
  const t = performance.now();
  const r = window.factlens.command(c);
  const wall = performance.now() - t;
  if (!r.ok) throw new Error(`${JSON.stringify(c).slice(0, 80)}: ${r.error}`);
  const f = r.state.facts;
  return { wall, sort: f.timings_ms.sort, query: f.timings_ms.query, visible: f.visible, qerr: f.query_error };
}, cmd);

// Real input over the facts table until FACTS_SCROLL_MIN_MS have passed and the app's 256-frame ring
// holds only frames drawn meanwhile; step() sends one event. Returns frame_ms and what moved.
async function factsInputFrames(page, step) {
  const idx0 = (await page.evaluate(() => window.factlens.state())).layout.fact_rows[0]?.index;
  const f0 = (await page.evaluate(() => window.factlens.state())).frames;
  const t0 = Date.now();
  let n = 0, frames = 0, lastPoll = t0;
  for (;;) {
    await step(n++);
    await sleep(16);
    const t = Date.now();
    if (t - lastPoll >= 500) {
      lastPoll = t;
      frames = (await page.evaluate(() => window.factlens.state())).frames - f0;
      if ((t - t0 >= FACTS_SCROLL_MIN_MS && frames >= 256) || t - t0 >= FACTS_SCROLL_MAX_MS) break;
    }
  }
  const elapsed = Date.now() - t0;
  const s = await page.evaluate(() => window.factlens.state());
  return { cpu: s.frame_ms, frames: s.frames - f0, elapsed, events: n, from: idx0, to: s.layout.fact_rows[0]?.index,
    selected: s.facts.selected };
}

// The FactLens side: hosted index.html at 1280x800, device ratio 1, in a browser of its own.
async function factsApp(server, text, name) {
  const browser = await launchBrowser();
  try {
    const ctx = await newContext(browser, { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    ctx.setDefaultTimeout(900_000);  // a million-row load on two slow cores
    const page = await ctx.newPage();
    await page.goto(server.url + 'index.html');
    const s0 = await waitReady(page.mainFrame());
    const r = { before: s0.facts.total };
    // The text reaches the page in parts (one page.evaluate each), joined there into one flat string:
    // what load_files then gets is what a dropped file's text() gives.
    const parts = splitLines(text, FACTS_PART_CHARS);
    let t = Date.now();
    await page.evaluate(() => { window.__flParts = []; });
    for (const p of parts) await page.evaluate((x) => { window.__flParts.push(x); }, p);
    r.joinMs = await page.evaluate(() => {
      const t1 = performance.now();
      window.__flText = window.__flParts.join('');
      window.__flParts = null;
      return performance.now() - t1;
    });
    r.parts = parts.length;
    r.transferMs = Date.now() - t;
    log(`facts: ${parts.length} parts passed to the page in ${r.transferMs} ms (join ${r.joinMs.toFixed(0)} ms); loading`);
    // Load and index: the wall time of one load_files call, in the page.
    const heap0 = await page.evaluate(() => Module.HEAPU8.length);
    Object.assign(r, await page.evaluate((nm) => {
      const t1 = performance.now();
      const res = window.factlens.command({ type: 'load_files', files: [{ name: nm, text: window.__flText }] });
      const ms = performance.now() - t1;
      const f = res.state.facts;
      return { loadMs: ms, ok: res.ok, error: res.error || null, loaded: res.loaded, total: f.total,
        memory: f.memory_bytes, heap: Module.HEAPU8.length };
    }, name));
    r.heap0 = heap0;
    if (!r.ok) throw new Error(`load_files failed: ${r.error}`);
    log(`facts: load_files ${r.loadMs.toFixed(0)} ms, total ${num(r.total)}, memory_bytes ${num(r.memory)}, wasm memory ${num(r.heap)}`);
    // Where load time goes, JS side: slicing the text into the 1M-char chunks web/api.js feeds and
    // encoding them to UTF-8 (TextEncoder.encodeInto into a scratch buffer outside the wasm heap).
    r.encodeMs = await page.evaluate(() => {
      const text = window.__flText, CH = 1 << 20, buf = new Uint8Array(3 * CH + 4), enc = new TextEncoder();
      const t1 = performance.now();
      for (let i = 0; i < text.length; i += CH) enc.encodeInto(text.slice(i, i + CH), buf);
      const ms = performance.now() - t1;
      window.__flText = null;
      return ms;
    });
    log(`facts: slice + encodeInto of the whole text ${r.encodeMs.toFixed(0)} ms`);

    await factsCommand(page, { type: 'set_view', view: 'facts' });
    await factsCommand(page, { type: 'set_query', query: '' });
    // Re-sort by value: desc then asc, FACTS_RUNS times.
    r.sort = { desc: [], asc: [] };
    for (let i = 0; i < FACTS_RUNS; i++) {
      for (const dir of ['desc', 'asc']) {
        const x = await factsCommand(page, { type: 'set_sort', sort: [{ column: 'value', dir }] });
        r.sort[dir].push(x);
      }
    }
    log(`facts: sort desc ${r.sort.desc.map((x) => x.sort.toFixed(0)).join(', ')}; asc ${r.sort.asc.map((x) => x.sort.toFixed(0)).join(', ')} ms`);
    // Queries, each alternating with an empty query so that every run recomputes.
    r.queries = {};
    for (const q of ['kind:percent', 'firms', '']) {
      r.queries[q] = [];
      for (let i = 0; i < FACTS_RUNS; i++) {
        r.queries[q].push(await factsCommand(page, { type: 'set_query', query: q }));
        await factsCommand(page, { type: 'set_query', query: q ? '' : 'kind:money' });
      }
      if (r.queries[q][0].qerr) throw new Error(`query "${q}": ${r.queries[q][0].qerr}`);
      log(`facts: query "${q}" ${r.queries[q].map((x) => x.query.toFixed(1)).join(', ')} ms (${num(r.queries[q][0].visible)} rows)`);
    }
    // Facet recount: two filters one after the other (timings_ms.query is filter + facets).
    r.facets = { 'unit:USD': [], '-hedge:none': [] };
    for (let i = 0; i < FACTS_RUNS; i++)
      for (const q of Object.keys(r.facets)) r.facets[q].push(await factsCommand(page, { type: 'set_query', query: q }));
    log(`facts: facets ${Object.entries(r.facets).map(([q, xs]) => `${q} ${xs.map((x) => x.query.toFixed(1)).join(', ')}`).join('; ')} ms`);

    // The currency toggle over every row: USD then EUR, FACTS_RUNS times (convert_ms is
    // convert_facts in wasm; the command's wall time adds the re-sort/filter and state()).
    r.convert = [];
    for (let i = 0; i < FACTS_RUNS; i++) {
      for (const cur of ['USD', 'EUR']) {
        r.convert.push(await page.evaluate((cur) => {
          const t = performance.now();
          const x = window.factlens.command({ type: 'set_currency', currency: cur });
          const wall = performance.now() - t;
          if (!x.ok) throw new Error(`set_currency ${cur}: ${x.error}`);
          return { wall, convert: x.state.currency.convert_ms, converted: x.state.currency.converted };
        }, cur));
      }
    }
    await factsCommand(page, { type: 'set_query', query: '' });
    log(`facts: convert ${r.convert.map((x) => x.convert.toFixed(1)).join(', ')} ms (${num(r.convert[0].converted)} money rows converted)`);
    // The ECB's historical file through load_rates (1.8 MB, 6,603 days x 41 currencies).
    const ecb = readFileSync(path.join(ROOT, 'tests', 'data', 'ecb', 'eurofxref-hist.csv'), 'utf8');
    r.ecb = [];
    for (let i = 0; i < FACTS_RUNS; i++) {
      r.ecb.push(await page.evaluate(({ text, i }) => {
        const t = performance.now();
        const x = window.factlens.command({ type: 'load_rates', name: `eurofxref-hist-${i}.csv`, text }, { state: false });
        const wall = performance.now() - t;
        if (!x.ok) throw new Error(`load_rates: ${x.error}`);
        // The Rates view's pair checks are made when first read (here by state()), not by the load.
        const t2 = performance.now();
        const st = window.factlens.state();
        return { wall, parse: x.parse_ms, rates: x.rates, checks: performance.now() - t2, pairs: st.rates.count };
      }, { text: ecb, i }));
    }
    log(`facts: ECB load ${r.ecb.map((x) => x.wall.toFixed(1)).join(', ')} ms wall (parse ${r.ecb.map((x) => x.parse.toFixed(1)).join(', ')} ms; then state() ${r.ecb.map((x) => x.checks.toFixed(1)).join(', ')} ms)`);
    await page.evaluate(() => window.factlens.command({ type: 'set_currency', currency: null }));

    // Frame CPU time: wheel over the table (all rows, by value desc), then PageDown after a click.
    await factsCommand(page, { type: 'set_query', query: '' });
    await factsCommand(page, { type: 'set_sort', sort: [{ column: 'value', dir: 'desc' }] });
    await sleep(500);
    const s1 = await page.evaluate(() => window.factlens.state());
    const rows = s1.layout.fact_rows;
    if (!rows.length) throw new Error('state().layout.fact_rows is empty in the Facts view');
    const box = await canvasBox(page.mainFrame());
    const c = rectCentre(box, rows[Math.min(3, rows.length - 1)]);
    await page.mouse.move(c.x, c.y);
    await sleep(300);
    r.wheel = await factsInputFrames(page, () => page.mouse.wheel(0, 120));
    log(`facts: wheel frame CPU median ${ms(r.wheel.cpu.median)}, p95 ${ms(r.wheel.cpu.p95)} (${r.wheel.frames} frames, rows ${r.wheel.from} -> ${r.wheel.to})`);
    const s2 = await page.evaluate(() => window.factlens.state());
    const row = s2.layout.fact_rows[Math.min(2, s2.layout.fact_rows.length - 1)];
    const rc = rectCentre(box, row);
    await page.mouse.click(rc.x, rc.y);
    await sleep(300);
    r.keys = await factsInputFrames(page, () => page.keyboard.press('PageDown'));
    log(`facts: PageDown frame CPU median ${ms(r.keys.cpu.median)}, p95 ${ms(r.keys.cpu.p95)} (${r.keys.frames} frames, selected ${r.keys.selected})`);
    return r;
  } finally {
    await browser.close();
  }
}

// The plain-JS-arrays baseline in this node process, on the same text: one object per line, then
// the issue's four operations over them.
function factsJs(text) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let t = performance.now();
  const rows = [];
  for (let i = 0; i < text.length;) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    if (j > i) rows.push(JSON.parse(text.slice(i, j)));
    i = j + 1;
  }
  const loadMs = performance.now() - t;
  gc();
  const heap = process.memoryUsage().heapUsed - heap0;
  const n = rows.length;
  const timeIt = (f) => { const t1 = performance.now(); const out = f(); return { ms: performance.now() - t1, out }; };
  const sortBy = (desc) => {
    const idx = Array.from({ length: n }, (_, i) => i);
    return timeIt(() => idx.sort((a, b) => {
      const va = rows[a].value, vb = rows[b].value;
      if (va === null) return vb === null ? 0 : 1;  // absent values last, as FactLens does
      if (vb === null) return -1;
      return desc ? vb - va : va - vb;
    }));
  };
  const r = { n, loadMs, heap, sort: [], percent: [], firms: [], facets: [] };
  for (let i = 0; i < FACTS_RUNS; i++) {
    r.sort.push(sortBy(true).ms, sortBy(false).ms);
    const p = timeIt(() => { const o = []; for (let k = 0; k < n; k++) if (rows[k].kind === 'percent') o.push(k); return o; });
    r.percent.push(p.ms); r.percentRows = p.out.length;
    const w = 'firms';
    const fm = timeIt(() => {
      const o = [];
      for (let k = 0; k < n; k++) {
        const x = rows[k];
        if (x.text.includes(w) || (x.subject !== null && x.subject.includes(w)) || (x.unit !== null && x.unit.includes(w))) o.push(k);
      }
      return o;
    });
    r.firms.push(fm.ms); r.firmsRows = fm.out.length;
    const fc = timeIt(() => {
      const kind = new Map(), unit = new Map(), outlet = new Map();
      for (let k = 0; k < n; k++) {
        const x = rows[k];
        kind.set(x.kind, (kind.get(x.kind) || 0) + 1);
        unit.set(x.unit, (unit.get(x.unit) || 0) + 1);
        outlet.set(x.outlet, (outlet.get(x.outlet) || 0) + 1);
      }
      return [kind, unit, outlet];
    });
    r.facets.push(fc.ms);
  }
  log(`facts, plain JS: parse ${loadMs.toFixed(0)} ms, heap +${mb(heap)}, sort ${median(r.sort).toFixed(0)} ms, ` +
    `percent ${median(r.percent).toFixed(1)} ms, firms ${median(r.firms).toFixed(1)} ms, facets ${median(r.facets).toFixed(1)} ms`);
  return r;
}

// The table rows for both; an error becomes one FAIL row.
async function factsRows(server) {
  if (!FACTS) return [];
  let file, text;
  try {
    file = factsCorpus();
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [['facts explorer (issue #6)', `error: no corpus (${e.message.split('\n')[0]})`, '', 'FAIL']];
  }
  const rel = path.relative(ROOT, file);
  const bytes = statSync(file).size;
  const rows = [];
  let app;
  try {
    app = await factsApp(server, text, path.basename(file));
  } catch (e) {
    rows.push(['facts explorer (issue #6), FactLens in Chromium', `error: ${e.message.split('\n')[0].slice(0, 300)}`, '', 'FAIL']);
  }
  let js;
  try {
    js = factsJs(text);
  } catch (e) {
    rows.push(['facts explorer (issue #6), plain JS arrays in node', `error: ${e.message.split('\n')[0].slice(0, 300)}`, '', 'FAIL']);
  }
  text = null;
  const N = js ? js.n : app ? app.total - app.before : FACTS_N;
  const ratio = (jsMs, appMs) => (js && app ? ` (plain JS arrays, same run: ${jsMs >= 1000 ? `${num(jsMs)} ms` : ms(jsMs)}; JS / FactLens = ${(jsMs / appMs).toFixed(2)})` : '');
  if (app) {
    const n = app.total;
    const medOf = (xs, k) => median(xs.map((x) => x[k]));
    rows.push([`facts: corpus ${rel} (${num(N)} facts, ${mb(bytes)}; into the page as ${app.parts} page.evaluate parts of ≤ ${FACTS_PART_CHARS >> 20} Mi chars ` +
      `joined there into one string, ${(app.transferMs / 1000).toFixed(1)} s, not counted; then ONE load_files call; table total ${num(n)} incl. ${app.before} embedded)`,
      `${num(N)} facts`, '', '']);
    rows.push([`facts: load and index, wall time of the load_files call in the page (of it: slicing + UTF-8 encodeInto of the text alone ${num(app.encodeMs)} ms)`,
      `${(app.loadMs / 1000).toFixed(2)} s; ${num(N / (app.loadMs / 1000))} facts/s`, '', '']);
    rows.push(['facts: memory, state().facts.memory_bytes / total (columns + string pools)', `${(app.memory / n).toFixed(1)} B/fact (${mb(app.memory)})`,
      `≤ ${FACT_BYTES_TARGET} B/fact`, passFail(app.memory / n <= FACT_BYTES_TARGET)]);
    rows.push([`facts: memory, wasm Memory size / total (after load, so the load's peak: it never shrinks; ${mb(app.heap0)} before)`, `${(app.heap / n).toFixed(1)} B/fact (${mb(app.heap)})`, '', '']);
    const sd = medOf(app.sort.desc, 'sort'), sa = medOf(app.sort.asc, 'sort');
    rows.push([`facts: re-sort by value, timings_ms.sort in wasm (median of ${FACTS_RUNS}, desc / asc)`, `${ms(sd)} / ${ms(sa)}` + ratio(js && median(js.sort), Math.max(sd, sa)),
      `≤ ${FACT_SORT_TARGET_MS} ms`, passFail(Math.max(sd, sa) <= FACT_SORT_TARGET_MS)]);
    rows.push([`facts: re-sort by value, wall time of the set_sort command (sort + the filter and facets pass over all rows that follows it + state(); median of ${FACTS_RUNS}, desc / asc)`,
      `${ms(medOf(app.sort.desc, 'wall'))} / ${ms(medOf(app.sort.asc, 'wall'))}`, '', '']);
    const q = (label, key, jsKey) => {
      const xs = app.queries[key];
      const m = medOf(xs, 'query');
      rows.push([`facts: ${label}, timings_ms.query (filter + facets, median of ${FACTS_RUNS}, each after an empty query; ${num(xs[0].visible)} rows; command wall ${ms(medOf(xs, 'wall'))})`,
        ms(m) + (jsKey ? ratio(median(js ? js[jsKey] : [0]), m) : ''), `≤ ${FACT_QUERY_TARGET_MS} ms`, passFail(m <= FACT_QUERY_TARGET_MS)]);
    };
    q('field filter kind:percent', 'kind:percent', 'percent');
    q('free text "firms"', 'firms', 'firms');
    const fu = medOf(app.facets['unit:USD'], 'query'), fh = medOf(app.facets['-hedge:none'], 'query');
    rows.push([`facts: facet recount, timings_ms.query for unit:USD / -hedge:none, one after the other (filter + six facets, median of ${FACTS_RUNS}; ` +
      `${num(app.facets['unit:USD'][0].visible)} / ${num(app.facets['-hedge:none'][0].visible)} rows; command wall ${ms(medOf(app.facets['unit:USD'], 'wall'))} / ${ms(medOf(app.facets['-hedge:none'], 'wall'))})`,
      `${ms(fu)} / ${ms(fh)}` + ratio(js && median(js.facets), Math.max(fu, fh)), `≤ ${FACT_QUERY_TARGET_MS} ms`, passFail(Math.max(fu, fh) <= FACT_QUERY_TARGET_MS)]);
    const cv = medOf(app.convert, 'convert');
    rows.push([`currency: convert every money row when the toggle changes (USD, then EUR), convert_ms in wasm (median of ${app.convert.length}; ` +
      `${num(app.convert[0].converted)} money rows converted; set_currency wall with re-sort, filter and state() ${ms(medOf(app.convert, 'wall'))})`,
      ms(cv), `≤ ${CONVERT_TARGET_MS} ms`, passFail(cv <= CONVERT_TARGET_MS)]);
    const ew = medOf(app.ecb, 'wall');
    rows.push([`currency: load the ECB's eurofxref-hist.csv (1.8 MB, ${num(app.ecb[0].rates)} rates) through load_rates, wall time of the command in the page ` +
      `(median of ${app.ecb.length}; of it the CSV parse in wasm ${ms(medOf(app.ecb, 'parse'))}, the rest the text streamed into the heap and the table ` +
      `re-converted; the Rates view's ${num(app.ecb[0].pairs)} pair checks are made when first read: the state() after it ${ms(medOf(app.ecb, 'checks'))})`,
      ms(ew), `≤ ${ECB_LOAD_TARGET_MS} ms`, passFail(ew <= ECB_LOAD_TARGET_MS)]);
    const eq = app.queries[''];
    rows.push([`facts: empty query, every row passes (walk + six facets over ${num(eq[0].visible)} rows, median of ${FACTS_RUNS}; command wall ${ms(medOf(eq, 'wall'))})`,
      ms(medOf(eq, 'query')), '', '']);
    for (const [label, x] of [['mouse wheel over the table', app.wheel], ['PageDown after clicking a row', app.keys]]) {
      const all = x.frames >= x.cpu.count;
      const moved = label.startsWith('mouse') ? `first row ${num(x.from)} -> ${num(x.to)}` : `selected row ${num(x.selected)}`;
      rows.push([`facts: frame CPU time, ${label}, device ratio 1 (median / p95 of the last ${x.cpu.count} frames` +
        `${all ? '' : `, only ${x.frames} of them during input`}; ${(x.elapsed / 1000).toFixed(1)} s, ${x.events} events, ${moved})`,
        `${ms(x.cpu.median)} / ${ms(x.cpu.p95)}`, `≤ ${FRAME_CPU_TARGET_MS} ms median`, passFail(x.cpu.median <= FRAME_CPU_TARGET_MS)]);
    }
  }
  if (js) {
    rows.push([`facts: plain JS arrays in node ${process.version}, same run and file: JSON.parse per line into ${num(js.n)} objects`,
      `${(js.loadMs / 1000).toFixed(2)} s; ${num(js.n / (js.loadMs / 1000))} facts/s; heap +${mb(js.heap)} (${(js.heap / js.n).toFixed(0)} B/fact)`, '', '']);
    rows.push([`facts: plain JS arrays (same run): full sort by value (Array.prototype.sort on an index array) / filter kind = percent / ` +
      `"firms" in text, subject or unit (case-sensitive includes) / three facet counts (kind, unit, outlet), medians of ${FACTS_RUNS}`,
      `${num(median(js.sort))} ms / ${ms(median(js.percent))} / ${ms(median(js.firms))} / ${ms(median(js.facets))}` +
      ` (${num(js.percentRows)} / ${num(js.firmsRows)} rows)`, '', '']);
  }
  for (const [op, v] of FACTS_REFERENCE)
    rows.push([`facts: reference (issue #6, not re-measured): ${op}, DuckDB-Wasm 1.4.3 / Perspective 3.8 / plain JS arrays`, v, '', '']);
  return rows;
}

// Issue #8: the word diff of two ~1 MB texts in wasm (tests/bench/diff_bench.mjs), beside jsdiff's
// diffWords, diff-match-patch (Diff_Timeout 0) and git's --word-diff on the same pair; and
// `factlens compare` on the seeds and on 1,000 generated articles (seed texts with their figures
// varied). BENCH_DIFF=0 / BENCH_COMPARE=0 skip them.
const DIFF_TARGET_MS = 200;
async function diffRows() {
  if (process.env.BENCH_DIFF === '0') return [];
  try {
    const { run } = await import('./diff_bench.mjs');
    const r = await run({ argv: [] });
    const m = r.median_ms;
    const v = (x) => (typeof x === 'number' ? ms(x) : String(x));
    const pair = `${mb(r.pair.bytes_a)} vs ${mb(r.pair.bytes_b)}, ${r.pair.generator}`;
    const wasm = m.factlens_wasm;
    const rows = [[`diff: FactLens diff_words in wasm under node, two texts of ${pair} (median of ${r.runs}; ` +
      `${r.factlens ? `exact ${r.factlens.exact}, level ${r.factlens.level}, ${r.factlens.moves ?? '?'} moves` : 'no result'})`,
      v(wasm), `≤ ${DIFF_TARGET_MS} ms, exact`, typeof wasm === 'number' ? passFail(wasm <= DIFF_TARGET_MS && r.factlens?.exact === true) : 'FAIL']];
    rows.push(['diff: FactLens natively, same pair', v(m.factlens_native), '', '']);
    for (const [label, key] of [["jsdiff diffWords (npm diff)", 'jsdiff_diffWords'], ['diff-match-patch, Diff_Timeout = 0', 'diff_match_patch'],
      ['git diff --no-index --word-diff', 'git_word_diff']]) {
      const x = m[key];
      rows.push([`diff: ${label}, same pair`, v(x) + (typeof x === 'number' && typeof wasm === 'number' ? ` (${(x / wasm).toFixed(1)}× FactLens wasm)` : ''), '', '']);
    }
    return rows;
  } catch (e) {
    return [['diff benchmark', `error: ${String(e.message).split('\n')[0].slice(0, 300)}`, '', 'FAIL']];
  }
}

function compareRows() {
  if (process.env.BENCH_COMPARE === '0') return [];
  const cli = path.join(ROOT, 'build', 'native', 'factlens');
  if (!existsSync(cli)) return [['compare: factlens compare', 'n/a — build first (build/native/factlens)', '', '']];
  const corpus = path.join(ROOT, 'assets', 'corpus');
  const seeds = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(corpus, f));
  // 1,000 articles: the seeds again and again, each copy's figures nudged (seeded), so that the
  // engine sees many sources of the same quantities with different values.
  const dir = path.join(ROOT, 'build', 'bench', 'compare-1000');
  if (!existsSync(path.join(dir, 'a0999.txt'))) {
    execFileSync('mkdir', ['-p', dir]);
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const texts = seeds.map((f) => readFileSync(f, 'utf8'));
    for (let i = 0; i < 1000; i++) {
      const t = texts[i % texts.length].replace(/\d+(\.\d+)?/g, (d) => (rnd() < 0.3 ? String(Math.max(1, Math.round(Number(d) * (0.8 + rnd() * 0.4) * 10) / 10)) : d));
      writeFileSync(path.join(dir, `a${String(i).padStart(4, '0')}.txt`), t);
    }
  }
  const many = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
  const time = (files, runs) => {
    const xs = [];
    let clusters = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      const out = execFileSync(cli, ['compare', '--format', 'json', ...files], { maxBuffer: 512 << 20 });
      xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      clusters = JSON.parse(out).clusters.length;
    }
    return { ms: median(xs), clusters };
  };
  try {
    const a = time(seeds, 7), b = time(many, 3);
    return [[`compare: factlens compare --format json on the 5 seed articles, whole process (median of 7; ${a.clusters} clusters)`, ms(a.ms), '', ''],
      [`compare: the same on 1,000 generated articles (${mb(many.reduce((n, f) => n + statSync(f).size, 0))}; median of 3; ${num(b.clusters)} clusters)`, ms(b.ms), '', '']];
  } catch (e) {
    return [['compare: factlens compare', `error: ${String(e.message).split('\n')[0].slice(0, 300)}`, '', 'FAIL']];
  }
}

// Baseline: an empty page that creates a WebGL2 context and clears it once, exposing the same
// first_frame_ms. It shows how much of the first-frame time is this browser's own floor. The
// context has the app's attributes (src/platform/main.cpp: no alpha, depth, stencil or MSAA): with
// the defaults (a depth buffer, antialias) creating it costs ~15 ms more here, which flattered the
// ratio.
const baselineDir = mkdtempSync(path.join(os.tmpdir(), 'factlens-bench-'));
const BASELINE_URL = pathToFileURL(path.join(baselineDir, 'baseline.html')).href;
writeFileSync(path.join(baselineDir, 'baseline.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<style>html,body{margin:0;height:100%}canvas{display:block;width:100%;height:100%}</style><canvas id="c"></canvas><script>
const c = document.getElementById('c'); c.width = innerWidth; c.height = innerHeight;
const gl = c.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false }); let t = 0;
const ready = new Promise((res) => { gl.clearColor(0.9, 0.9, 0.9, 1); gl.clear(gl.COLOR_BUFFER_BIT); t = performance.now(); res(); });
window.factlens = { ready, state: () => ({ first_frame_ms: t }) };
</script>`);
const CLEAR_URL = pathToFileURL(path.join(baselineDir, 'clear.html')).href;
writeFileSync(path.join(baselineDir, 'clear.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<style>html,body{margin:0;height:100%}canvas{display:block;width:100%;height:100%}</style><canvas id="c"></canvas><script>
const c = document.getElementById('c');
c.width = Math.round(innerWidth * devicePixelRatio); c.height = Math.round(innerHeight * devicePixelRatio);
const gl = c.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false });
const iv = [], cpu = []; let last, on = true;
const f = (t) => {
  const t0 = performance.now();
  gl.viewport(0, 0, c.width, c.height); gl.clearColor(0.9, 0.9, 0.9, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  cpu.push(performance.now() - t0);
  if (last !== undefined) iv.push(t - last);
  last = t;
  if (on) requestAnimationFrame(f);
};
window.ready = new Promise((res) => requestAnimationFrame((t) => { f(t); res(); }));
window.stop = () => { on = false; return { iv, cpu }; };
</script>`);

const server = await startServer();
const browser = await launchBrowser();
let out;
try {
  const sz = sizes();
  const hosted = server.url + 'index.html';
  // One warm-up load so that disk caches and Chromium's own start-up do not land in run 1.
  await firstFrame(browser, SINGLE_FILE_URL);
  const fileTimes = [], httpTimes = [], baseTimes = [];
  for (let i = 0; i < RUNS; i++) {
    baseTimes.push(await firstFrame(browser, BASELINE_URL));
    fileTimes.push(await firstFrame(browser, SINGLE_FILE_URL));
    httpTimes.push(await firstFrame(browser, hosted));
    log(`first frame run ${i + 1}/${RUNS}: file ${fileTimes.at(-1).toFixed(1)} ms, http ${httpTimes.at(-1).toFixed(1)} ms`);
  }
  const fps = [];
  for (let i = 0; i < IDLE_RUNS; i++) {
    fps.push(await idleFps(browser, SINGLE_FILE_URL));
    log(`idle run ${i + 1}/${IDLE_RUNS}: ${fps.at(-1).toFixed(2)} fps`);
  }
  const scroll = {};
  for (const dpr of [1, 2]) {
    const b = dpr === 1 ? browser : await launchBrowser([], dpr);
    try {
      const base = await clearOnly(b, CLEAR_URL, dpr);
      const app = await scrollFrames(b, dpr);
      scroll[dpr] = { base, app };
      log(`scroll, ratio ${dpr}: frame CPU median ${ms(app.cpu.median)}, p95 ${ms(app.cpu.p95)} (${app.frames} frames in ` +
        `${app.elapsed} ms, ${app.wheels} wheel events); rAF ${ms(median(app.iv))}; clear-only rAF ${ms(median(base.iv))}`);
    } finally {
      if (b !== browser) await b.close();
    }
  }

  const typing = await typingLatency(browser, server.url + 'index.html');
  const throughput = await commandThroughput(browser, server.url + 'index.html');
  log(`typing: ${typing.map((x) => x.frames).join(',')} frames; commands ${throughput.bare.toFixed(0)}/s bare, ${throughput.withState.toFixed(0)}/s with state`);
  const facts = await factsRows(server);
  const compare = compareRows();
  const diff = await diffRows();

  const rows = [['metric', 'value', 'target', 'result']];
  for (const { f, raw, gz } of sz) {
    const isSingle = f === 'factlens.html';
    rows.push([`size: ${f} (raw / gzip -9)`, `${kb(raw)} / ${kb(gz)}`,
      isSingle ? '≤ 1.0 MB (1,000,000 B) gzipped' : '', isSingle ? (gz <= GZ_TARGET ? 'pass' : 'FAIL') : '']);
  }
  if (!sz.some((r) => r.f === 'factlens.html')) rows.push(['size: factlens.html', 'missing', '≤ 1.0 MB (1,000,000 B) gzipped', 'FAIL']);
  const mf = median(fileTimes), mh = median(httpTimes);
  rows.push([`first frame, file:// factlens.html (median of ${RUNS}; min ${Math.min(...fileTimes).toFixed(0)}, max ${Math.max(...fileTimes).toFixed(0)})`,
    `${mf.toFixed(1)} ms`, `≤ ${FIRST_FRAME_TARGET_MS} ms`, mf <= FIRST_FRAME_TARGET_MS ? 'pass' : 'FAIL']);
  rows.push([`first frame, http index.html (median of ${RUNS}; min ${Math.min(...httpTimes).toFixed(0)}, max ${Math.max(...httpTimes).toFixed(0)})`,
    `${mh.toFixed(1)} ms`, '', '']);
  rows.push([`baseline: empty file:// page, one WebGL2 clear (median of ${RUNS})`, `${median(baseTimes).toFixed(1)} ms`, '', '']);
  const startRatio = mf / median(baseTimes);
  rows.push(['first frame file:// / empty-page baseline (issue #9)', `${startRatio.toFixed(2)}×`, '≤ 1.5×', startRatio <= 1.5 ? 'pass' : 'FAIL']);
  // Where the file:// start-up goes: the medians of each mark, and each as a multiple of the baseline
  // (the boot script's start and the compiled program are the browser's parsing and compiling of
  // the one 0.8 MB file, before any FactLens code runs).
  const fm = startMarks[SINGLE_FILE_URL] || [];
  if (fm.length) {
    const at = (k) => median(fm.map((m) => m[k]).filter((x) => x >= 0));
    const b = median(baseTimes);
    const part = (label, k) => `${label} ${at(k).toFixed(0)} ms (${(at(k) / b).toFixed(2)}×)`;
    rows.push([`start-up breakdown, file:// (medians of ${fm.length}; × the baseline)`,
      [part('boot script starts', 'boot'), part('wasm compiled', 'compiled'), part('main() starts', 'main'),
        part('first frame drawn', 'first-frame')].join(' → '), '', '']);
  }
  const tf = typing.map((x) => x.frames), tm = typing.map((x) => x.ms);
  rows.push([`typing latency into the filter: frames drawn from the key event to the frame that shows it (median / max of ${typing.length} keys; ms median)`,
    typing.length ? `${median(tf)} / ${Math.max(...tf)} frames; ${ms(median(tm))}` : 'no keys measured', '≤ 1 frame',
    typing.length && Math.max(...tf) <= 1 ? 'pass' : 'FAIL']);
  rows.push(['API commands per second, select_article with {state: false} (no frame between them; one state() at the end)',
    `${num(throughput.bare)}/s`, '≥ 1,000/s', throughput.bare >= 1000 ? 'pass' : 'FAIL']);
  rows.push(['API commands per second, select_article with the state in every reply (two frames drawn each)', `${num(throughput.withState)}/s`, '', '']);
  const mfps = median(fps);
  rows.push([`idle frame rate, file:// (3 s after 1 s idle, median of ${IDLE_RUNS})`, `${mfps.toFixed(2)} fps`, '0 fps',
    mfps === 0 ? 'pass' : 'FAIL']);
  for (const dpr of [1, 2]) {
    const { base, app } = scroll[dpr];
    const all = app.frames >= app.cpu.count;  // did the ring fill with scrolling frames only?
    const target = dpr === 2 ? `≤ ${FRAME_CPU_TARGET_MS} ms median` : '';
    rows.push([`frame CPU time while scrolling the reader, device ratio ${dpr} (median / p95 of the last ${app.cpu.count} frames` +
      `${all ? '' : `, only ${app.frames} of them while scrolling`}; ${(app.elapsed / 1000).toFixed(1)} s of wheel over "${app.article}")`,
      `${ms(app.cpu.median)} / ${ms(app.cpu.p95)}`, target, dpr === 2 ? (app.cpu.median <= FRAME_CPU_TARGET_MS ? 'pass' : 'FAIL') : '']);
    rows.push([`rAF frame interval meanwhile, device ratio ${dpr} (median / p95 of ${app.iv.length})`,
      `${ms(median(app.iv))} / ${ms(p95(app.iv))}`, '', '']);
    rows.push([`baseline: clear-only WebGL2 canvas, device ratio ${dpr}, same browser (rAF interval median / p95 of ${base.iv.length}; clear CPU median)`,
      `${ms(median(base.iv))} / ${ms(p95(base.iv))}; ${ms(median(base.cpu))}`, '', '']);
  }
  rows.push(...facts);
  rows.push(...compare);
  rows.push(...diff);
  rows.push(...extra.rows);
  out = rows.map((r, i) => `| ${r.join(' | ')} |` + (i === 0 ? '\n|' + ' --- |'.repeat(r.length) : '')).join('\n');
} finally {
  await browser.close();
  await server.stop();
  rmSync(baselineDir, { recursive: true, force: true });
}
console.log(out);
if (extra.notes.length) console.log(extra.notes.join('\n'));
