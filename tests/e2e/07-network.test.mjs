// 7. Network: the single file loads with no request at all; the hosted site fetches exactly its 3 files.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SINGLE_FILE_URL, launchBrowser, newContext, openApp, requireDist, sleep, startServer } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

function record(ctx) {
  const reqs = [];
  ctx.on('request', (r) => reqs.push({ url: r.url(), nav: r.isNavigationRequest(), type: r.resourceType() }));
  return reqs;
}
const short = (u) => (u.length > 100 ? u.slice(0, 100) + '…' : u);

test('factlens.html from file:// makes zero requests besides the document', async () => {
  const ctx = await newContext(browser);
  try {
    const reqs = record(ctx);
    const page = await ctx.newPage();
    await openApp(page, 'file');
    await page.mouse.move(300, 300);
    await sleep(700);
    const others = reqs.filter((r) => !(r.nav && r.url === SINGLE_FILE_URL));
    assert.deepEqual(others.map((r) => `${r.type} ${short(r.url)}`), [], 'requests other than the document');
  } finally {
    await ctx.close();
  }
});

test('index.html over http requests exactly index.html, factlens.js, factlens.wasm', async () => {
  const ctx = await newContext(browser);
  try {
    const reqs = record(ctx);
    const page = await ctx.newPage();
    await openApp(page, 'hosted', server.url);
    await page.mouse.move(300, 300);
    await sleep(700);
    const got = reqs.map((r) => short(r.url)).sort();
    assert.deepEqual(got, ['factlens.js', 'factlens.wasm', 'index.html'].map((f) => server.url + f));
  } finally {
    await ctx.close();
  }
});

test('embed.html requests only its own files', async () => {
  const ctx = await newContext(browser);
  try {
    const reqs = record(ctx);
    const page = await ctx.newPage();
    await openApp(page, 'embed-sandboxed', server.url);
    await sleep(700);
    const allowed = new Set(['embed.html', 'index.html', 'factlens.js', 'factlens.wasm', 'factlens.html'].map((f) => server.url + f));
    const bad = reqs.filter((r) => !allowed.has(r.url)).map((r) => `${r.type} ${short(r.url)}`);
    assert.deepEqual(bad, [], 'unexpected requests from embed.html');
    const counts = {};
    for (const r of reqs) counts[r.url.slice(server.url.length)] = (counts[r.url.slice(server.url.length)] || 0) + 1;
    assert.deepEqual(counts, { 'embed.html': 1, 'index.html': 1, 'factlens.js': 1, 'factlens.wasm': 1, 'factlens.html': 1 });
  } finally {
    await ctx.close();
  }
});
