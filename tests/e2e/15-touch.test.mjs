// 15. Touch, in Chromium's touch emulation (hasTouch, isMobile): a tap on a text field gives the text
// input the focus (on-screen keyboard, IME) and typing goes in; taps half a second apart are separate
// clicks, only a fast double tap selects a word; a long press selects a word and dragging extends it;
// a swipe scrolls the reader, the facts table and the facets (never selecting), with momentum that
// ends in idle; two-finger touches are left to the browser (pinch zoom).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  canvasBox, command, getState, launchBrowser, newContext, openApp, pollState, requireDist, sleep, startServer,
} from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const WORD = /^[A-Za-z][A-Za-z'-]*$/;

/** Raw touches through CDP (page coordinates; they reach iframes, sandboxed ones included). */
async function touches(page) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  return {
    start: (x, y) => send('touchStart', [{ x, y, id: 1 }]),
    move: (x, y) => send('touchMove', [{ x, y, id: 1 }]),
    end: () => send('touchEnd', []),
    send,
    async longPress(x, y, ms = 750) { await this.start(x, y); await sleep(ms); await this.end(); },
    /** A drag from (x, y) by (dx, dy) in `steps` moves, `stepMs` apart. */
    async swipe(x, y, dx, dy, steps = 10, stepMs = 16) {
      await this.start(x, y);
      for (let i = 1; i <= steps; i++) {
        await this.move(x + (dx * i) / steps, y + (dy * i) / steps);
        await sleep(stepMs);
      }
      await this.end();
    },
  };
}

const at = (box, r, fx = 0.5, fy = 0.5) => ({ x: box.x + r.x + r.w * fx, y: box.y + r.y + r.h * fy });
const activeId = (frame) => frame.evaluate(() => (document.activeElement && document.activeElement.id) || null);

/** Waits until no frame is drawn for 600 ms (bounded); returns whether the app went idle. */
async function waitIdle(frame, timeout = 4000) {
  const t0 = Date.now();
  let f = (await getState(frame)).frames;
  while (Date.now() - t0 < timeout) {
    await sleep(600);
    const g = (await getState(frame)).frames;
    if (g === f) return true;
    f = g;
  }
  return false;
}

