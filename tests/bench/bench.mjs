// FactLens benchmark: sizes, time to first frame, idle frame rate, frame CPU time while scrolling
// (device ratio 1 and 2, beside a clear-only WebGL2 page measured in the same browser). Prints one
// markdown table to stdout (progress goes to stderr). Run through ./scripts/bench.sh.
// --extra-rows FILE: JSON {rows: [[metric, value, target, result], ...], notes: [line, ...]} written
// by extract_bench.mjs; its rows are appended to this table and its notes printed below it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, SINGLE_FILE_URL, canvasBox, launchBrowser, newContext, rectCentre, sleep, startServer, waitReady } from '../e2e/helpers.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const IDLE_RUNS = Number(process.env.BENCH_IDLE_RUNS || 5);
const GZ_TARGET = 1_000_000; // bytes (1.0 MB)
const FIRST_FRAME_TARGET_MS = 300;
const FRAME_CPU_TARGET_MS = 4;   // median frame CPU time while scrolling, at device ratio 2
const SCROLL_MIN_MS = 2000;      // scroll at least this long...
const SCROLL_MAX_MS = 15000;     // ...and until the app's 256-frame ring holds only scrolling frames
const BASELINE_MS = 2000;        // the clear-only page runs this long

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)];
const ms = (x) => `${x.toFixed(2)} ms`;
const kb = (n) => `${n.toLocaleString('en-US')} B`;
const log = (...a) => console.error('[bench]', ...a);

// Rows and notes from another benchmark (see the header); a missing or broken file becomes one row.
function extraRows() {
  const i = process.argv.indexOf('--extra-rows');
  if (i === -1) return { rows: [], notes: [] };
  try {
    const j = JSON.parse(readFileSync(process.argv[i + 1], 'utf8'));
    return { rows: j.rows || [], notes: j.notes || [] };
  } catch (e) {
    return { rows: [['extraction benchmark', `error: no rows (${e.code || e.message}); see its output above`, '', 'FAIL']], notes: [] };
  }
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

// One fresh context (empty cache) per run; returns first_frame_ms.
async function firstFrame(browser, url) {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    const s = await waitReady(page.mainFrame());
    if (!(s.first_frame_ms > 0)) throw new Error(`bad first_frame_ms ${s.first_frame_ms}`);
    return s.first_frame_ms;
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

// Baseline: an empty page that creates a WebGL2 context and clears it once, exposing the same
// first_frame_ms. It shows how much of the first-frame time is this browser's own floor.
const baselineDir = mkdtempSync(path.join(os.tmpdir(), 'factlens-bench-'));
const BASELINE_URL = pathToFileURL(path.join(baselineDir, 'baseline.html')).href;
writeFileSync(path.join(baselineDir, 'baseline.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<style>html,body{margin:0;height:100%}canvas{display:block;width:100%;height:100%}</style><canvas id="c"></canvas><script>
const c = document.getElementById('c'); c.width = innerWidth; c.height = innerHeight;
const gl = c.getContext('webgl2'); let t = 0;
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
  rows.push(...extra.rows);
  out = rows.map((r, i) => `| ${r.join(' | ')} |` + (i === 0 ? '\n|' + ' --- |'.repeat(r.length) : '')).join('\n');
} finally {
  await browser.close();
  await server.stop();
  rmSync(baselineDir, { recursive: true, force: true });
}
console.log(out);
if (extra.notes.length) console.log(extra.notes.join('\n'));
