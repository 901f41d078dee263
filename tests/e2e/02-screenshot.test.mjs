// 2. The rendered canvas is not blank: a real screenshot has many distinct colours.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodePng, launchBrowser, newContext, openApp, pngStats, requireDist, sleep, startServer } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

for (const kind of ['hosted', 'file', 'embed-sandboxed']) {
  test(`canvas screenshot is not blank (${kind})`, async (t) => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      await frame.evaluate(() => window.factlens.command({ type: 'select_article', index: 0 }));
      await sleep(300);
      const png = decodePng(await frame.locator('#factlens-canvas').screenshot({ timeout: 10_000 }));
      const s = pngStats(png);
      t.diagnostic(`${png.width}x${png.height}: ${s.distinct} colours, dominant ${(s.dominantShare * 100).toFixed(1)}%`);
      assert.ok(png.width > 100 && png.height > 100, `screenshot ${png.width}x${png.height}`);
      assert.ok(s.distinct >= 32, `only ${s.distinct} distinct colours`);
      assert.ok(s.dominantShare < 0.97, `one colour covers ${(s.dominantShare * 100).toFixed(1)}% of the canvas`);
    } finally {
      await ctx.close();
    }
  });
}
