// 11. The Facts view through the command API: embedded facts, queries, sort, export (JSON and CSV),
//     malformed input, load_files and permalinks, in the hosted page, the file:// single file and the
//     sandboxed iframe of embed.html (there through postMessage, as a host page would).
//     The oracle for the data is assets/facts.json, read here independently of the app.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ROOT, SINGLE_FILE_URL, ask, command, embedFrame, getState, launchBrowser, makeClient, newContext, openApp, requireDist, startServer, waitReady,
} from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const FACTS = JSON.parse(readFileSync(path.join(ROOT, 'assets', 'facts.json'), 'utf8'));
const CLI_FIELDS = ['article', 'kind', 'value', 'unit', 'qualifier', 'low', 'high', 'start', 'end', 'text', 'subject',
  'period', 'pair', 'ambiguous', 'direction', 'hedge', 'rate', 'rate_unit'];
// Hand-counted from assets/facts.json: the money facts in US dollars.
const USD_COUNT = 5;
const USD_TEXTS = ['$142 billion', '$168 billion', '171.39 billion U.S. dollars', 'US$142 billion', 'US$170 billion'];

// A short article and the facts a reader finds in it (hand-labelled).
const ARTICLE_TEXT = 'Revenue rose 5 percent to 3 billion yuan in 2025.';
const ARTICLE_FACTS = [
  { kind: 'money', text: '3 billion yuan', value: 3e9, unit: 'CNY' },
  { kind: 'percent', text: '5 percent', value: 5, unit: '%' },
  { kind: 'period', text: '2025', value: null, unit: null },
];
const byText = (a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);

/** RFC 4180 CSV: fields separated by commas, optionally quoted with "" escaping; returns rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const exportJson = async (c) => JSON.parse(await c.exportText('json'));
const cliPart = (row) => Object.fromEntries(CLI_FIELDS.map((k) => [k, row[k]]));

async function ok(c, cmd) {
  const r = await c.cmd(cmd);
  assert.equal(r.ok, true, `${JSON.stringify(cmd).slice(0, 100)} failed: ${r.error}`);
  return r;
}

/** Opens a host page whose sandboxed iframe#fl-sandboxed loads factlens.html#fragment. */
async function openSandboxedWithFragment(page, fragment) {
  const hostUrl = server.url + '__facts_permalink_host.html';
  await page.route(hostUrl, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body style="margin:0">
      <iframe id="fl-sandboxed" sandbox="allow-scripts" style="width:1000px;height:600px;border:0"
              src="factlens.html#${fragment.replace(/"/g, '&quot;')}"></iframe></body>`,
  }));
  await page.goto(hostUrl);
  const frame = await embedFrame(page, 'fl-sandboxed');
  await waitReady(frame);
  return frame;
}

