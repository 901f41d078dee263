// 5. Copy/paste with real input: drag-select reader text, Ctrl+C, click the filter field, Ctrl+V.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canvasBox, command, getState, launchBrowser, newContext, openApp, pollState, requireDist, sleep, startServer } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

// Drags across the reader from (reader.x+20, reader.y+dy) 250 px to the right (layout.reader is the
// visible text area); tries a few rows in case the first one is a gap between
// paragraphs. Returns { state, dy }.
async function dragSelect(page, frame) {
  let s = await getState(frame);
  const rd = s.layout.reader;
  for (const dy of [20, 40, 70]) {
    const box = await canvasBox(frame);
    const x0 = box.x + rd.x + 20, y0 = box.y + rd.y + dy;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x0 + 25 * i, y0);
    await page.mouse.up();
    s = await pollState(frame, (st) => st.selection.selected_text.length > 0, { timeout: 1000 });
    if (s.selection.selected_text.length > 0) return { state: s, dy };
  }
  return { state: s, dy: null };
}

const KINDS = ['hosted', 'file', 'embed-sandboxed'];
KINDS.forEach((kind, n) => {
  test(`drag-select, Ctrl+C, click filter, Ctrl+V pastes the selection (${kind})`, async (t) => {
    const ctx = await newContext(browser);
    try {
      if (kind === 'hosted') {
        await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
      }
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      // A different article per output, so a stale clipboard from an earlier case cannot pass.
      const r = await command(frame, { type: 'select_article', index: n });
      assert.equal(r.ok, true, r.error);
      await sleep(100);

      const { state, dy } = await dragSelect(page, frame);
      let sel = state.selection.selected_text;
      t.diagnostic(`drag at reader+(20,${dy}) selected ${JSON.stringify(sel)}; focused=${state.focused}`);
      const dragProblem = sel.length > 0 ? null
        : `a 250 px drag across the reader selected nothing (focused=${state.focused}, selection=${JSON.stringify(state.selection)})`;
      if (dragProblem) {
        // Still exercise copy/paste, with a selection made through the API, so one run tells both.
        const r2 = await command(frame, { type: 'select_text', start: 0, end: 60 });
        sel = r2.ok ? r2.state.selection.selected_text : '';
        t.diagnostic(`${dragProblem}; testing Ctrl+C/Ctrl+V with select_text 0..60 = ${JSON.stringify(sel)}`);
        assert.ok(sel.length > 0, dragProblem);
      }

      await page.keyboard.press('Control+C');
      await sleep(150);

      if (kind === 'hosted') {
        const clip = await page.evaluate(() => Promise.race([
          navigator.clipboard.readText(),
          new Promise((_, rej) => setTimeout(() => rej(new Error('clipboard.readText timed out')), 3000)),
        ]));
        assert.equal(clip, sel, 'navigator.clipboard.readText() after Ctrl+C');
      }

      const box = await canvasBox(frame);
      const f = (await getState(frame)).layout.filter;
      await page.mouse.click(box.x + f.x + Math.min(20, f.w / 2), box.y + f.y + f.h / 2);
      let s2 = await pollState(frame, (st) => st.focused === 'filter', { timeout: 1500 });
      assert.equal(s2.focused, 'filter', 'clicking the filter field focuses it');
      await page.keyboard.press('Control+V');
      s2 = await pollState(frame, (st) => st.filter === sel, { timeout: 2000 });
      assert.equal(s2.filter, sel, 'filter after Ctrl+V should equal the copied selection');
      assert.equal(dragProblem, null, `copy/paste works, but ${dragProblem}`);
    } finally {
      await ctx.close();
    }
  });
});
