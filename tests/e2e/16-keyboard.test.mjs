// 16. Keyboard focus: Tab and Shift+Tab move between the app's main controls (view tabs, filter or
// query box, list or table, reader) and, past the last one (or the first), out of the app to the host
// page: never a keyboard trap (WCAG 2.1.2), in embed.html's two frames (hosted and sandboxed) and on
// the hosted page. Escape lets go of the keyboard, so the next Tab goes on to the host page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  canvasBox, command, embedFrame, getState, launchBrowser, newContext, openApp, pollState, requireDist, sleep, startServer, waitReady,
} from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const hostActive = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a ? (a.id || a.tagName.toLowerCase()) : null;
});
const frameActive = (frame) => frame.evaluate(() => (document.activeElement && document.activeElement.id) || null);
const focused = async (frame) => (await getState(frame)).focused;

/** Presses `key` until pred() holds (at most `max` times); returns how many presses it took, or -1. */
async function pressUntil(page, key, pred, max = 8) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    await sleep(120);
    if (await pred()) return i;
  }
  return -1;
}

test('embed.html: Tab walks into the first frame, through its controls, on to the second frame and the host page; Shift+Tab walks back; Escape lets go', async () => {
  const ctx = await newContext(browser, { viewport: { width: 1000, height: 900 } });
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'embed.html');
    const a = await embedFrame(page, 'fl-frame');
    const b = await embedFrame(page, 'fl-sandboxed');
    await waitReady(a);
    await waitReady(b);
    // Start at the top of the host page: the heading is not focusable, so Tab goes to what follows it.
    await page.click('h1');

    await page.keyboard.press('Tab');
    await sleep(150);
    assert.equal(await hostActive(page), 'fl-frame', 'Tab from the host page enters the first frame');
    assert.equal(await frameActive(a), 'factlens-canvas', 'its first tab stop: the canvas');
    assert.equal(await focused(a), null, 'the first stop is the view tabs (no text field, list or reader)');

    await page.keyboard.press('Tab');
    let s = await pollState(a, (st) => st.focused === 'currency');
    assert.equal(s.focused, 'currency', 'Tab: the currency toggle');
    await page.keyboard.press('Tab');
    s = await pollState(a, (st) => st.focused === 'filter');
    assert.equal(s.focused, 'filter', 'Tab: the filter field');
    await page.keyboard.type('ecns');
    s = await pollState(a, (st) => st.filter === 'ecns');
    assert.equal(s.filter, 'ecns', 'typing goes into the filter');
    await page.keyboard.press('Tab');
    s = await pollState(a, (st) => st.focused === 'list');
    assert.equal(s.focused, 'list', 'Tab: the article list');
    assert.equal(s.filter, 'ecns', 'leaving the field by Tab keeps its text');
    assert.equal((await command(a, { type: 'set_filter', text: '' })).ok, true);
    await page.keyboard.press('Tab');
    s = await pollState(a, (st) => st.focused === 'reader');
    assert.equal(s.focused, 'reader', 'Tab: the reader');

    await page.keyboard.press('Tab');
    await sleep(150);
    assert.equal(await hostActive(page), 'fl-sandboxed', 'Tab after the last control leaves the first frame for the next one');
    assert.equal(await focused(a), null, 'the first frame let go of its focus');
    assert.equal(await focused(b), null, 'the second frame starts at its view tabs');

    const n = await pressUntil(page, 'Tab', async () => (await hostActive(page)) === 'btn-state');
    assert.equal(n, 5, 'currency, filter, list, reader, then out to the host page\'s first button');
    assert.equal(await focused(b), null);

    // Shift+Tab back into the sandboxed frame lands on its last control, and walks back out.
    await page.keyboard.press('Shift+Tab');
    await sleep(150);
    assert.equal(await hostActive(page), 'fl-sandboxed', 'Shift+Tab from the host page re-enters the frame');
    s = await pollState(b, (st) => st.focused === 'reader');
    assert.equal(s.focused, 'reader', 'entering backwards: the last control');
    for (const want of ['list', 'filter', 'currency', null]) {
      await page.keyboard.press('Shift+Tab');
      s = await pollState(b, (st) => st.focused === want);
      assert.equal(s.focused, want, `Shift+Tab: ${want ?? 'view tabs'}`);
    }
    await page.keyboard.press('Shift+Tab');
    await sleep(150);
    assert.equal(await hostActive(page), 'fl-frame', 'Shift+Tab before the first control leaves for the previous frame');
    s = await pollState(a, (st) => st.focused === 'reader');
    assert.equal(s.focused, 'reader', 'which is entered at its last control');

    // Escape lets go: nothing in the frame keeps focus, and the next Tab goes on to the host page.
    await page.keyboard.press('Escape');
    s = await pollState(a, (st) => st.focused === null);
    assert.equal(s.focused, null, 'Escape releases the app\'s focus');
    assert.notEqual(await frameActive(a), 'factlens-input', 'and the text input\'s');
    await page.keyboard.press('Tab');
    await sleep(150);
    assert.equal(await hostActive(page), 'fl-sandboxed', 'the next Tab goes on past the frame');
    assert.equal(await focused(a), null);

    // A click brings the keyboard back into the first frame, and Tab works from there again.
    await page.evaluate(() => document.getElementById('fl-frame').scrollIntoView({ block: 'start' }));
    await sleep(100);
    const box = await canvasBox(a);
    s = await getState(a);
    const row = s.layout.list_rows[1];
    await page.mouse.click(box.x + row.x + row.w * 0.75, box.y + row.y + row.h / 2);  // (the middle can be a column border)
    s = await pollState(a, (st) => st.focused === 'list');
    assert.equal(s.focused, 'list', 'a click on a row gives the list the keyboard');
    await page.keyboard.press('Tab');
    s = await pollState(a, (st) => st.focused === 'reader');
    assert.equal(s.focused, 'reader', 'Tab from the clicked list: the reader');
  } finally {
    await ctx.close();
  }
});

