// Shared helpers for the FactLens browser end-to-end tests (not a test file itself: node --test only
// picks up *.test.mjs). Uses playwright-core with the system Chromium; never downloads a browser.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const SINGLE_FILE_URL = pathToFileURL(path.join(DIST, 'factlens.html')).href;
export const CHROMIUM = process.env.FACTLENS_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

// Budget for one app instance to load and render its first frame (2 slow cores, software GL).
export const READY_TIMEOUT = 30_000;

/**
 * Launches the system Chromium. With dpr > 1 the browser also runs at that real device scale factor
 * (--force-device-scale-factor): Playwright's deviceScaleFactor emulation does not reach
 * out-of-process iframes, and Chromium isolates sandboxed iframes in their own process.
 */
export function launchBrowser(extraArgs = [], dpr = 1) {
  if (dpr !== 1) extraArgs = [...extraArgs, `--force-device-scale-factor=${dpr}`];
  return chromium.launch({
    executablePath: CHROMIUM, headless: true, timeout: 30_000, args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export async function newContext(browser, opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 }, ...opts });
  ctx.setDefaultTimeout(15_000);
  ctx.setDefaultNavigationTimeout(30_000);
  return ctx;
}

/** The five corpus article ids (file names without .txt), sorted. */
export function corpusIds() {
  for (const dir of [path.join(ROOT, 'assets', 'corpus'), path.join(ROOT, '..', 'shared', 'corpus')]) {
    if (!existsSync(dir)) continue;
    const ids = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
    if (ids.length) return ids;
  }
  throw new Error('no corpus files found in assets/corpus/');
}

