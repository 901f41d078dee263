// 12. The Facts view with real input: a mouse click on a facet value, a click on a highlighted figure
//     in the reader, the table keyboard (arrows, End, Ctrl+C as tab-separated rows) and a dropped
//     .txt file, in the hosted page, the file:// single file and the sandboxed iframe of embed.html.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ROOT, canvasBox, command, getState, launchBrowser, newContext, openApp, pollState, rectCentre, requireDist, sleep, startServer,
} from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const FACTS = JSON.parse(readFileSync(path.join(ROOT, 'assets', 'facts.json'), 'utf8'));
const PERCENT_COUNT = FACTS.filter((x) => x.kind === 'percent').length; // 12

// A short article and the facts a reader finds in it (hand-labelled).
const ARTICLE_TEXT = 'Revenue rose 5 percent to 3 billion yuan in 2025.';
const ARTICLE_FACTS = [
  { kind: 'money', text: '3 billion yuan', value: 3e9, unit: 'CNY' },
  { kind: 'percent', text: '5 percent', value: 5, unit: '%' },
  { kind: 'period', text: '2025', value: null, unit: null },
];
const byText = (a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

async function ok(frame, cmd) {
  const r = await command(frame, cmd);
  assert.equal(r.ok, true, `${JSON.stringify(cmd).slice(0, 100)} failed: ${r.error}`);
  return r;
}
async function exportJson(frame) {
  const r = await ok(frame, { type: 'export_facts', format: 'json' });
  return JSON.parse(r.text);
}
const inside = (p, r) => p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
const centre = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** A point to click a table row: a little into the row (rows may be wider than the canvas). */
function rowPoint(box, row) {
  return { x: box.x + row.x + Math.min(60, row.w / 2), y: box.y + row.y + row.h / 2 };
}

/** Records what the app puts on the clipboard (copy event data or the async Clipboard API). */
async function installClipboardSpy(frame) {
  await frame.evaluate(() => {
    if (window.__clipSpy) return;
    window.__clipSpy = [];
    const setData = DataTransfer.prototype.setData;
    DataTransfer.prototype.setData = function (type, data) {
      if (type === 'text/plain' || type === 'text') window.__clipSpy.push(String(data));
      return setData.call(this, type, data);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (t) => { window.__clipSpy.push(String(t)); return write(t); };
    }
  });
}
async function lastCopied(frame, sinceCount) {
  for (let i = 0; i < 40; i++) {
    const spy = await frame.evaluate(() => window.__clipSpy);
    if (spy.length > sinceCount) return spy[spy.length - 1];
    await sleep(50);
  }
  return null;
}
const spyCount = (frame) => frame.evaluate(() => window.__clipSpy.length);

function parseTsv(text) {
  const lines = text.replace(/\n$/, '').split('\n');
  const header = lines[0].split('\t');
  return { header, rows: lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, k) => [header[k], v]))) };
}

