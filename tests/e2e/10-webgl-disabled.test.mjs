// 10. Without WebGL the app shows a readable error instead of a blank page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodePng, launchBrowser, newContext, pngStats, requireDist, SINGLE_FILE_URL, startServer } from './helpers.mjs';

let browser, server;
before(async () => {
  requireDist();
  server = await startServer();
  browser = await launchBrowser(['--disable-webgl', '--disable-3d-apis']);
});
after(async () => { await browser?.close(); await server?.stop(); });

for (const kind of ['hosted', 'file']) {
  test(`WebGL disabled shows #factlens-error (${kind})`, async (t) => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      await page.goto(kind === 'hosted' ? server.url + 'index.html' : SINGLE_FILE_URL);
      const hasGl = await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'));
      assert.equal(hasGl, false, 'the browser still offers WebGL2; the flags did not take');
      await page.waitForSelector('#factlens-error', { state: 'visible', timeout: 20_000 });
      const text = (await page.textContent('#factlens-error')).trim();
      t.diagnostic(`error text: ${JSON.stringify(text)}`);
      assert.match(text, /webgl/i);
      assert.ok(text.length >= 20, 'the message is a readable sentence');
      const box = await page.locator('#factlens-error').boundingBox();
      assert.ok(box && box.width > 50 && box.height > 10, `error box is tiny: ${JSON.stringify(box)}`);
      const s = pngStats(decodePng(await page.screenshot()));
      assert.ok(s.distinct >= 2 && s.dominantShare < 0.995, `page looks blank: ${JSON.stringify(s)}`);
    } finally {
      await ctx.close();
    }
  });
}