export function requireDist() {
  for (const f of ['index.html', 'factlens.js', 'factlens.wasm', 'factlens.html', 'embed.html']) {
    if (!existsSync(path.join(DIST, f))) throw new Error(`dist/${f} is missing: run ./scripts/build.sh first`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** Starts scripts/serve.py on a free port; resolves to { url, port, stop }. */
export async function startServer(dir = DIST) {
  const port = await freePort();
  const child = spawn('python3', [path.join(ROOT, 'scripts', 'serve.py'), '--port', String(port), '--dir', dir], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = `http://127.0.0.1:${port}/`;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`serve.py did not start in 10 s:\n${out}`)); }, 10_000);
    const onData = (d) => {
      out += d;
      if (out.includes(`serving ${url}`)) { clearTimeout(timer); resolve(); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited (${code}):\n${out}`)); });
  });
  child.stdout.resume();
  child.stderr.resume();
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => { child.kill('SIGKILL'); }, 3000);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    child.kill('SIGTERM');
  });
  return { url, port, stop };
}

/**
 * Waits (bounded) until window.factlens exists in `frame` and its ready promise resolves; returns
 * state(). Fails early with the text of #factlens-error when the app shows one.
 */
export async function waitReady(frame, timeout = READY_TIMEOUT) {
  return frame.evaluate(async (ms) => {
    const t0 = performance.now();
    const errText = () => {
      const e = document.getElementById('factlens-error');
      return e && e.offsetParent !== null && e.textContent.trim() ? e.textContent.trim() : null;
    };
    while (!(window.factlens && window.factlens.ready)) {
      if (errText()) throw new Error(`app shows an error: ${errText()}`);
      if (performance.now() - t0 > ms) throw new Error('window.factlens never appeared');
      await new Promise((r) => setTimeout(r, 25));
    }
    let timer;
    const timeoutP = new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`factlens.ready not resolved after ${ms} ms; error box: ${errText()}`)),
        Math.max(1, ms - (performance.now() - t0)));
    });
    try { await Promise.race([window.factlens.ready, timeoutP]); } finally { clearTimeout(timer); }
    return window.factlens.state();
  }, timeout);
}

export const getState = (frame) => frame.evaluate(() => window.factlens.state());
export const command = (frame, cmd) => frame.evaluate((c) => window.factlens.command(c), cmd);

/** Bounded poll of state() in `frame` until pred(state) is true; returns the last state. */
export async function pollState(frame, pred, { timeout = 3000, interval = 50 } = {}) {
  const t0 = Date.now();
  let s;
  for (;;) {
    s = await getState(frame);
    if (pred(s)) return s;
    if (Date.now() - t0 > timeout) return s;
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The app's frame inside embed.html (iframe id 'fl-frame' or 'fl-sandboxed'). */
export async function embedFrame(page, iframeId) {
  const handle = await page.waitForSelector(`iframe#${iframeId}`, { state: 'attached', timeout: 15_000 });
  const t0 = Date.now();
  for (;;) {
    const f = await handle.contentFrame();
    if (f && f.url() !== 'about:blank' && f.url() !== '') return f;
    if (Date.now() - t0 > 15_000) throw new Error(`iframe#${iframeId} has no frame`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Opens one of the three outputs in `page` and returns { frame, canvasBox } where frame is the app's
 * frame (page.mainFrame() or an iframe's) and canvasBox the canvas' box in page CSS px.
 * kind: 'hosted' | 'file' | 'embed' | 'embed-sandboxed'.
 */
export async function openApp(page, kind, serverUrl) {
  let frame;
  if (kind === 'hosted') {
    await page.goto(serverUrl + 'index.html');
    frame = page.mainFrame();
  } else if (kind === 'file') {
    await page.goto(SINGLE_FILE_URL);
    frame = page.mainFrame();
  } else if (kind === 'embed' || kind === 'embed-sandboxed') {
    await page.goto(serverUrl + 'embed.html');
    const id = kind === 'embed' ? 'fl-frame' : 'fl-sandboxed';
    frame = await embedFrame(page, id);
    // Put the app's iframe at the top of the viewport, so that real mouse input can reach it.
    await page.evaluate((i) => document.getElementById(i).scrollIntoView({ block: 'start' }), id);
  } else {
    throw new Error(`unknown kind ${kind}`);
  }
  const state = await waitReady(frame);
  return { frame, state };
}

/** The app canvas' bounding box in the top page's CSS px (works inside iframes). */
export async function canvasBox(frame) {
  const el = await frame.waitForSelector('#factlens-canvas', { state: 'attached', timeout: 10_000 });
  const box = await el.boundingBox();
  if (!box) throw new Error('#factlens-canvas has no bounding box (not visible?)');
  return box;
}

/** Page coordinates of the centre of a layout rect {x,y,w,h} given relative to the canvas. */
export function rectCentre(box, r) {
  return { x: box.x + r.x + r.w / 2, y: box.y + r.y + r.h / 2 };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Decodes an 8-bit non-interlaced PNG (grey, RGB, RGBA, grey+alpha) to { width, height, channels, data }. */
export function decodePng(buf) {
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  if (!buf.subarray(0, 8).equals(sig)) throw new Error('not a PNG');
  let off = 8;
  let width = 0, height = 0, depth = 0, colorType = 0, interlace = 0;
  const idat = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const body = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4);
      depth = body[8]; colorType = body[9]; interlace = body[12];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (depth !== 8 || !channels || interlace) throw new Error(`unsupported PNG: depth ${depth} colour type ${colorType} interlace ${interlace}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const dst = data.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? data.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? dst[i - channels] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= channels ? prev[i - channels] : 0;
      let v;
      switch (filter) {
        case 0: v = 0; break;
        case 1: v = a; break;
        case 2: v = b; break;
        case 3: v = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; break;
        }
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      dst[i] = (src[i] + v) & 255;
    }
  }
  return { width, height, channels, data };
}

/** Colour statistics of a decoded PNG: distinct RGB colours and share of the most common one. */
export function pngStats(png) {
  const counts = new Map();
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const o = i * png.channels;
    const key = png.channels >= 3 ? (png.data[o] << 16) | (png.data[o + 1] << 8) | png.data[o + 2] : png.data[o];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let top = 0;
  for (const c of counts.values()) top = Math.max(top, c);
  return { distinct: counts.size, dominantShare: top / n, pixels: n };
}

// Posts `msg` from the top page to iframe#iframeId; resolves to the reply with the same id, or null.
export function ask(page, iframeId, msg, timeout = 10_000) {
  return page.evaluate(({ iframeId, msg, timeout }) => new Promise((resolve) => {
    const win = document.getElementById(iframeId).contentWindow;
    const onMsg = (e) => {
      if (e.source !== win || !e.data || e.data.ns !== 'factlens' || e.data.type === 'ready') return;
      if (JSON.stringify(e.data.id) !== JSON.stringify(msg.id)) return;
      window.removeEventListener('message', onMsg);
      clearTimeout(timer);
      resolve(e.data);
    };
    const timer = setTimeout(() => { window.removeEventListener('message', onMsg); resolve(null); }, timeout);
    window.addEventListener('message', onMsg);
    win.postMessage(msg, '*');
  }), { iframeId, msg, timeout });
}

/**
 * A client for one app instance: cmd(c) -> {ok, error, state, ...extra}, state(), exportText(format).
 * In 'embed-sandboxed' everything goes through postMessage from the top page; export_facts' text is
 * taken from the reply when it carries one, otherwise read in the frame (a protocol gap that the
 * 'postMessage replies carry...' subtest reports).
 */
export function makeClient(page, kind, frame, iframeId = 'fl-sandboxed') {
  if (kind !== 'embed-sandboxed') {
    return {
      cmd: (c) => command(frame, c),
      state: () => getState(frame),
      exportText: async (format) => {
        const r = await command(frame, { type: 'export_facts', format });
        assert.equal(r.ok, true, `export_facts ${format}: ${r.error}`);
        assert.equal(r.format, format);
        assert.equal(typeof r.text, 'string');
        return r.text;
      },
    };
  }
  let n = 0;
  const cmd = async (c) => {
    const id = `t${++n}`;
    const r = await ask(page, iframeId, { ns: 'factlens', id, type: 'command', command: c });
    assert.ok(r, `no postMessage reply to ${JSON.stringify(c).slice(0, 80)}`);
    return r.ok ? { ...r, state: r.result } : r;
  };
  return {
    cmd,
    state: async () => {
      const r = await ask(page, iframeId, { ns: 'factlens', id: `s${++n}`, type: 'state' });
      assert.ok(r && r.ok, `state via postMessage: ${r && r.error}`);
      return r.result;
    },
    exportText: async (format) => {
      const r = await cmd({ type: 'export_facts', format });
      assert.equal(r.ok, true, `export_facts ${format}: ${r.error}`);
      const text = typeof r.text === 'string' ? r.text : r.result && typeof r.result.text === 'string' ? r.result.text : null;
      if (text !== null) return text;
      const direct = await command(frame, { type: 'export_facts', format });
      assert.equal(direct.ok, true, direct.error);
      return direct.text;
    },
  };
}

