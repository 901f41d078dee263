// 14. The accessibility mirror (web/a11y.js): what Chromium's accessibility tree reports for the
//     off-screen DOM that mirrors the canvas. The articles listbox and its selected option, the
//     reader's text, the facts table (caption counts, column headers, only the rows on screen, the
//     selected row), the query error, the polite live region's announcements, and activating
//     mirror elements (as a screen reader's virtual cursor does: a click event). In the hosted page
//     and in the file:// single file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, canvasBox, command, getState, launchBrowser, newContext, openApp, requireDist, sleep, startServer } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

// Sentences of the corpus, checked against the files so a corpus change fails here, not silently.
const SENTENCE_000 = 'AI companies now number over 6,000, with the core industrial output expected to top 1.2 trillion yuan (US$170 billion).';
const SENTENCE_002 = 'with more than 6,000 related enterprises and the core industry expected to exceed 1.2 trillion yuan (about $168 billion)';
const corpusText = (id) => readFileSync(path.join(ROOT, 'assets', 'corpus', `${id}.txt`), 'utf8');

/** Chromium's accessibility tree (CDP), as { nodes, byId, kids(node), text(node) }. */
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const kids = (n) => (n.childIds || []).map((id) => byId.get(id)).filter(Boolean);
    const role = (n) => n.role && n.role.value;
    const name = (n) => (n.name && n.name.value) || '';
    const prop = (n, p) => { const x = (n.properties || []).find((q) => q.name === p); return x ? x.value.value : undefined; };
    const descendants = (n, pred, out = []) => { for (const k of kids(n)) { if (pred(k)) out.push(k); descendants(k, pred, out); } return out; };
    const text = (n) => [name(n), ...kids(n).map(text)].join(' ');
    return { nodes, byId, kids, role, name, prop, descendants, text };
  } finally {
    await cdp.detach();
  }
}

/** Polls fn (async) until it returns a truthy value; returns it, or throws with the last value. */
async function until(fn, what, timeout = 5000) {
  const t0 = Date.now();
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(50);
  }
}

const liveText = (page) => page.evaluate(() => {
  const e = document.getElementById('factlens-a11y-live');
  return e ? e.textContent.replace(/\u00a0/g, '').trim() : null;
});

