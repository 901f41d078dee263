// 6. Non-ASCII text input into the filter field, via key events and via insertText (IME-like).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasBox, command, getState, launchBrowser, newContext, openApp, pollState, rectCentre, requireDist, startServer } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const TEXT = 'é@¥元’';

async function clickFilter(page, frame) {
  const box = await canvasBox(frame);
  const f = (await getState(frame)).layout.filter;
  await page.mouse.click(box.x + f.x + Math.min(20, f.w / 2), box.y + f.y + f.h / 2);
  const s = await pollState(frame, (st) => st.focused === 'filter', { timeout: 1500 });
  assert.equal(s.focused, 'filter', 'clicking the filter field focuses it');
}

for (const kind of ['hosted', 'file', 'embed-sandboxed']) {
  test(`typing ${TEXT} into the filter (${kind})`, async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      await clickFilter(page, frame);
      await page.keyboard.type(TEXT, { delay: 20 });
      let s = await pollState(frame, (st) => st.filter === TEXT);
      assert.equal(s.filter, TEXT, 'filter after keyboard.type');

      // Leave the field (click the reader), clear it, and come back for insertText.
      const box = await canvasBox(frame);
      const c = rectCentre(box, s.layout.reader);
      await page.mouse.click(c.x, c.y);
      await pollState(frame, (st) => st.focused !== 'filter', { timeout: 1500 });
      const r = await command(frame, { type: 'set_filter', text: '' });
      assert.equal(r.ok, true, r.error);
      s = await pollState(frame, (st) => st.filter === '');
      assert.equal(s.filter, '', 'set_filter "" while the field is inactive');

      await clickFilter(page, frame);
      await page.keyboard.insertText(TEXT);
      s = await pollState(frame, (st) => st.filter === TEXT);
      assert.equal(s.filter, TEXT, 'filter after keyboard.insertText');
    } finally {
      await ctx.close();
    }
  });
}
