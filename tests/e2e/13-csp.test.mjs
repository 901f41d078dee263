// 13. Content-Security-Policy: both builds run under the policies of docs/embedding.md with no
// violation; index.html from file:// says at once to open factlens.html; a start that cannot work
// (factlens.wasm missing, WebAssembly forbidden by the policy, factlens.js missing) says why.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DIST, ROOT, SINGLE_FILE_URL, command, decodePng, embedFrame, launchBrowser, newContext, pngStats, requireDist, waitReady,
} from './helpers.mjs';

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const NO_WASM_EVAL = "default-src 'self'; script-src 'self'; style-src 'self'";
const SHOTS = path.join(os.tmpdir(), 'factlens-e2e');

let browser;
const servers = [];
const tmpDirs = [];
before(async () => { requireDist(); browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  for (const s of servers) await s.stop();
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** scripts/serve.py on `dir` with `--csp csp --log-requests`; requests() lists the paths it was asked for. */
async function serve(dir, csp) {
  const port = await freePort();
  const child = spawn('python3', [path.join(ROOT, 'scripts', 'serve.py'), '--port', String(port), '--dir', dir,
    '--csp', csp, '--log-requests'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = `http://127.0.0.1:${port}/`;
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start:\n${out}`)), 10_000);
    const poll = setInterval(() => {
      if (out.includes(`serving ${url}`)) { clearTimeout(timer); clearInterval(poll); resolve(); }
    }, 20);
    child.on('exit', (code) => { clearTimeout(timer); clearInterval(poll); reject(new Error(`serve.py exited (${code}):\n${out}`)); });
  });
  const s = {
    url,
    requests: () => [...out.matchAll(/^REQUEST GET (\S+) (\d+)/gm)].map((m) => `${m[1]} ${m[2]}`),
    clear: () => { out = ''; },
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => { clearTimeout(t); resolve(); });
      child.kill('SIGTERM');
    }),
  };
  servers.push(s);
  return s;
}

/** A copy of dist/ without the named files. */
function distWithout(...missing) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'factlens-dist-'));
  tmpDirs.push(dir);
  for (const f of ['index.html', 'factlens.js', 'factlens.wasm', 'factlens.html']) {
    if (!missing.includes(f)) copyFileSync(path.join(DIST, f), path.join(dir, f));
  }
  return dir;
}

/** A context that records every securitypolicyviolation (in every frame) and CSP console message. */
async function cspContext() {
  const ctx = await newContext(browser);
  await ctx.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} (${e.disposition})`);
    }, true);
  });
  const consoleCsp = [];
  ctx.on('console', (m) => { if (/Content.Security.Policy|violates/i.test(m.text())) consoleCsp.push(m.text().slice(0, 300)); });
  return { ctx, consoleCsp };
}

async function assertNoViolations(frame, consoleCsp) {
  const v = await frame.evaluate(() => window.__violations);
  assert.deepEqual(v, [], 'securitypolicyviolation events');
  assert.deepEqual(consoleCsp, [], 'CSP messages on the console');
}

/** Waits for #factlens-error; returns its text. */
async function errorText(page, timeout = 10_000) {
  await page.waitForSelector('#factlens-error', { state: 'visible', timeout });
  return (await page.textContent('#factlens-error')).trim();
}

async function shot(page, name) {
  const file = path.join(SHOTS, `13-csp-${name}.png`);
  const png = await page.screenshot({ path: file });
  const s = pngStats(decodePng(png));
  assert.ok(s.distinct >= 2 && s.dominantShare < 0.995, `page looks blank: ${JSON.stringify(s)}`);
  return file;
}

test('index.html under the strict CSP header: starts, answers state() and a command, no violation', async (t) => {
  const server = await serve(DIST, 'strict');
  const { ctx, consoleCsp } = await cspContext();
  try {
    const page = await ctx.newPage();
    const response = await page.goto(server.url + 'index.html');
    assert.equal(response.headers()['content-security-policy'], STRICT, 'serve.py sent the strict policy');
    const html = await response.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|data:/i, 'index.html has inline script, style or a data: URL');
    const s = await waitReady(page.mainFrame());
    assert.equal(s.articles.length, 5);
    const r = await command(page.mainFrame(), { type: 'select_article', index: 2 });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.state.selection.article, 2);
    // The page is styled (CSSOM): the canvas fills the viewport; the "could not start" hint is hidden.
    const layout = await page.evaluate(() => ({
      canvas: document.getElementById('factlens-canvas').getBoundingClientRect().width,
      hint: document.getElementById('factlens-hint').offsetParent !== null,
      loading: getComputedStyle(document.getElementById('factlens-loading')).display,
    }));
    assert.deepEqual(layout, { canvas: 1000, hint: false, loading: 'none' });
    await page.mouse.move(300, 300);
    await page.waitForTimeout(300);
    await assertNoViolations(page.mainFrame(), consoleCsp);
    // The app's own requests; /favicon.ico is the browser's (index.html declares no icon).
    const reqs = server.requests().filter((r) => !r.startsWith('/favicon.ico '));
    assert.deepEqual(reqs.sort(), ['/factlens.js 200', '/factlens.wasm 200', '/index.html 200']);
    t.diagnostic(`server saw: ${server.requests().join(', ')}`);
  } finally {
    await ctx.close();
  }
});

