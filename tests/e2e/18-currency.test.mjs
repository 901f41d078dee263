// 18. Currency conversion in the three delivery modes: toggle USD and read the seed articles'
//     converted figures through export_facts; switch to each article's own rate (ECNS: 1.2 trillion
//     yuan -> 168 billion USD exactly); load the ECB file through the API (and a broken one, refused
//     with its line); the Rates view lists every seed conversion pair with its verdict; a real click
//     on the toggle. Expected figures are worked by hand from the seed texts and the CFETS rows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ROOT, canvasBox, launchBrowser, makeClient, newContext, openApp, pollState, rectCentre, requireDist, sleep, startServer,
} from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const ECB = readFileSync(path.join(ROOT, 'tests', 'data', 'ecb', 'eurofxref-hist.csv'), 'utf8');
const near = (a, b, rel = 1e-9) => Math.abs(a - b) <= rel * Math.abs(b);

async function ok(c, cmd) {
  const r = await c.cmd(cmd);
  assert.equal(r.ok, true, `${JSON.stringify(cmd).slice(0, 100)} failed: ${r.error}`);
  return r;
}
const exported = async (c) => JSON.parse(await c.exportText('json'));
const at = (rows, prefix, start) => {
  const row = rows.find((x) => x.article.startsWith(prefix) && x.start === start);
  assert.ok(row, `no exported fact ${prefix}@${start}`);
  return row;
};

