// 4. A real mouse click on an article row selects it, at device pixel ratio 1 and 2.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasBox, getState, launchBrowser, newContext, openApp, pollState, rectCentre, requireDist, startServer } from './helpers.mjs';

let server;
const browsers = new Map(); // one browser per device pixel ratio, launched on first use
before(async () => { requireDist(); server = await startServer(); });
after(async () => { for (const b of browsers.values()) await b.close(); await server?.stop(); });
async function browserFor(dpr) {
  if (!browsers.has(dpr)) browsers.set(dpr, await launchBrowser([], dpr));
  return browsers.get(dpr);
}

// The sandboxed iframe (an out-of-process frame) only at ratio 2, where coordinate mapping is hardest.
for (const dpr of [1, 2]) {
  for (const kind of dpr === 1 ? ['hosted', 'file'] : ['hosted', 'file', 'embed-sandboxed']) {
    test(`clicking article rows selects them at ratio ${dpr} (${kind})`, async () => {
      const ctx = await newContext(await browserFor(dpr), { deviceScaleFactor: dpr });
      try {
        const page = await ctx.newPage();
        const { frame } = await openApp(page, kind, server.url);
        for (const k of [3, 1, 4]) {
          const s = await getState(frame);
          const row = s.layout.list_rows[k];
          assert.ok(row, `no layout.list_rows[${k}]`);
          const box = await canvasBox(frame);
          const p = rectCentre(box, row);
          assert.ok(p.y < box.y + box.height && p.x < box.x + box.width, `row ${k} is outside the canvas`);
          const vp = page.viewportSize();
          assert.ok(p.y >= 0 && p.y < vp.height, `row ${k} is outside the viewport (y ${p.y})`);
          await page.mouse.click(p.x, p.y);
          const after = await pollState(frame, (st) => st.selection.article === row.index);
          assert.equal(after.selection.article, row.index,
            `click at canvas (${(p.x - box.x).toFixed(0)},${(p.y - box.y).toFixed(0)}) on row ${k} selected ${after.selection.article}`);
          assert.equal(after.selection.article_id, s.articles[row.index].id);
        }
      } finally {
        await ctx.close();
      }
    });
  }
}