test("factlens.html carries its hash-based policy; served with it as a header it starts with no violation", async () => {
  const html = readFileSync(path.join(DIST, 'factlens.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'factlens.html has a <meta http-equiv="Content-Security-Policy">');
  const policy = meta[1];
  // The documented shape, and the hash is that of the one inline (executed) script.
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/type="application\/octet-stream"/.test(m[1]));
  assert.equal(scripts.length, 1, 'one executed inline script');
  const hash = createHash('sha256').update(scripts[0][2], 'utf8').digest('base64');
  assert.equal(policy, `default-src 'none'; script-src 'sha256-${hash}' 'wasm-unsafe-eval'; img-src data:; base-uri 'none'; form-action 'none'`);
  assert.doesNotMatch(html, /<style|\sstyle=/i, 'factlens.html has inline style');

  const server = await serve(DIST, 'strict');
  const { ctx, consoleCsp } = await cspContext();
  try {
    const page = await ctx.newPage();
    const response = await page.goto(server.url + 'factlens.html');
    assert.equal(response.headers()['content-security-policy'], policy, 'serve.py sent the file\'s own policy');
    const s = await waitReady(page.mainFrame());
    assert.equal(s.articles.length, 5);
    const r = await command(page.mainFrame(), { type: 'set_view', view: 'facts' });
    assert.equal(r.ok, true, JSON.stringify(r));
    await page.mouse.move(300, 300);
    await page.waitForTimeout(300);
    await assertNoViolations(page.mainFrame(), consoleCsp);
    assert.deepEqual(server.requests(), ['/factlens.html 200'], 'factlens.html requests nothing (not even a favicon)');
  } finally {
    await ctx.close();
  }
});

test('factlens.html from file:// and in the sandboxed iframe (its <meta> policy applies): no violation', async () => {
  const { ctx, consoleCsp } = await cspContext();
  try {
    const page = await ctx.newPage();
    await page.goto(SINGLE_FILE_URL);
    const s = await waitReady(page.mainFrame());
    assert.equal(s.articles.length, 5);
    await assertNoViolations(page.mainFrame(), consoleCsp);

    const server = await serve(DIST, 'strict');
    const embed = await ctx.newPage();
    await embed.goto(server.url + 'embed.html');
    const frame = await embedFrame(embed, 'fl-sandboxed');
    const st = await waitReady(frame);
    assert.equal(st.articles.length, 5);
    const hosted = await embedFrame(embed, 'fl-frame');
    await waitReady(hosted);
    assert.deepEqual(await frame.evaluate(() => window.__violations), [], 'violations in the sandboxed frame');
    assert.deepEqual(await hosted.evaluate(() => window.__violations), [], 'violations in the hosted frame');
    assert.deepEqual(consoleCsp, [], 'CSP messages on the console');
  } finally {
    await ctx.close();
  }
});

test('index.html from file:// says to open factlens.html within 2 s', async (t) => {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(pathToFileURL(path.join(DIST, 'index.html')).href);
    const text = await errorText(page, 2000);
    const ms = Date.now() - t0;
    t.diagnostic(`shown after ${ms} ms: ${JSON.stringify(text)}`);
    assert.ok(ms < 2000, `took ${ms} ms`);
    assert.match(text, /factlens\.html/);
    assert.match(text, /web server/i);
    assert.equal(await page.getAttribute('#factlens-error', 'data-kind'), 'file');
    t.diagnostic(`screenshot: ${await shot(page, 'file-index')}`);
  } finally {
    await ctx.close();
  }
});

test('factlens.wasm missing: the error box says so and what to do', async (t) => {
  const server = await serve(distWithout('factlens.wasm'), 'strict');
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'index.html');
    const text = await errorText(page);
    t.diagnostic(`error text: ${JSON.stringify(text)}`);
    assert.match(text, /could not start/i);
    assert.match(text, /factlens\.wasm is missing/);
    assert.match(text, /404/);
    assert.match(text, /What to do: /);
    assert.equal(await page.isVisible('#factlens-loading'), false, 'the loading message is gone');
    t.diagnostic(`screenshot: ${await shot(page, 'no-wasm')}`);
  } finally {
    await ctx.close();
  }
});

test("a policy without 'wasm-unsafe-eval': the error box names the Content-Security-Policy and the fix", async (t) => {
  const server = await serve(DIST, NO_WASM_EVAL);
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'index.html');
    const text = await errorText(page);
    t.diagnostic(`error text: ${JSON.stringify(text)}`);
    assert.match(text, /Content-Security-Policy blocked FactLens from compiling its WebAssembly program/);
    assert.match(text, /script-src 'self'/);
    assert.match(text, /add 'wasm-unsafe-eval' to script-src/);
    assert.equal(await page.getAttribute('#factlens-error', 'data-kind'), 'csp');
    t.diagnostic(`screenshot: ${await shot(page, 'csp')}`);
  } finally {
    await ctx.close();
  }
});

test('factlens.js missing: the page itself says it could not start', async () => {
  const server = await serve(distWithout('factlens.js'), 'strict');
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'index.html');
    await page.waitForTimeout(300);
    assert.equal(await page.isVisible('#factlens-hint'), true, 'the static hint shows without any script');
    assert.match(await page.textContent('#factlens-hint'), /could not start.*factlens\.js/s);
    assert.equal(await page.isVisible('#factlens-input'), false, 'no stray textarea');
  } finally {
    await ctx.close();
  }
});
