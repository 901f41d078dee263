// 3. Backing store = round(CSS size x devicePixelRatio) at ratio 1 and 2, and it follows a resize.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getState, launchBrowser, newContext, openApp, pollState, requireDist, startServer } from './helpers.mjs';

let server;
const browsers = new Map(); // one browser per device pixel ratio, launched on first use
before(async () => { requireDist(); server = await startServer(); });
after(async () => { for (const b of browsers.values()) await b.close(); await server?.stop(); });
async function browserFor(dpr) {
  if (!browsers.has(dpr)) browsers.set(dpr, await launchBrowser([], dpr));
  return browsers.get(dpr);
}

async function domCanvas(frame) {
  return frame.evaluate(() => {
    const c = document.getElementById('factlens-canvas');
    const r = c.getBoundingClientRect();
    return { css_width: r.width, css_height: r.height, width: c.width, height: c.height,
      inner: [window.innerWidth, window.innerHeight], dpr: window.devicePixelRatio };
  });
}

function checkBacking(s, dom, dpr, where) {
  assert.equal(s.devicePixelRatio, dpr, `${where}: state().devicePixelRatio`);
  assert.equal(s.canvas.width, Math.round(s.canvas.css_width * dpr), `${where}: width vs css_width*dpr ${JSON.stringify(s.canvas)}`);
  assert.equal(s.canvas.height, Math.round(s.canvas.css_height * dpr), `${where}: height vs css_height*dpr ${JSON.stringify(s.canvas)}`);
  assert.equal(dom.width, s.canvas.width, `${where}: <canvas>.width vs state ${JSON.stringify(dom)}`);
  assert.equal(dom.height, s.canvas.height, `${where}: <canvas>.height vs state`);
  assert.ok(Math.abs(dom.css_width - s.canvas.css_width) <= 1, `${where}: css width ${dom.css_width} vs state ${s.canvas.css_width}`);
  assert.ok(Math.abs(dom.css_height - s.canvas.css_height) <= 1, `${where}: css height ${dom.css_height} vs state ${s.canvas.css_height}`);
}

// The sandboxed iframe (an out-of-process frame) only at ratio 2, where coordinate mapping is hardest.
for (const dpr of [1, 2]) {
  for (const kind of dpr === 1 ? ['hosted', 'file'] : ['hosted', 'file', 'embed-sandboxed']) {
    test(`backing size = round(css x ${dpr}) and follows a resize (${kind})`, async () => {
      const ctx = await newContext(await browserFor(dpr), { deviceScaleFactor: dpr, viewport: { width: 1000, height: 700 } });
      try {
        const page = await ctx.newPage();
        const { frame } = await openApp(page, kind, server.url);
        let s = await getState(frame);
        let dom = await domCanvas(frame);
        checkBacking(s, dom, dpr, 'initial');
        if (kind !== 'embed-sandboxed') {
          assert.ok(Math.abs(s.canvas.css_width - 1000) <= 1 && Math.abs(s.canvas.css_height - 700) <= 1,
            `canvas should fill the 1000x700 page, is ${s.canvas.css_width}x${s.canvas.css_height}`);
        }
        const before = s.canvas;
        await page.setViewportSize({ width: 777, height: 555 });
        s = await pollState(frame, (st) => st.canvas.css_width !== before.css_width
          && st.canvas.width === Math.round(st.canvas.css_width * dpr), { timeout: 4000 });
        dom = await domCanvas(frame);
        assert.notEqual(s.canvas.css_width, before.css_width, 'canvas css width did not follow the resize');
        checkBacking(s, dom, dpr, 'after resize');
        if (kind !== 'embed-sandboxed') {
          assert.ok(Math.abs(s.canvas.css_width - 777) <= 1 && Math.abs(s.canvas.css_height - 555) <= 1,
            `after resize canvas should be 777x555, is ${s.canvas.css_width}x${s.canvas.css_height}`);
        }
      } finally {
        await ctx.close();
      }
    });
  }
}