for (const kind of ['hosted', 'file']) {
  test(`Tab order in both views, arrows on the view tabs, the last Tab is the browser's (${kind})`, async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      await frame.evaluate(() => {
        window.__tabs = [];
        window.addEventListener('keydown', (e) => { if (e.key === 'Tab') window.__tabs.push(e.defaultPrevented); });
      });
      const tabs = () => frame.evaluate(() => window.__tabs.splice(0));

      // A click on the Articles tab puts the keyboard on the view tabs; Tab goes on from there.
      const box = await canvasBox(frame);
      let s = await getState(frame);
      const at = s.layout.tabs.articles;
      const clickTab = async () => {
        await page.mouse.click(box.x + at.x + at.w / 2, box.y + at.y + at.h / 2);
        await sleep(100);
        s = await getState(frame);
        assert.equal(s.focused, null, 'the view tabs have the keyboard');
      };
      await clickTab();
      await tabs();
      const seen = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        await sleep(100);
        seen.push((await getState(frame)).focused);
      }
      assert.deepEqual(seen, ['currency', 'filter', 'list', 'reader'], 'Articles view: (tabs), currency, filter, list, reader');
      assert.deepEqual(await tabs(), [true, true, true, true], 'those Tabs are the app\'s');
      await page.keyboard.press('Tab');
      await sleep(100);
      assert.deepEqual(await tabs(), [false], 'Tab past the reader is left to the browser (focus leaves the app)');
      // (Where it goes is the browser's: its toolbar, or back to the page's first stop when headless.)

      // Back in by Shift+Tab from outside is covered in embed.html; here: click the tab again, Right.
      await clickTab();
      await page.keyboard.press('ArrowRight');
      s = await pollState(frame, (st) => st.view === 'facts');
      assert.equal(s.view, 'facts', 'ArrowRight on the view tabs opens the Facts view');
      await page.keyboard.press('Tab');
      s = await pollState(frame, (st) => st.focused === 'currency');
      assert.equal(s.focused, 'currency', 'Facts view: Tab to the currency toggle');
      await page.keyboard.press('Tab');
      s = await pollState(frame, (st) => st.focused === 'query');
      assert.equal(s.focused, 'query', 'Facts view: Tab to the query box');
      await page.keyboard.type('kind:money');
      s = await pollState(frame, (st) => st.facts.query === 'kind:money');
      assert.equal(s.facts.query, 'kind:money', 'typing goes into the query box');
      await page.keyboard.press('Tab');
      s = await pollState(frame, (st) => st.focused === 'facts');
      assert.equal(s.focused, 'facts', 'then the table');
      const sel0 = s.facts.selected;
      await page.keyboard.press('ArrowDown');
      s = await pollState(frame, (st) => st.facts.selected === sel0 + 1);
      assert.equal(s.facts.selected, sel0 + 1, `arrows work in the table reached by Tab (selected was ${sel0})`);
      await page.keyboard.press('Tab');
      s = await pollState(frame, (st) => st.focused === 'reader');
      assert.equal(s.focused, 'reader', 'with a fact selected, the reader follows the table');
      await tabs();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      s = await pollState(frame, (st) => st.focused === null);
      assert.equal(s.focused, null, 'Shift+Tab back: table, query, currency toggle, view tabs');
      await page.keyboard.press('ArrowLeft');
      s = await pollState(frame, (st) => st.view === 'articles');
      assert.equal(s.view, 'articles', 'ArrowLeft on the view tabs: Articles');
      await page.keyboard.press('Shift+Tab');
      await sleep(100);
      assert.deepEqual(await tabs(), [true, true, true, true, false], 'Shift+Tab before the view tabs is the browser\'s');

      // Escape: released; Tab is the browser's until a click.
      await clickTab();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      s = await pollState(frame, (st) => st.focused === 'filter');
      assert.equal(s.focused, 'filter');
      await tabs();
      await page.keyboard.press('Escape');
      s = await pollState(frame, (st) => st.focused === null);
      assert.equal(s.focused, null, 'Escape releases the focus');
      await page.keyboard.press('Tab');
      await sleep(100);
      assert.deepEqual(await tabs(), [false], 'after Escape, Tab is the browser\'s');
      assert.equal(await focused(frame), null);
      assert.equal((await command(frame, { type: 'set_query', query: '' })).ok, true);
    } finally {
      await ctx.close();
    }
  });
}