for (const kind of ['hosted', 'file', 'embed-sandboxed']) {
  test(`Facts view with real input: facets, reader figures, keyboard, drop (${kind})`, async (t) => {
    const ctx = await newContext(browser);
    try {
      const origin = server.url.replace(/\/$/, '');
      if (kind === 'hosted') await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      await ok(frame, { type: 'set_view', view: 'facts' });
      await sleep(150);

      await t.test('4. clicking the kind=percent facet value filters to the 12 percentages', async () => {
        const s = await pollState(frame, (st) => st.layout.facet_values.some((v) => v.facet === 'kind' && v.value === 'percent'));
        const fv = s.layout.facet_values.find((v) => v.facet === 'kind' && v.value === 'percent');
        assert.ok(fv, `no facet_values entry for kind=percent: ${JSON.stringify(s.layout.facet_values.slice(0, 8))}`);
        assert.equal(s.facts.facets.kind.percent, 12);
        const box = await canvasBox(frame);
        const p = rectCentre(box, fv);
        assert.ok(p.y < box.y + box.height && p.y < page.viewportSize().height, `facet entry off screen (${p.x},${p.y})`);
        await page.mouse.click(p.x, p.y);
        const s2 = await pollState(frame, (st) => st.facts.query === 'kind:percent' && st.facts.applied_query === 'kind:percent');
        assert.equal(s2.facts.query, 'kind:percent', 'the facet term is added to the query');
        assert.equal(s2.facts.visible, 12);
        assert.equal(s2.facts.visible, PERCENT_COUNT, 'as many as assets/facts.json has');
        const rows = await exportJson(frame);
        assert.ok(rows.every((x) => x.kind === 'percent'), 'every row is a percentage');
        await ok(frame, { type: 'set_query', query: '' });
      });

      await t.test('6. clicking a highlighted figure in the reader selects its fact row', async () => {
        const r = await ok(frame, { type: 'select_fact', index: 40 });
        const selRow = r.state.facts.selected_fact.row;
        let s = await pollState(frame, (st) => st.layout.reader_marks.length > 0);
        const rd = s.layout.reader;
        // A figure of another fact, drawn inside the reader's visible text area.
        const m = s.layout.reader_marks.find((x) => x.row !== selRow && inside(centre(x), rd));
        assert.ok(m, `no visible reader mark other than row ${selRow}: marks ${JSON.stringify(s.layout.reader_marks)}, reader ${JSON.stringify(rd)}`);
        const box = await canvasBox(frame);
        const p = rectCentre(box, m);
        await page.mouse.click(p.x, p.y);
        s = await pollState(frame, (st) => st.facts.selected_fact && st.facts.selected_fact.row === m.row);
        assert.equal(s.facts.selected_fact && s.facts.selected_fact.row, m.row, `clicked mark ${JSON.stringify(m)}`);
        assert.equal(s.facts.selected_fact.start, m.start);
        assert.equal(s.facts.selected_fact.text, FACTS[m.row].text, 'the fact at that table row (assets/facts.json order)');
        assert.equal(s.view, 'facts');

        // From the Articles view, a click on a figure switches to the Facts view with the row selected.
        await ok(frame, { type: 'set_view', view: 'articles' });
        s = await pollState(frame, (st) => st.view === 'articles' && st.layout.reader_marks.length > 0);
        const m2 = s.layout.reader_marks.find((x) => x.row !== m.row && inside(centre(x), s.layout.reader));
        assert.ok(m2, `no visible reader mark in the Articles view: ${JSON.stringify(s.layout.reader_marks)}`);
        const p2 = rectCentre(await canvasBox(frame), m2);
        await page.mouse.click(p2.x, p2.y);
        s = await pollState(frame, (st) => st.view === 'facts' && st.facts.selected_fact && st.facts.selected_fact.row === m2.row);
        assert.equal(s.view, 'facts', 'switched to the Facts view');
        assert.equal(s.facts.selected_fact && s.facts.selected_fact.row, m2.row);
        await ok(frame, { type: 'select_fact', index: -1 });
      });

      await t.test('10. keyboard: click a row, ArrowDown twice, End, Ctrl+C copies tab-separated rows', async () => {
        await ok(frame, { type: 'set_query', query: '' });
        await sleep(100);
        let s = await getState(frame);
        const all = await exportJson(frame);
        const row = s.layout.fact_rows.find((x) => x.index === 2);
        assert.ok(row, 'table row 2 is drawn');
        const box = await canvasBox(frame);
        const p = rowPoint(box, row);
        await page.mouse.click(p.x, p.y);
        s = await pollState(frame, (st) => st.facts.selected === 2);
        assert.equal(s.facts.selected, 2, 'a click on row 2 selects it');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        s = await pollState(frame, (st) => st.facts.selected === 4);
        assert.equal(s.facts.selected, 4, 'ArrowDown twice: selected + 2');
        await page.keyboard.press('End');
        s = await pollState(frame, (st) => st.facts.selected === st.facts.visible - 1);
        assert.equal(s.facts.selected, s.facts.visible - 1, 'End selects the last row');
        assert.equal(s.facts.selected_fact.text, all[all.length - 1].text);
        s = await pollState(frame, (st) => st.facts.rows.some((x) => x.index === st.facts.selected));
        assert.ok(s.facts.rows.some((x) => x.index === s.facts.selected), 'the table scrolled to the last row');

        await installClipboardSpy(frame);
        let n0 = await spyCount(frame);
        await page.keyboard.press('Control+C');
        const one = await lastCopied(frame, n0);
        assert.ok(one, 'Ctrl+C put text on the clipboard');
        const tsv = parseTsv(one);
        for (const h of ['kind', 'value', 'unit', 'text']) assert.ok(tsv.header.includes(h), `TSV header ${tsv.header} has ${h}`);
        assert.equal(tsv.rows.length, 1, `one row copied: ${JSON.stringify(one)}`);
        const sf = s.facts.selected_fact;
        assert.equal(tsv.rows[0].kind, sf.kind);
        assert.equal(tsv.rows[0].text, sf.text);
        assert.equal(tsv.rows[0].unit, sf.unit ?? '');
        assert.equal(Number(tsv.rows[0].value), sf.value);
        if (kind === 'hosted') {
          const clip = await page.evaluate(() => Promise.race([navigator.clipboard.readText(),
            new Promise((_, rej) => setTimeout(() => rej(new Error('clipboard.readText timed out')), 3000))]));
          assert.equal(clip, one, 'navigator.clipboard.readText() after Ctrl+C');
        }

        // Shift+ArrowUp twice extends the selection; Ctrl+C copies the three rows in table order.
        await page.keyboard.press('Shift+ArrowUp');
        await page.keyboard.press('Shift+ArrowUp');
        await pollState(frame, (st) => st.facts.selected === st.facts.visible - 3);
        n0 = await spyCount(frame);
        await page.keyboard.press('Control+C');
        const three = parseTsv((await lastCopied(frame, n0)) || '');
        assert.deepEqual(three.rows.map((x) => x.text), all.slice(-3).map((x) => x.text), 'three rows copied');
        await page.keyboard.press('Escape');
        await pollState(frame, (st) => st.facts.selected === -1);
      });

      if (kind === 'hosted') {
        await t.test('layout rects describe what is on screen (fact_rows, reader_marks, facet_values)', async () => {
          const problems = [];
          let s = await getState(frame);
          const cw = s.canvas.css_width, ch = s.canvas.css_height;
          const onCanvas = (r) => { const c = centre(r); return c.x >= 0 && c.x <= cw && c.y >= 0 && c.y <= ch; };
          for (const r of s.layout.facet_values) if (!onCanvas(r)) problems.push(`facet_values ${r.facet}=${r.value} centre off canvas ${JSON.stringify(r)}`);
          // Click a drawn row, then Home and End: the table scrolls away from the clicked row.
          const row = s.layout.fact_rows.find((x) => onCanvas({ ...x, w: 0 }));
          assert.ok(row, 'a table row is drawn');
          await page.mouse.click(...Object.values(rowPoint(await canvasBox(frame), row)));
          await pollState(frame, (st) => st.facts.selected === row.index);
          for (const key of ['Home', 'End']) {
            await page.keyboard.press(key);
            await pollState(frame, (st) => st.facts.selected === (key === 'Home' ? 0 : st.facts.visible - 1));
            await sleep(300);
            s = await getState(frame);
            for (const r of s.layout.fact_rows) {
              if (!onCanvas({ ...r, w: 0 })) problems.push(`after clicking row ${row.index} and ${key}: fact_rows index ${r.index} off canvas ${JSON.stringify(r)}`);
            }
          }
          await ok(frame, { type: 'select_fact', index: 40 });
          await sleep(300);
          s = await getState(frame);
          for (const m of s.layout.reader_marks) if (!inside(centre(m), s.layout.reader)) problems.push(`reader_marks row ${m.row} outside layout.reader ${JSON.stringify(m)} vs ${JSON.stringify(s.layout.reader)}`);
          await ok(frame, { type: 'select_fact', index: -1 });
          assert.deepEqual(problems, []);
        });
      }

      await t.test('7a. a dropped .txt file is extracted and its facts added', async () => {
        const before = (await getState(frame)).facts.total;
        const dt = await frame.evaluateHandle((text) => {
          const d = new DataTransfer();
          d.items.add(new File([text], 'my-article.txt', { type: 'text/plain' }));
          return d;
        }, ARTICLE_TEXT);
        for (const type of ['dragenter', 'dragover', 'drop']) await frame.dispatchEvent('#factlens-canvas', type, { dataTransfer: dt });
        await dt.dispose();
        let s = await pollState(frame, (st) => st.facts.total > before, { timeout: 5000 });
        assert.equal(s.facts.total, before + ARTICLE_FACTS.length, `total grows by ${ARTICLE_FACTS.length} (notice: ${s.facts.notice})`);
        assert.match(s.facts.notice || '', /my-article\.txt/, 'the notice names the dropped file');
        assert.ok(s.articles.some((a) => a.id === 'my-article'), 'the dropped article is listed');
        const r = await ok(frame, { type: 'set_query', query: 'article:my-article' });
        assert.equal(r.state.facts.visible, ARTICLE_FACTS.length);
        const rows = (await exportJson(frame)).sort(byText);
        assert.deepEqual(rows.map((x) => ({ kind: x.kind, text: x.text, value: x.value, unit: x.unit })), [...ARTICLE_FACTS].sort(byText));
        for (const x of rows) assert.equal(ARTICLE_TEXT.slice(x.start, x.end), x.text);
        s = await pollState(frame, (st) => st.facts.rows.length === ARTICLE_FACTS.length);
        assert.equal(s.facts.rows.length, ARTICLE_FACTS.length, 'the three rows are drawn');
      });
    } finally {
      await ctx.close();
    }
  });
}