async function checkMirror(page, frame) {
  // The mirror exists, is visually hidden but in the accessibility tree; the canvas keeps its label.
  await until(() => frame.evaluate(() => document.querySelectorAll('#factlens-a11y [role="option"]').length === 5), 'the five options');
  const box = await frame.evaluate(() => {
    const r = document.getElementById('factlens-a11y').getBoundingClientRect();
    return { w: r.width, h: r.height };
  });
  assert.ok(box.w <= 1 && box.h <= 1, `mirror is visually hidden: ${JSON.stringify(box)}`);
  assert.equal(await frame.evaluate(() => document.getElementById('factlens-a11y').closest('[aria-hidden="true"]')), null);
  assert.equal(await frame.evaluate(() => document.getElementById('factlens-canvas').getAttribute('aria-label')), 'FactLens: news facts explorer');

  // Articles: a listbox with five options, the first selected; the reader's text.
  let ax = await axTree(page);
  const listbox = ax.nodes.find((n) => ax.role(n) === 'listbox' && ax.name(n) === 'Articles');
  assert.ok(listbox, 'a listbox "Articles" in the accessibility tree');
  const options = ax.descendants(listbox, (n) => ax.role(n) === 'option');
  assert.equal(options.length, 5, 'five options');
  const selected = options.filter((o) => ax.prop(o, 'selected') === true);
  assert.equal(selected.length, 1, 'one selected option');
  const st = await getState(frame);
  assert.ok(ax.name(selected[0]).startsWith(st.articles[0].title), `selected option: ${ax.name(selected[0])}`);
  assert.ok(corpusText(st.articles[0].id).includes(SENTENCE_000), 'the sentence is in article 0');
  assert.ok(ax.nodes.some((n) => ax.role(n) === 'paragraph' && ax.text(n).includes(SENTENCE_000)), 'the reader text is a paragraph');
  assert.ok(ax.nodes.some((n) => ax.role(n) === 'heading' && ax.name(n) === 'FactLens: Articles'), 'the view heading');

  // The same through Playwright's aria snapshot.
  const aria = await frame.locator('#factlens-a11y').ariaSnapshot();
  assert.match(aria, /listbox "Articles"/);
  assert.equal((aria.match(/- '?option /g) || []).length, 5, aria);
  assert.equal((aria.match(/\[selected\]/g) || []).length, 1, aria);

  // Activating an option (a screen reader's click) selects the article; the live region says so.
  await frame.evaluate(() => document.querySelectorAll('#factlens-a11y [role="option"]')[2].click());
  const s2 = await until(async () => { const s = await getState(frame); return s.selection.article === 2 && s; }, 'article 2 selected');
  await until(async () => (await liveText(frame) || '').startsWith(`Selected article 3 of 5: ${s2.articles[2].title === 'unknown' ? 'First sentence (no headline): China' : s2.articles[2].title}`),
    'the article announcement');
  assert.ok(corpusText(s2.articles[2].id).includes(SENTENCE_002));
  await until(() => frame.evaluate((t) => [...document.querySelectorAll('#factlens-a11y article p')].some((p) => p.textContent.includes(t)), SENTENCE_002),
    'the reader shows article 2');
  ax = await axTree(page);
  const opts2 = ax.descendants(ax.nodes.find((n) => ax.role(n) === 'listbox'), (n) => ax.role(n) === 'option');
  assert.deepEqual(opts2.map((o) => ax.prop(o, 'selected') === true), [false, false, true, false, false]);

  // Facts: the table holds the rows on screen and the counts.
  let r = await command(frame, { type: 'set_view', view: 'facts' });
  assert.equal(r.ok, true);
  r = await command(frame, { type: 'set_query', query: 'kind:money unit:USD' });
  assert.equal(r.ok, true);
  assert.equal(r.state.facts.visible, 5);
  const caption = '5 of 83 facts, query: kind:money unit:USD';
  await until(() => frame.evaluate((c) => document.querySelector('#factlens-a11y caption')?.textContent === c, caption), 'the caption');
  await until(async () => (await liveText(frame) || '').includes('5 facts match'), 'the count announcement');
  ax = await axTree(page);
  const isTable = (n) => ax.role(n) === 'grid' || ax.role(n) === 'table';
  const isCell = (n) => ax.role(n) === 'gridcell' || ax.role(n) === 'cell';
  const table = ax.nodes.find((n) => isTable(n) && ax.name(n) === caption);
  assert.ok(table, `a table named by its caption "${caption}"`);
  const rows = ax.descendants(table, (n) => ax.role(n) === 'row');
  const dataRows = rows.filter((row) => ax.kids(row).some(isCell));
  const headers = ax.descendants(table, (n) => ax.role(n) === 'columnheader').map(ax.name);
  assert.equal(dataRows.length, 5, 'five data rows');
  assert.deepEqual(headers.slice(0, 3), ['Source', 'Kind', 'Value']);
  assert.ok(ax.nodes.some((n) => ax.role(n) === 'heading' && ax.name(n) === 'FactLens: Facts'), 'the view heading follows the view');
  assert.equal(ax.nodes.find((n) => ax.role(n) === 'listbox' && !n.ignored), undefined, 'the articles listbox is hidden in the Facts view');

  // select_fact: the row is marked and the live region announces it.
  r = await command(frame, { type: 'select_fact', index: 2 });
  assert.equal(r.ok, true);
  const f = r.state.facts.selected_fact;
  const label = `${f.display} ${f.unit}, ${f.outlet || 'unknown outlet'}${f.date ? ', ' + f.date : ''}`;
  const expected = `Selected fact 3 of 5: ${label}`;
  await until(async () => (await liveText(frame)) === expected, `"${expected}"`);
  ax = await axTree(page);
  const status = ax.nodes.find((n) => ax.role(n) === 'status');
  assert.ok(status && ax.text(status).includes(expected), 'the live region in the tree');
  assert.equal(ax.prop(status, 'live'), 'polite');
  const tableRows = ax.descendants(ax.nodes.find(isTable), (n) => ax.role(n) === 'row').filter((row) => ax.kids(row).some(isCell));
  assert.deepEqual(tableRows.map((row) => ax.prop(row, 'selected') === true), [false, false, true, false, false]);
  // The reader under the table: the fact's article.
  assert.ok(ax.nodes.some((n) => ax.role(n) === 'paragraph' && ax.text(n).includes(f.text)), 'the fact\'s article is in the reader');

  // Activating a row selects its fact.
  await frame.evaluate(() => document.querySelector('#factlens-a11y tr[data-index="4"]').click());
  await until(async () => (await getState(frame)).facts.selected === 4, 'fact 4 selected by a click in the mirror');
  await until(async () => (await liveText(frame) || '').startsWith('Selected fact 5 of 5: '), 'its announcement');

  // A malformed query: the error is shown and announced; the rows stay.
  await command(frame, { type: 'set_query', query: 'kind:mony' });
  await until(() => frame.evaluate(() => /^Query error: .*mony/.test(document.getElementById('factlens-a11y-query-error').textContent)),
    'the query error paragraph');
  await until(async () => /^Query error: /.test(await liveText(frame) || ''), 'the error announcement');
  assert.equal(await frame.evaluate(() => document.querySelectorAll('#factlens-a11y tbody tr').length), 5);

  // All 83 facts: only the rows on screen are in the DOM, with their position in the whole result.
  await command(frame, { type: 'set_query', query: '' });
  const st3 = await until(async () => { const s = await getState(frame); return s.facts.rows.length > 0 && s.facts.visible === 83 && s; }, 'all facts');
  const mirrorRows = await until(() => frame.evaluate(() => {
    const trs = [...document.querySelectorAll('#factlens-a11y tbody tr')];
    return trs.length && document.querySelector('#factlens-a11y caption').textContent.startsWith('83 of 83')
      ? { n: trs.length, first: trs[0].getAttribute('aria-rowindex'), count: document.querySelector('#factlens-a11y table').getAttribute('aria-rowcount') }
      : null;
  }), 'the unfiltered table');
  assert.equal(mirrorRows.n, st3.layout.fact_rows.length, 'as many rows as on screen');
  assert.ok(mirrorRows.n < 83, `${mirrorRows.n} rows in the DOM`);
  assert.equal(mirrorRows.count, '84');
  assert.equal(mirrorRows.first, String(st3.layout.fact_rows[0].index + 2));

  // Idle frames (mouse moves over the canvas) do not touch the mirror.
  const cb = await canvasBox(frame);
  await frame.evaluate(() => {
    window.__a11yMutations = 0;
    new MutationObserver((m) => { window.__a11yMutations += m.length; })
      .observe(document.getElementById('factlens-a11y'), { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const frames0 = (await getState(frame)).frames;
  await page.mouse.move(cb.x + cb.width - 30, cb.y + 12);
  await page.mouse.move(cb.x + cb.width - 40, cb.y + 14);
  await sleep(500);
  assert.ok((await getState(frame)).frames > frames0, 'the mouse moves rendered frames');
  assert.equal(await frame.evaluate(() => window.__a11yMutations), 0, 'no mirror change on frames that change nothing');

  // The view buttons switch views.
  await frame.evaluate(() => [...document.querySelectorAll('#factlens-a11y button')].find((b) => b.textContent === 'Articles view').click());
  await until(async () => (await getState(frame)).view === 'articles', 'the Articles view');
  await until(async () => (await liveText(frame) || '').includes('Articles view'), 'its announcement');
}

for (const kind of ['hosted', 'file']) {
  test(`the accessibility mirror (${kind})`, async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const { frame } = await openApp(page, kind, server.url);
      await checkMirror(page, frame);
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });
}

// The currency toggle and the Rates, Compare and Diff views reach the accessibility tree as a group
// of pressed buttons and one grid per view (hosted page).
test('a11y: currency toggle, Rates, Compare and Diff as grids', async () => {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    const { frame } = await openApp(page, 'hosted', server.url);
    let r = await command(frame, { type: 'set_currency', currency: 'USD' });
    assert.equal(r.ok, true, r.error);
    r = await command(frame, { type: 'set_view', view: 'rates' });
    assert.equal(r.ok, true, r.error);
    await until(() => frame.evaluate(() => document.querySelectorAll('#factlens-a11y-panel tbody tr').length === 5), 'the five pairs');
    let ax = await axTree(page);
    const pressed = ax.nodes.filter((n) => ax.role(n) === 'button' && ax.prop(n, 'pressed') === 'true').map((n) => ax.name(n));
    assert.ok(pressed.includes('Amounts in USD'), `pressed buttons: ${pressed}`);
    assert.ok(pressed.includes('Rates view'), `pressed buttons: ${pressed}`);
    assert.ok(ax.nodes.some((n) => ax.role(n) === 'heading' && ax.name(n) === 'FactLens: Rates'), 'the heading names the view');
    const grid = ax.nodes.find((n) => ax.role(n) === 'grid' && ax.text(n).includes('conversion pairs'));
    assert.ok(grid, 'the Rates grid');
    const rows = ax.descendants(grid, (n) => ax.role(n) === 'row');
    assert.equal(rows.length, 6, 'header and five pairs');
    assert.equal(rows.filter((x) => ax.text(x).includes(' far ')).length, 2, 'two pairs far from the reference rate');
    // Activating a row (a screen reader's click) selects that pair.
    await frame.evaluate(() => document.querySelectorAll('#factlens-a11y-panel tbody tr')[2].click());
    await until(async () => (await getState(frame)).rates.selected === 2, 'pair 2 selected');
    // Compare: a grid with a column per source.
    await command(frame, { type: 'compare' });
    await until(() => frame.evaluate(() => document.querySelectorAll('#factlens-a11y-panel thead th').length === 8), 'the compare columns');
    ax = await axTree(page);
    const cgrid = ax.nodes.find((n) => ax.role(n) === 'grid' && ax.text(n).includes('facts compared across 5 articles'));
    assert.ok(cgrid, 'the Compare grid');
    assert.ok(ax.text(cgrid).includes('timeframe'));
    // Diff: the list of changes.
    await command(frame, { type: 'diff', a: 0, b: 1 });
    await until(() => frame.evaluate(() => (document.querySelector('#factlens-a11y-panel caption') || {}).textContent?.startsWith('Changes from')), 'the diff caption');
    assert.ok(await frame.evaluate(() => document.querySelectorAll('#factlens-a11y-panel tbody tr').length > 3));
  } finally {
    await ctx.close();
  }
});
