// 19. Compare sources and the word diff in the three delivery modes: open Compare, read the seeds'
//     clusters and verdicts (hand-labelled), filter and select a cluster; load an edited copy of the
//     ECNS article, diff it against the original in both layouts (a changed number linked to its
//     fact, a moved paragraph); real clicks on the tabs and a cluster row where real input reaches.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  ROOT, canvasBox, launchBrowser, makeClient, newContext, openApp, rectCentre, requireDist, sleep, startServer,
} from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

// The ECNS article with "1,590" changed to "1,600" and its 4th and 5th paragraphs swapped.
const ECNS = readFileSync(path.join(ROOT, 'assets', 'corpus', '002_97deae5d2b524853.txt'), 'utf8');
const paras = ECNS.split('\n\n');
paras[2] = paras[2].replace('1,590', '1,600');
[paras[3], paras[4]] = [paras[4], paras[3]];
const EDITED = paras.join('\n\n');

async function ok(c, cmd) {
  const r = await c.cmd(cmd);
  assert.equal(r.ok, true, `${JSON.stringify(cmd).slice(0, 100)} failed: ${r.error}`);
  return r;
}

for (const kind of ['hosted', 'file', 'embed-sandboxed']) {
  test(`compare sources and diff two texts (${kind})`, async (t) => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const { frame } = await openApp(page, kind, server.url);
      const c = makeClient(page, kind, frame);

      await t.test('Compare: the seeds line up with their verdicts', async () => {
        const r = await ok(c, { type: 'compare' });
        assert.equal(r.state.view, 'compare');
        const cmp = r.state.compare;
        assert.equal(cmp.articles.length, 5);
        assert.deepEqual({ ...cmp.counts, single: undefined }, { agree: 1, compatible: 2, conflict: 0, timeframe: 1, single: undefined });
        const find = (verdict, text) => cmp.clusters.find((x) => x.verdict === verdict && x.members.some((m) => m.text.includes(text)));
        const firms = find('agree', '6,000');
        assert.ok(firms, 'the 6,000 firms agree');
        assert.equal(firms.sources, 2);
        const yuan = find('compatible', '1.2 trillion yuan');
        assert.ok(yuan, '1 / 1.2 trillion yuan: compatible');
        assert.equal(yuan.sources, 5);
        assert.ok(yuan.reasons.includes('base_figure'), `reasons ${yuan.reasons}`);
        assert.equal(yuan.members.filter((m) => m.unit === 'USD').length, 4, 'the four dollar conversions sit with their yuan figures');
        const year = find('timeframe', '5.9');
        assert.ok(year, '5.9% for 2025 vs a 2026 target: timeframe');
        for (const cl of cmp.clusters) for (const m of cl.members) assert.ok(m.end > m.start, 'members carry byte offsets');
        const f = await ok(c, { type: 'set_compare_filter', verdicts: ['timeframe'] });
        assert.equal(f.state.compare.visible, 1);
        await ok(c, { type: 'select_cluster', index: 0 });
        assert.equal((await c.state()).compare.selected, 0);
        await ok(c, { type: 'set_compare_filter', verdicts: ['agree', 'compatible', 'conflict', 'timeframe', 'single'] });
        const bad = await c.cmd({ type: 'compare', articles: ['nope'] });
        assert.equal(bad.ok, false);
      });

      await t.test('Diff: a changed number and a moved paragraph, side by side and inline', async () => {
        const l = await c.cmd({ type: 'load_files', files: [{ name: 'ecns-v2.txt', text: EDITED }] });
        assert.equal(l.ok, true, l.error);
        const r = await ok(c, { type: 'diff', a: '002_97deae5d2b524853', b: 'ecns-v2', mode: 'side' });
        const d = r.state.diff;
        assert.equal(r.state.view, 'diff');
        assert.equal(d.exact, true);
        assert.equal(d.level, 'word');
        assert.equal(d.stats.numbers_changed, 1);
        assert.equal(d.stats.moves, 1);
        assert.equal(d.numbers.length, 1);
        assert.equal(d.numbers[0].from, '1,590');
        assert.equal(d.numbers[0].to, '1,600');
        assert.ok(d.numbers[0].cluster, 'the changed number is linked to its fact');
        assert.equal(Buffer.from(ECNS, 'utf8').subarray(...d.numbers[0].a).toString('utf8'), '1,590', 'a: UTF-8 byte offsets into A');
        const s = await c.state();
        assert.ok(d.blocks > 5, `aligned blocks: ${d.blocks}`);
        // (the embed page's sandboxed frame is short: its first screen holds no change)
        if (kind !== 'embed-sandboxed') assert.ok(s.layout.diff_marks.length > 0, 'changes are drawn');
        const i = await ok(c, { type: 'diff', a: '002_97deae5d2b524853', b: 'ecns-v2', mode: 'inline' });
        assert.equal(i.state.diff.mode, 'inline');
        assert.equal(i.state.diff.stats.numbers_changed, 1);
        assert.equal((await c.cmd({ type: 'diff', a: 0, b: 99 })).ok, false);
      });

      if (kind !== 'embed-sandboxed') {
        await t.test('real clicks: the Compare tab, a cluster row, the Diff layouts', async () => {
          let s = await c.state();
          const box = await canvasBox(frame);
          let p = rectCentre(box, s.layout.tabs.compare);
          await page.mouse.click(p.x, p.y);
          await sleep(200);
          s = await c.state();
          assert.equal(s.view, 'compare');
          assert.ok(s.layout.cluster_rows.length > 0);
          p = rectCentre(box, s.layout.cluster_rows[1]);
          await page.mouse.click(p.x, p.y);
          await sleep(200);
          assert.equal((await c.state()).compare.selected, 1);
          p = rectCentre(box, (await c.state()).layout.tabs.diff);
          await page.mouse.click(p.x, p.y);
          await sleep(200);
          s = await c.state();
          assert.equal(s.view, 'diff');
          p = rectCentre(box, s.layout.diff_modes.side);
          await page.mouse.click(p.x, p.y);
          await sleep(200);
          assert.equal((await c.state()).diff.mode, 'side');
        });
      }
    } finally {
      await ctx.close();
    }
  });
}
