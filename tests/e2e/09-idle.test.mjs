// 9. The app stops rendering when idle, and wakes up on input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasBox, getState, launchBrowser, newContext, openApp, pollState, requireDist, sleep, startServer } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

for (const kind of ['hosted', 'file']) {
  test(`no frames while idle, frames on mouse move (${kind})`, async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      await sleep(1000);
      const f0 = (await getState(frame)).frames;
      await sleep(2000);
      const f1 = (await getState(frame)).frames;
      assert.equal(f1, f0, `rendered ${f1 - f0} frames in 2 s of idling`);

      const box = await canvasBox(frame);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
      await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3, { steps: 5 });
      const s = await pollState(frame, (st) => st.frames > f1, { timeout: 2000 });
      assert.ok(s.frames > f1, 'a mouse move over the canvas did not render a frame');
    } finally {
      await ctx.close();
    }
  });
}
