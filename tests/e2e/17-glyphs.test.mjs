// Characters beyond the start-up glyph set: typed Greek/Cyrillic come from the embedded fonts, Thai
// and CJK from the browser's own fonts; none is drawn as an empty box (the "?" glyph ImGui falls back to).
import test from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newContext, startServer, waitReady, SINGLE_FILE_URL } from './helpers.mjs';

for (const kind of ['hosted', 'file']) {
  test(`glyphs on demand (${kind})`, async () => {
    const srv = kind === 'hosted' ? await startServer() : null;
    const browser = await launchBrowser();
    try {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      await page.goto(kind === 'hosted' ? srv.url + 'index.html' : SINGLE_FILE_URL);
      const s0 = await waitReady(page.mainFrame());
      assert.equal(s0.fonts.glyphs_fallback, 0, 'the corpus needs no browser glyphs');
      // Type into the filter: Greek, Cyrillic (embedded), Thai and Chinese (browser fonts).
      const f = s0.layout.filter;
      await page.mouse.click(f.x + f.w / 2, f.y + f.h / 2);
      const typed = 'Αθήνα Москва ภาษา 中文';
      await page.keyboard.insertText(typed);
      await page.waitForFunction((t) => window.factlens.state().filter === t, typed);
      const s1 = await page.evaluate(() => window.factlens.state());
      assert.ok(s1.fonts.glyphs_added >= 10, `Greek and Cyrillic from the embedded fonts: ${JSON.stringify(s1.fonts)}`);
      // ภ า ษ 中 文: five code points no embedded font has.
      assert.equal(s1.fonts.glyphs_fallback, 5, JSON.stringify(s1.fonts));
      // Typing them again adds nothing.
      await page.keyboard.insertText(' 中文');
      await page.waitForFunction(() => window.factlens.state().filter.endsWith(' 中文'));
      assert.equal((await page.evaluate(() => window.factlens.state())).fonts.glyphs_fallback, 5);
      await page.screenshot({ path: `/tmp/factlens-glyphs-${kind}.png` });
    } finally {
      await browser.close();
      if (srv) srv.stop();
    }
  });
}