for (const kind of ['hosted', 'file', 'embed-sandboxed']) {
  test(`currency conversion and the Rates view (${kind})`, async (t) => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      const c = makeClient(page, kind, frame);

      await t.test('USD at the reference rate: every money row converted, with its provenance', async () => {
        const r = await ok(c, { type: 'set_currency', currency: 'USD' });
        assert.equal(r.state.currency.currency, 'USD');
        assert.equal(r.state.currency.rates, 'reference');
        assert.equal(r.state.currency.converted, 12, '12 yuan amounts converted');
        await ok(c, { type: 'set_query', query: 'kind:money' });
        const rows = await exported(c);
        assert.equal(rows.length, 17);
        // ECNS (2026-01-21): "exceed 1.2 trillion yuan" / 7.0572 (2025-12-22).
        const ecns = at(rows, '002', 190);
        assert.ok(near(ecns.display_value, 1.2e12 / 7.0572), `ECNS display_value ${ecns.display_value}`);
        assert.equal(ecns.display_unit, 'USD');
        assert.equal(ecns.rate, 7.0572);
        assert.equal(ecns.rate_unit, 'CNY per USD');
        assert.equal(ecns.rate_source, 'CFETS central parity (MENAFN)');
        assert.equal(ecns.rate_date, '2025-12-22');
        assert.equal(ecns.rate_stale, false);
        assert.equal(ecns.conversion_note,
          '1.2 trillion CNY ÷ 7.0572 CNY per USD (CFETS central parity (MENAFN), 2025-12-22) = 170.0 billion USD');
        // The dollar figures are already dollars.
        const usd = at(rows, '002', 215);
        assert.equal(usd.display_value, 168e9);
        assert.equal(usd.conversion, 'unchanged');
        // Article 000 (2026-01-22) is 31 days after the rate: stale, flagged.
        assert.equal(at(rows, '000', 376).rate_stale, true);
        for (const row of rows) {
          for (const k of ['display_value', 'display_unit', 'rate', 'rate_unit', 'rate_source', 'rate_date'])
            assert.ok(k in row, `${row.article}@${row.start} has ${k}`);
        }
        // value> filters on the converted amount: 4 figures of 000 and 2 of ECNS exceed $150 billion.
        const f = await ok(c, { type: 'set_query', query: 'kind:money value>1.5e11' });
        assert.equal(f.state.facts.visible, 6);
        await ok(c, { type: 'set_query', query: 'kind:money' });
        // The CSV carries the same columns.
        const csv = await c.exportText('csv');
        assert.match(csv.split('\r\n')[0], /,rate,rate_unit,display_value,display_unit,rate_source,rate_date,rate_stale,/);
      });

      await t.test("each article's own rate converts its own pairs exactly", async () => {
        const r = await ok(c, { type: 'set_currency', currency: 'USD', rates: 'article' });
        assert.equal(r.state.currency.rates, 'article');
        const rows = await exported(c);
        assert.ok(near(at(rows, '002', 190).display_value, 168e9, 1e-12), 'ECNS 1.2 trillion yuan -> 168 billion USD');
        assert.ok(near(at(rows, '000', 376).display_value, 170e9, 1e-12), '000: -> US$170 billion');
        assert.ok(near(at(rows, '000', 1547).display_value, 171.39e9, 1e-12), '000: -> 171.39 billion');
        assert.ok(near(at(rows, '003', 165).display_value, 142e9, 1e-12), 'Race to AGI: 1 trillion -> 142 billion');
        assert.equal(at(rows, '001', 78).conversion, 'fallback', '001 states no pair: reference rate, flagged');
        assert.match(r.state.link, /cur=USD/);
        assert.match(r.state.link, /rates=article/);
        // A custom rate, and a refused one that changes nothing.
        await ok(c, { type: 'set_currency', currency: 'USD', rates: { custom: 7.1, unit: 'CNY per USD' } });
        assert.ok(near(at(await exported(c), '002', 190).display_value, 1.2e12 / 7.1));
        const bad = await c.cmd({ type: 'set_currency', currency: 'USD', rates: { custom: -3 } });
        assert.equal(bad.ok, false);
        assert.deepEqual((await c.state()).currency.rates, { custom: 7.1, unit: 'CNY per USD' });
        await ok(c, { type: 'set_currency', currency: 'USD', rates: 'reference' });
      });

      await t.test('load_rates: the ECB file is added; a broken copy is refused and nothing is lost', async () => {
        const r = await ok(c, { type: 'load_rates', name: 'eurofxref-hist.csv', text: ECB });
        const src = r.state.currency.sources;
        assert.equal(src.length, 2);
        assert.equal(src[1].name, 'eurofxref-hist.csv');
        assert.equal(src[1].first_date, '1999-01-04');
        assert.equal(src[1].last_date, '2024-10-11');
        assert.ok(src[1].currencies.includes('CNY') && src[1].currencies.includes('USD'));
        const broken = ECB.replace('1.0938', '1.09x8');
        const e = await c.cmd({ type: 'load_rates', name: 'broken.csv', text: broken });
        assert.equal(e.ok, false);
        assert.equal(e.error, 'broken.csv: line 2: USD "1.09x8" is not a positive number');
        assert.equal((await c.state()).currency.sources.length, 2, 'the rates loaded before stay');
      });

      await t.test('the Rates view lists every seed conversion pair with its verdict', async () => {
        const r = await ok(c, { type: 'set_view', view: 'rates' });
        assert.equal(r.state.view, 'rates');
        const pairs = r.state.rates.pairs;
        assert.equal(r.state.rates.count, 5);
        const verdict = Object.fromEntries(pairs.map((p) => [`${p.article.slice(0, 3)} ${p.converted}`, p.verdict]));
        assert.deepEqual(verdict, {
          '000 US$170 billion': 'consistent',
          '000 171.39 billion U.S. dollars': 'far',
          '002 $168 billion': 'far',
          '003 US$142 billion': 'consistent',
          '004 $142 billion': 'consistent',
        });
        const ecns = pairs.find((p) => p.article.startsWith('002'));
        assert.ok(Math.abs(ecns.implied_low - 1.2e12 / 168.5e9) < 1e-9 && Math.abs(ecns.implied_high - 1.2e12 / 167.5e9) < 1e-9);
        assert.equal(ecns.reference, 7.0572);
        assert.match(ecns.explanation, /a different rate, or a different base figure/);
        const s = await c.state();
        assert.equal(s.layout.pair_rows.length, 5, 'five pair rows drawn');
        await ok(c, { type: 'select_pair', index: 2 });
        assert.equal((await c.state()).rates.selected, 2);
      });

      if (kind !== 'embed-sandboxed') {
        await t.test('a real click on the toggle: EUR', async () => {
          const s = await c.state();
          const box = await canvasBox(frame);
          const eur = s.layout.currency.EUR;
          assert.ok(eur && eur.w > 0, 'layout.currency.EUR');
          const p = rectCentre(box, eur);
          await page.mouse.click(p.x, p.y);
          assert.equal((await pollState(frame, (st) => st.currency.currency === 'EUR')).currency.currency, 'EUR');
          const asWritten = (await c.state()).layout.currency['as written'];
          const q = rectCentre(box, asWritten);
          await page.mouse.click(q.x, q.y);
          assert.equal((await pollState(frame, (st) => st.currency.currency === null)).currency.currency, null);
        });
      }
    } finally {
      await ctx.close();
    }
  });
}