for (const kind of ['hosted', 'file', 'embed-sandboxed']) {
  test(`Facts view: data, query, sort, export, errors, permalink, load_files (${kind})`, async (t) => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const { frame, state: initial } = await openApp(page, kind, server.url);
      const c = makeClient(page, kind, frame);
      const articleById = new Map(initial.articles.map((a) => [a.id, a]));
      let all; // the 83 exported rows in the default order

      await t.test('1. the Facts view shows the 83 embedded facts', async () => {
        const r = await ok(c, { type: 'set_view', view: 'facts' });
        assert.equal(r.state.view, 'facts');
        const s = await c.state();
        assert.equal(s.view, 'facts');
        const f = s.facts;
        assert.equal(f.total, 83, 'facts.total');
        assert.equal(f.total, FACTS.length, 'facts.total = records in assets/facts.json');
        assert.equal(f.visible, 83, 'facts.visible with an empty query');
        assert.equal(f.query, '');
        assert.equal(f.query_error, null);
        assert.ok(f.rows.length >= 5, `rows drawn: ${f.rows.length}`);
        assert.equal(f.rows.length, s.layout.fact_rows.length, 'facts.rows and layout.fact_rows describe the same rows');
        f.rows.forEach((row, i) => assert.equal(row.index, s.layout.fact_rows[i].index, `rows[${i}].index`));
        assert.equal(f.rows[0].index, 0, 'the first row is drawn at the top');
        for (const tab of ['articles', 'facts']) assert.ok(s.layout.tabs[tab].w > 0 && s.layout.tabs[tab].h > 0, `layout.tabs.${tab}`);
        assert.ok(s.layout.query.w > 0 && s.layout.query.h > 0, 'layout.query');
        assert.deepEqual(f.facets.kind, { count: 14, date: 16, money: 17, percent: 12, period: 23, quantity: 1 }, 'kind facet counts');

        all = await exportJson(c);
        assert.equal(all.length, 83, 'export_facts json of the unfiltered table');
        // The export is the embedded facts file, in its order, plus outlet and date.
        all.forEach((row, i) => {
          assert.deepEqual(cliPart(row), FACTS[i], `exported row ${i} = assets/facts.json[${i}]`);
          const a = articleById.get(row.article);
          assert.ok(a, `row ${i}: article ${row.article} is one of state().articles`);
          assert.equal(row.outlet, a.outlet === 'unknown' ? null : a.outlet, `row ${i}.outlet`);
          assert.equal(row.date, a.date === 'unknown' ? null : a.date, `row ${i}.date`);
        });
        assert.deepEqual([...new Set(all.map((x) => x.article))].sort(), [...articleById.keys()].sort(), 'facts come from the 5 articles');
        for (const row of f.rows) {
          assert.equal(row.text, all[row.index].text, `drawn row ${row.index}.text`);
          assert.equal(row.kind, all[row.index].kind, `drawn row ${row.index}.kind`);
          assert.equal(row.article, all[row.index].article, `drawn row ${row.index}.article`);
        }
      });

      await t.test('2. kind:money unit:USD leaves exactly the USD amounts', async () => {
        const r = await ok(c, { type: 'set_query', query: 'kind:money unit:USD' });
        const oracle = FACTS.filter((x) => x.kind === 'money' && x.unit === 'USD');
        assert.equal(oracle.length, USD_COUNT, 'assets/facts.json has 5 USD amounts');
        assert.equal(r.state.facts.query, 'kind:money unit:USD');
        assert.equal(r.state.facts.applied_query, 'kind:money unit:USD');
        assert.equal(r.state.facts.query_error, null);
        assert.equal(r.state.facts.visible, USD_COUNT, 'facts.visible');
        assert.equal(r.state.facts.total, 83, 'the query does not change total');
        const rows = await exportJson(c);
        assert.equal(rows.length, USD_COUNT);
        for (const row of rows) {
          assert.equal(row.kind, 'money', JSON.stringify(row));
          assert.equal(row.unit, 'USD', JSON.stringify(row));
        }
        assert.deepEqual(rows.map((x) => x.text).sort(), oracle.map((x) => x.text).sort(), 'texts = the oracle set');
        assert.deepEqual(rows.map((x) => x.text).sort(), [...USD_TEXTS].sort(), 'texts = the hand-counted set');
        assert.deepEqual(rows.map((x) => `${x.article}@${x.start}`).sort(), oracle.map((x) => `${x.article}@${x.start}`).sort());
      });

      await t.test('8b. a malformed query sets query_error and leaves the rows unchanged', async () => {
        const before = await exportJson(c);
        const r = await ok(c, { type: 'set_query', query: 'kind:mon(' });
        assert.equal(r.state.facts.query, 'kind:mon(', 'the typed query is kept');
        assert.equal(typeof r.state.facts.query_error, 'string', 'query_error is set');
        assert.ok(r.state.facts.query_error.length > 0);
        assert.equal(r.state.facts.applied_query, 'kind:money unit:USD', 'the last good query stays applied');
        assert.equal(r.state.facts.visible, USD_COUNT);
        assert.deepEqual(await exportJson(c), before, 'rows unchanged by a malformed query');
        const r2 = await ok(c, { type: 'set_query', query: '' });
        assert.equal(r2.state.facts.query_error, null, 'query_error cleared by a good query');
        assert.equal(r2.state.facts.visible, 83);
      });

      await t.test('3. sort by value desc: values non-increasing, nulls last', async () => {
        const r = await ok(c, { type: 'set_sort', sort: [{ column: 'value', dir: 'desc' }] });
        assert.deepEqual(r.state.facts.sort, [{ column: 'value', dir: 'desc' }]);
        const rows = await exportJson(c);
        assert.equal(rows.length, 83);
        const values = rows.map((x) => x.value);
        const firstNull = values.indexOf(null);
        const nulls = FACTS.filter((x) => x.value === null).length;
        assert.ok(nulls > 0, 'the oracle has facts without a value');
        assert.equal(firstNull, 83 - nulls, `nulls last: first null at ${firstNull}, expected ${83 - nulls}`);
        assert.ok(values.slice(firstNull).every((v) => v === null), 'only nulls after the first null');
        for (let i = 1; i < firstNull; i++) assert.ok(values[i - 1] >= values[i], `value[${i - 1}]=${values[i - 1]} < value[${i}]=${values[i]}`);
        assert.deepEqual(values.slice(0, firstNull), FACTS.map((x) => x.value).filter((v) => v !== null).sort((a, b) => b - a),
          'the same values as the oracle, sorted');
        await ok(c, { type: 'set_sort', sort: [] });
      });

      await t.test('9. export_facts csv: header plus one line per visible row', async () => {
        for (const query of ['', 'kind:count']) {
          const s = (await ok(c, { type: 'set_query', query })).state;
          const csv = await c.exportText('csv');
          const rows = parseCsv(csv);
          const json = await exportJson(c);
          const header = rows[0];
          for (const k of ['article', 'kind', 'value', 'unit', 'text', 'start', 'end', 'outlet', 'date'])
            assert.ok(header.includes(k), `CSV header ${JSON.stringify(header)} has ${k}`);
          assert.equal(rows.length - 1, s.facts.visible, `q=${JSON.stringify(query)}: CSV data lines = visible (${s.facts.visible})`);
          assert.equal(json.length, s.facts.visible);
          rows.slice(1).forEach((fields, i) => {
            assert.equal(fields.length, header.length, `CSV line ${i + 2} has ${fields.length} fields, header ${header.length}`);
            const rec = Object.fromEntries(header.map((h, k) => [h, fields[k]]));
            for (const k of ['article', 'kind', 'text', 'outlet', 'date', 'unit']) assert.equal(rec[k], json[i][k] ?? '', `CSV line ${i + 2}.${k}`);
            for (const k of ['start', 'end']) assert.equal(Number(rec[k]), json[i][k], `CSV line ${i + 2}.${k}`);
            if (json[i].value === null) assert.equal(rec.value, '', `CSV line ${i + 2}.value`);
            else assert.equal(Number(rec.value), json[i].value, `CSV line ${i + 2}.value`);
          });
          if (query === '') assert.ok(csv.includes('"6,000"'), 'a text with a comma is quoted');
        }
        await ok(c, { type: 'set_query', query: '' });
      });

      await t.test('5. permalink: link restores rows, sort, selection and columns in a fresh page', async () => {
        await ok(c, { type: 'set_query', query: 'kind:money' });
        await ok(c, { type: 'set_sort', sort: [{ column: 'value', dir: 'desc' }, { column: 'text', dir: 'asc' }] });
        await ok(c, { type: 'set_columns', columns: ['source', 'kind', 'value', 'unit', 'sentence'] });
        const r = await ok(c, { type: 'select_fact', index: 3 });
        const s = r.state;
        assert.equal(s.facts.selected, 3);
        const rows = await exportJson(c);
        assert.equal(rows.length, 17);
        assert.equal(s.facts.selected_fact.text, rows[3].text, 'selected_fact is export row 3');
        const link = s.link;
        assert.match(link, /(^|&)view=facts(&|$)/, `link ${link}`);
        assert.match(link, /(^|&)q=/, `link ${link}`);
        assert.match(link, /(^|&)sort=/, `link ${link}`);
        assert.match(link, /(^|&)fact=3(&|$)/, `link ${link}`);
        assert.match(link, /(^|&)cols=/, `link ${link}`);
        if (kind !== 'embed-sandboxed') {
          assert.equal(await frame.evaluate(() => location.hash), '#' + link, 'location.hash follows state().link');
        }

        // A fresh context: nothing shared with the first page (no remembered settings).
        const ctx2 = await newContext(browser);
        try {
          const page2 = await ctx2.newPage();
          let c2, frame2;
          if (kind === 'hosted') {
            await page2.goto(server.url + 'index.html#' + link);
            frame2 = page2.mainFrame();
            await waitReady(frame2);
          } else if (kind === 'file') {
            await page2.goto(SINGLE_FILE_URL + '#' + link);
            frame2 = page2.mainFrame();
            await waitReady(frame2);
          } else {
            frame2 = await openSandboxedWithFragment(page2, link);
          }
          c2 = makeClient(page2, kind, frame2);
          const s2 = await c2.state();
          assert.equal(s2.view, 'facts');
          assert.equal(s2.facts.query, 'kind:money');
          assert.deepEqual(s2.facts.sort, s.facts.sort, 'same sort');
          assert.deepEqual(s2.facts.columns, s.facts.columns, 'same columns');
          assert.deepEqual(s2.facts.columns, ['source', 'kind', 'value', 'unit', 'sentence']);
          assert.equal(s2.facts.visible, 17);
          assert.equal(s2.facts.selected, 3, 'same selected index');
          assert.deepEqual(s2.facts.selected_fact, s.facts.selected_fact, 'same selected fact');
          assert.deepEqual(await exportJson(c2), rows, 'same rows (export json)');
          assert.equal(s2.link, link, 'the restored page links to itself');
        } finally {
          await ctx2.close();
        }
        await ok(c, { type: 'select_fact', index: -1 });
        await ok(c, { type: 'set_sort', sort: [] });
        await ok(c, { type: 'set_query', query: '' });
      });

      await t.test('8a. a malformed .jsonl is reported with its name and line; nothing changes', async () => {
        const before = await exportJson(c);
        const good = JSON.stringify({ ...FACTS[0], article: 'jsonl-article' });
        const text = `${good}\n{"kind": "money", "value": \n${good}\n`;
        const r = await c.cmd({ type: 'load_files', files: [{ name: 'broken-facts.jsonl', text }] });
        assert.equal(r.ok, false, 'load_files of a broken file fails');
        assert.match(r.error, /broken-facts\.jsonl/, `error names the file: ${r.error}`);
        assert.match(r.error, /line 2\b/, `error names line 2: ${r.error}`);
        if (kind !== 'embed-sandboxed') {
          assert.deepEqual(r.loaded, []);
          assert.equal(r.failed.length, 1);
          assert.equal(r.failed[0].name, 'broken-facts.jsonl');
          assert.match(r.failed[0].error, /line 2\b/);
        }
        const s = await c.state();
        assert.equal(s.facts.total, 83, 'total stays 83');
        assert.equal(s.facts.visible, 83);
        assert.deepEqual(await exportJson(c), before, 'rows unchanged');
      });

      await t.test('7b. load_files with a .txt article adds the facts the engine finds', async () => {
        const r = await ok(c, { type: 'load_files', files: [{ name: 'api-article.txt', text: ARTICLE_TEXT }] });
        if (kind !== 'embed-sandboxed') {
          assert.deepEqual(r.loaded, [{ name: 'api-article.txt', facts: ARTICLE_FACTS.length, article: 'api-article' }]);
          assert.deepEqual(r.failed, []);
        }
        assert.equal(r.state.facts.total, 83 + ARTICLE_FACTS.length, 'total grows by the facts found');
        assert.ok(r.state.articles.some((a) => a.id === 'api-article'), 'the article is listed');
        const q = await ok(c, { type: 'set_query', query: 'article:api-article' });
        assert.equal(q.state.facts.visible, ARTICLE_FACTS.length);
        const rows = (await exportJson(c)).sort(byText);
        assert.deepEqual(rows.map((x) => ({ kind: x.kind, text: x.text, value: x.value, unit: x.unit })), [...ARTICLE_FACTS].sort(byText));
        for (const x of rows) {
          assert.equal(x.article, 'api-article');
          assert.equal(ARTICLE_TEXT.slice(x.start, x.end), x.text, `${x.text}: start/end are offsets into the text`);
        }
        await ok(c, { type: 'set_query', query: '' });
      });

      if (kind === 'embed-sandboxed') {
        await t.test('postMessage replies carry export_facts text and load_files results', async () => {
          const r = await ask(page, 'fl-sandboxed', { ns: 'factlens', id: 'exp', type: 'command', command: { type: 'export_facts', format: 'json' } });
          assert.ok(r && r.ok);
          const text = r.text ?? (r.result && r.result.text);
          assert.equal(typeof text, 'string', `reply keys: ${Object.keys(r)}; result keys include text: ${'text' in r.result}`);
          assert.equal(JSON.parse(text).length, r.result.facts ? r.result.facts.visible : 0);
          const l = await ask(page, 'fl-sandboxed', { ns: 'factlens', id: 'load', type: 'command', command: { type: 'load_files', files: [{ name: 'pm.txt', text: ARTICLE_TEXT }] } });
          assert.ok(l && l.ok);
          assert.ok(Array.isArray(l.loaded ?? (l.result && l.result.loaded)), 'load_files reply lists what was loaded');
        });
      }
    } finally {
      await ctx.close();
    }
  });
}