for (const kind of ['hosted', 'file', 'embed-sandboxed']) {
  test(`touch (${kind})`, async (t) => {
    const ctx = await newContext(browser, { hasTouch: true, isMobile: true });
    try {
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      const touch = await touches(page);
      const box = await canvasBox(frame);
      let s = await getState(frame);
      const n = s.articles.length;
      assert.ok(n >= 2, 'at least two articles');

      await t.test('a tap on the filter focuses the text input; typed text filters', async () => {
        const f = s.layout.filter;
        await page.touchscreen.tap(box.x + f.x + Math.min(30, f.w / 2), box.y + f.y + f.h / 2);
        s = await pollState(frame, (st) => st.focused === 'filter', { timeout: 2000 });
        assert.equal(s.focused, 'filter', 'the filter field is active');
        assert.equal(await activeId(frame), 'factlens-input', 'document.activeElement is #factlens-input (the on-screen keyboard opens)');
        const ime = await frame.evaluate(() => {
          const r = document.getElementById('factlens-input').getBoundingClientRect();
          const c = document.getElementById('factlens-canvas').getBoundingClientRect();
          return { x: r.left - c.left, y: r.top - c.top };
        });
        assert.ok(ime.y >= f.y - 4 && ime.y <= f.y + f.h + 4 && ime.x >= f.x - 4 && ime.x <= f.x + f.w,
          `the text input sits at the field's caret (IME windows go there): ${JSON.stringify(ime)} vs ${JSON.stringify(f)}`);
        await page.keyboard.type('china', { delay: 20 });
        s = await pollState(frame, (st) => st.filter === 'china');
        assert.equal(s.filter, 'china', 'typed text is in state().filter');
        await page.keyboard.insertText('’s');
        s = await pollState(frame, (st) => st.filter === 'china’s');
        assert.equal(s.filter, 'china’s', 'text from insertText (IME-like) too');
        // A tap elsewhere (an empty part of the list) leaves the field: the on-screen keyboard closes.
        assert.equal((await command(frame, { type: 'set_filter', text: '' })).ok, true);
        s = await getState(frame);
        const rows = s.layout.list_rows;
        const last = rows[rows.length - 1];
        await page.touchscreen.tap(box.x + last.x + last.w / 2, box.y + last.y + last.h * 3);
        const t0 = Date.now();
        while (await activeId(frame) === 'factlens-input' && Date.now() - t0 < 2000) await sleep(50);
        assert.notEqual(await activeId(frame), 'factlens-input', 'the text input lost focus (the on-screen keyboard closes)');
      });

      await t.test('two taps half a second apart on two rows select each', async () => {
        s = await pollState(frame, (st) => st.layout.list_rows.length >= 2);
        const [r0, r1] = s.layout.list_rows;
        await page.touchscreen.tap(...Object.values(at(box, r1, 0.7)));
        s = await pollState(frame, (st) => st.selection.article === r1.index);
        assert.equal(s.selection.article, r1.index, 'first tap selects its row');
        await sleep(500);
        await page.touchscreen.tap(...Object.values(at(box, r0, 0.7)));
        s = await pollState(frame, (st) => st.selection.article === r0.index);
        assert.equal(s.selection.article, r0.index, 'second tap, 500 ms later, selects the other row');
        await sleep(500);
        await page.touchscreen.tap(...Object.values(at(box, r1, 0.7)));
        s = await pollState(frame, (st) => st.selection.article === r1.index);
        assert.equal(s.selection.article, r1.index, 'and a third');
        assert.equal((await command(frame, { type: 'select_article', index: 0 })).ok, true);
      });

      // A point on a word of the reader, found by long presses; the word it selects.
      let wordPoint = null, word = null;
      await t.test('a long press in the reader selects the word under the finger', async () => {
        s = await getState(frame);
        const r = s.layout.reader;
        // Away from the figures: a tap on one selects its fact (and opens the Facts view).
        const nearMark = (p) => s.layout.reader_marks.some((m) =>
          p.x >= box.x + m.x - 30 && p.x <= box.x + m.x + m.w + 30 && p.y >= box.y + m.y - 6 && p.y <= box.y + m.y + m.h + 6);
        // Candidates: beside figures on their own lines (text is there), then anywhere.
        const inside = (p) => p.x > box.x + r.x + 10 && p.x < box.x + r.x + r.w - 10 && p.y > box.y + r.y + 10 && p.y < box.y + r.y + r.h - 30;
        const candidates = [];
        for (const m of s.layout.reader_marks) {
          for (const dx of [m.w + 50, -50]) candidates.push({ x: box.x + m.x + dx, y: box.y + m.y + m.h / 2 });
        }
        for (const [fx, fy] of [[0.3, 0.3], [0.5, 0.35], [0.4, 0.5], [0.6, 0.45]]) candidates.push(at(box, r, fx, fy));
        const tried = [];
        for (const p of candidates) {
          if (nearMark(p) || !inside(p)) continue;
          if (tried.length >= 8) break;
          await touch.longPress(p.x, p.y);
          s = await pollState(frame, (st) => st.selection.selected_text !== '', { timeout: 1500 });
          tried.push(s.selection.selected_text);
          if (WORD.test(s.selection.selected_text)) { wordPoint = p; word = s.selection; break; }
        }
        assert.ok(wordPoint, `a long press selected a word (got: ${JSON.stringify(tried)})`);
        assert.equal(s.focused, 'reader', 'the reader has the keyboard (Ctrl+C copies)');
        assert.equal(s.view, 'articles', 'a long press is no tap (no figure click, no view change)');
      });

      await t.test('long press, then drag: the selection grows from the word', async () => {
        assert.ok(wordPoint, 'a word was found');
        assert.equal((await command(frame, { type: 'select_text', start: 0, end: 0 })).ok, true);  // no handles
        await touch.start(wordPoint.x, wordPoint.y);
        await sleep(750);
        for (let i = 1; i <= 6; i++) { await touch.move(wordPoint.x + i * 25, wordPoint.y + i * 8); await sleep(30); }
        await touch.end();
        s = await pollState(frame, (st) => st.selection.text_end > word.text_end);
        assert.equal(s.selection.text_start, word.text_start, 'the long-pressed word stays the start');
        assert.ok(s.selection.text_end > word.text_end, `dragging extends it: ${JSON.stringify(s.selection.selected_text)}`);
        assert.ok(s.selection.selected_text.startsWith(word.selected_text));
      });

      await t.test('two taps on the same spot half a second apart are two clicks, a fast double tap selects the word', async () => {
        assert.equal((await command(frame, { type: 'select_text', start: 0, end: 0 })).ok, true);
        await page.touchscreen.tap(wordPoint.x, wordPoint.y);
        await sleep(500);
        await page.touchscreen.tap(wordPoint.x, wordPoint.y);
        await sleep(150);
        s = await getState(frame);
        assert.equal(s.selection.selected_text, '', 'slow taps place the caret; they never merge into a double click');
        assert.ok(s.selection.text_start >= word.text_start && s.selection.text_start <= word.text_end, 'caret in the word');
        await sleep(500);
        await page.touchscreen.tap(wordPoint.x, wordPoint.y);
        await sleep(60);
        await page.touchscreen.tap(wordPoint.x, wordPoint.y);
        s = await pollState(frame, (st) => st.selection.selected_text === word.selected_text, { timeout: 1500 });
        assert.equal(s.selection.selected_text, word.selected_text, 'a fast double tap selects the word');
      });

      await t.test('a swipe scrolls the reader (no selection change), then the app idles', async () => {
        await sleep(400);
        s = await getState(frame);
        const before = s.layout.reader_marks.map((m) => `${m.row}@${Math.round(m.y)}`).join(' ');
        const sel = s.selection;
        const p = at(box, s.layout.reader, 0.5, 0.8);
        await touch.swipe(p.x, p.y, 0, -220);
        s = await pollState(frame, (st) => st.layout.reader_marks.map((m) => `${m.row}@${Math.round(m.y)}`).join(' ') !== before);
        const after = s.layout.reader_marks.map((m) => `${m.row}@${Math.round(m.y)}`).join(' ');
        assert.notEqual(after, before, 'the reader scrolled (its figures moved)');
        assert.ok(await waitIdle(frame), 'momentum ends and the app stops drawing');
        s = await getState(frame);
        assert.deepEqual(
          [s.selection.article, s.selection.text_start, s.selection.text_end],
          [sel.article, sel.text_start, sel.text_end], 'a swipe never selects text');
        assert.equal(s.view, 'articles');
        const frames = s.frames;
        await sleep(1000);
        assert.equal((await getState(frame)).frames, frames, 'no frames while idle after the swipe');
        // A fast flick keeps going after the finger lifts (momentum), back down this time.
        const beforeFlick = (await getState(frame)).layout.reader_marks.map((m) => `${m.row}@${Math.round(m.y)}`).join(' ');
        await touch.swipe(p.x, p.y - 150, 0, 150, 4, 8);
        const lifted = await getState(frame);
        assert.ok(await waitIdle(frame), 'the flick ends in idle');
        s = await getState(frame);
        assert.notEqual(s.layout.reader_marks.map((m) => `${m.row}@${Math.round(m.y)}`).join(' '), beforeFlick, 'the flick scrolled');
        assert.ok(s.frames >= lifted.frames);
      });

      await t.test('Facts view: a tap on the query box focuses the text input; swipes scroll the table and the facets', async () => {
        assert.equal((await command(frame, { type: 'set_view', view: 'facts' })).ok, true);
        s = await pollState(frame, (st) => st.view === 'facts' && st.layout.query.w > 0 && st.layout.fact_rows.length > 0);
        const q = s.layout.query;
        await page.touchscreen.tap(box.x + q.x + 30, box.y + q.y + q.h / 2);
        s = await pollState(frame, (st) => st.focused === 'query', { timeout: 2000 });
        assert.equal(s.focused, 'query');
        assert.equal(await activeId(frame), 'factlens-input');
        await page.keyboard.type('kind:money', { delay: 10 });
        s = await pollState(frame, (st) => st.facts.query === 'kind:money');
        assert.equal(s.facts.query, 'kind:money', 'typed into the query box');
        // Escape leaves the field (an active field keeps its own text), and reverts it to how it was.
        await page.keyboard.press('Escape');
        s = await pollState(frame, (st) => st.focused === null && st.facts.query === '');
        assert.equal(s.facts.query, '', 'Escape left the field');
        await sleep(200);

        s = await getState(frame);
        const rows = s.layout.fact_rows;
        const first = rows[0].index;
        const mid = rows[Math.floor(rows.length / 2)];
        const selected = s.facts.selected;
        await touch.swipe(box.x + mid.x + 60, box.y + mid.y + mid.h / 2, 0, -200);
        s = await pollState(frame, (st) => st.layout.fact_rows.length && st.layout.fact_rows[0].index > first);
        assert.ok(s.layout.fact_rows[0].index > first, `the facts table scrolled (first row ${first}, now ${JSON.stringify(s.layout.fact_rows[0])}, swipe at ${JSON.stringify(mid)})`);
        assert.equal(s.facts.selected, selected, 'a swipe selects no row');
        await waitIdle(frame);

        s = await getState(frame);
        if (s.layout.facet_values.length) {
          const fv = s.layout.facet_values;
          const key = (st) => st.layout.facet_values.map((v) => `${v.facet}=${v.value}@${Math.round(v.y)}`).join(' ');
          const k0 = key(s);
          const pv = fv[Math.floor(fv.length / 2)];
          const query = s.facts.query;
          await touch.swipe(box.x + pv.x + pv.w / 2, box.y + pv.y + pv.h / 2, 0, -150);
          s = await pollState(frame, (st) => key(st) !== k0);
          assert.notEqual(key(s), k0, 'the facets panel scrolled');
          assert.equal(s.facts.query, query, 'a swipe on a facet value does not click it');
          await waitIdle(frame);
        }
        assert.equal((await command(frame, { type: 'set_view', view: 'articles' })).ok, true);
      });

      await t.test('two-finger touches are left to the browser (pinch); one-finger moves are the app\'s', async () => {
        if ((await getState(frame)).view !== 'articles') assert.equal((await command(frame, { type: 'set_view', view: 'articles' })).ok, true);
        await frame.evaluate(() => {
          window.__touchLog = [];
          for (const type of ['touchstart', 'touchmove', 'touchend']) {
            window.addEventListener(type, (e) => window.__touchLog.push({ type, n: e.touches.length, prevented: e.defaultPrevented }));
          }
        });
        s = await getState(frame);
        const p = at(box, s.layout.reader, 0.5, 0.5);
        await touch.send('touchStart', [{ x: p.x - 40, y: p.y, id: 1 }]);
        await touch.send('touchStart', [{ x: p.x - 40, y: p.y, id: 1 }, { x: p.x + 40, y: p.y, id: 2 }]);
        await touch.send('touchMove', [{ x: p.x - 60, y: p.y, id: 1 }, { x: p.x + 60, y: p.y, id: 2 }]);
        await touch.send('touchMove', [{ x: p.x - 80, y: p.y, id: 1 }, { x: p.x + 80, y: p.y, id: 2 }]);
        await touch.send('touchEnd', []);
        await touch.swipe(p.x, p.y, 0, -40, 3);
        await sleep(100);
        const log = await frame.evaluate(() => window.__touchLog);
        const twoFingerMoves = log.filter((e) => e.type === 'touchmove' && e.n >= 2);
        const oneFingerMoves = log.filter((e) => e.type === 'touchmove' && e.n === 1);
        assert.ok(twoFingerMoves.length > 0, `two-finger moves seen: ${JSON.stringify(log)}`);
        assert.ok(twoFingerMoves.every((e) => !e.prevented), 'two-finger moves are not consumed');
        assert.ok(log.filter((e) => e.type === 'touchstart').every((e) => !e.prevented), 'touchstart is never consumed');
        assert.ok(oneFingerMoves.length > 0 && oneFingerMoves.every((e) => e.prevented), 'one-finger moves are');
        s = await getState(frame);
        assert.equal(s.view, 'articles', 'the two-finger touch clicked nothing');
      });
    } finally {
      await ctx.close();
    }
  });
}
