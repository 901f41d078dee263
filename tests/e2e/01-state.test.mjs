// 1. state() lists the five corpus articles, and the JS command API works, in every output.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { command, corpusIds, embedFrame, launchBrowser, newContext, openApp, requireDist, startServer, waitReady } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const IDS = corpusIds();

async function checkApp(frame, state) {
  assert.match(state.version, /^\d+\.\d+\.\d+/, 'version');
  assert.equal(typeof state.view, 'string');
  assert.equal(state.error, null, 'state().error');
  assert.ok(state.frames >= 1, `frames ${state.frames}`);
  assert.ok(state.first_frame_ms > 0, `first_frame_ms ${state.first_frame_ms}`);
  assert.equal(state.articles.length, 5, 'five articles');
  assert.deepEqual(state.articles.map((a) => a.id).sort(), IDS, 'article ids = corpus file names');
  state.articles.forEach((a, i) => {
    assert.equal(a.index, i, `articles[${i}].index`);
    for (const k of ['outlet', 'title', 'date', 'url']) assert.equal(typeof a[k], 'string', `articles[${i}].${k}`);
    assert.ok(a.title.length > 0, `articles[${i}].title is empty`);
    assert.ok(a.bytes > 0, `articles[${i}].bytes`);
  });
  assert.equal(state.filter, '');
  assert.equal(state.layout.list_rows.length, 5, 'layout.list_rows');
  for (const r of ['reader', 'filter']) {
    const rect = state.layout[r];
    assert.ok(rect && rect.w > 0 && rect.h > 0, `layout.${r} ${JSON.stringify(rect)}`);
  }

  let r = await command(frame, { type: 'select_article', index: 2 });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.state.selection.article, 2);
  assert.equal(r.state.selection.article_id, state.articles[2].id);

  r = await command(frame, { type: 'select_article', id: state.articles[4].id });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.state.selection.article, 4);

  r = await command(frame, { type: 'select_text', start: 0, end: 40 });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.state.selection.text_start, 0);
  assert.equal(r.state.selection.text_end, 40);
  assert.ok(r.state.selection.selected_text.length > 0, 'selected_text after select_text 0..40');
  assert.ok(Buffer.byteLength(r.state.selection.selected_text) <= 43, 'selected_text is about 40 bytes (a UTF-8 boundary may widen it)');

  r = await command(frame, { type: 'set_filter', text: 'zzz-no-such-article' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.state.filter, 'zzz-no-such-article');
  assert.equal(r.state.layout.list_rows.length, 0, 'filter hides all rows');
  r = await command(frame, { type: 'set_filter', text: '' });
  assert.equal(r.state.layout.list_rows.length, 5);

  r = await command(frame, { type: 'select_article', index: 99 });
  assert.equal(r.ok, false, 'select_article index 99 must fail');
  assert.equal(typeof r.error, 'string');
  r = await command(frame, { type: 'no_such_command' });
  assert.equal(r.ok, false, 'unknown command must fail');
  assert.match(r.error, /no_such_command/);
}

for (const kind of ['hosted', 'file', 'embed']) {
  test(`state() lists the 5 corpus articles and commands work (${kind})`, async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      if (kind === 'embed') {
        // One embed.html load: the app in iframe#fl-frame and in the sandboxed iframe#fl-sandboxed.
        await page.goto(server.url + 'embed.html');
        for (const id of ['fl-sandboxed', 'fl-frame']) {
          const frame = await embedFrame(page, id);
          await checkApp(frame, await waitReady(frame));
        }
      } else {
        const { frame, state } = await openApp(page, kind, server.url);
        await checkApp(frame, state);
      }
    } finally {
      await ctx.close();
    }
  });
}
