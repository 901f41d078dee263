// 8. The postMessage protocol through embed.html's iframes (incl. the sandboxed single file), and
//    the origin allowlist.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { embedFrame, launchBrowser, newContext, requireDist, startServer, waitReady } from './helpers.mjs';

let browser, server;
before(async () => { requireDist(); server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

// Posts `msg` from the top page to iframe#iframeId and resolves to the first factlens reply from that
// frame whose id equals replyId (or null after `timeout` ms).
function ask(page, iframeId, msg, replyId, timeout = 5000) {
  return page.evaluate(({ iframeId, msg, replyId, timeout }) => new Promise((resolve) => {
    const win = document.getElementById(iframeId).contentWindow;
    const onMsg = (e) => {
      if (e.source !== win || !e.data || e.data.ns !== 'factlens' || e.data.type === 'ready') return;
      if (JSON.stringify(e.data.id) !== JSON.stringify(replyId)) return;
      window.removeEventListener('message', onMsg);
      clearTimeout(timer);
      resolve(e.data);
    };
    const timer = setTimeout(() => { window.removeEventListener('message', onMsg); resolve(null); }, timeout);
    window.addEventListener('message', onMsg);
    win.postMessage(msg, '*');
  }), { iframeId, msg, replyId: replyId === undefined ? msg.id : replyId, timeout });
}

async function waitEvent(page, pred, timeout) {
  await page.waitForFunction(`(${pred})(window.factlensEvents || [])`, null, { timeout, polling: 50 });
}

test('embed.html: both frames post ready; the sandboxed frame answers state/command/errors', async () => {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'embed.html');
    for (const id of ['fl-frame', 'fl-sandboxed']) {
      await waitEvent(page, `(ev) => ev.some((e) => e.frame === '${id}' && e.data && e.data.ns === 'factlens' && e.data.type === 'ready')`, 30_000);
    }
    const events = await page.evaluate(() => window.factlensEvents);
    for (const e of events.filter((x) => x.data.type === 'ready')) assert.match(e.data.version, /^\d+\.\d+\.\d+/);
    assert.ok(await page.isVisible('iframe#fl-sandboxed'));
    assert.equal(await page.getAttribute('iframe#fl-sandboxed', 'sandbox'), 'allow-scripts');

    for (const id of ['fl-sandboxed', 'fl-frame']) {
      const st = await ask(page, id, { ns: 'factlens', id: 42, type: 'state' });
      assert.ok(st, `${id}: no reply to a state request`);
      assert.equal(st.ok, true, `${id}: ${st.error}`);
      assert.equal(st.result.articles.length, 5, `${id}: 5 articles`);

      const cmd = await ask(page, id, { ns: 'factlens', id: 'sel-2', type: 'command', command: { type: 'select_article', index: 2 } });
      assert.ok(cmd, `${id}: no reply to a command`);
      assert.equal(cmd.ok, true, `${id}: ${cmd.error}`);
      assert.equal(cmd.result.selection.article, 2, `${id}: select_article 2 via postMessage`);

      const garbage = await ask(page, id, 'garbage', null);
      assert.ok(garbage, `${id}: no reply to a string message`);
      assert.equal(garbage.ok, false);
      assert.equal(garbage.id, null);
      assert.match(garbage.error, /malformed/i);

      const nope = await ask(page, id, { ns: 'factlens', id: 7, type: 'nope' });
      assert.ok(nope, `${id}: no reply to an unknown type`);
      assert.equal(nope.ok, false);
      assert.match(nope.error, /nope/);

      const badCmd = await ask(page, id, { ns: 'factlens', id: 8, type: 'command', command: { type: 'select_article', index: 99 } });
      assert.ok(badCmd, `${id}: no reply to a failing command`);
      assert.equal(badCmd.ok, false);
      assert.equal(typeof badCmd.error, 'string');

      // The id may be any JSON value and is echoed back as is.
      const objId = await ask(page, id, { ns: 'factlens', id: { req: 8, tag: ['a'] }, type: 'state' });
      assert.ok(objId, `${id}: no reply to a request with an object id`);
      assert.equal(objId.ok, true, `${id}: object id: ${objId.error}`);

      const foreign = await ask(page, id, { ns: 'someone-else', id: 9, type: 'state' }, 9, 500);
      assert.equal(foreign, null, `${id}: messages without ns:'factlens' must be ignored`);
    }
    // The embed page's log saw the replies too.
    const logged = await page.evaluate(() => window.factlensEvents.filter((e) => e.frame === 'fl-sandboxed' && e.data && e.data.id === 42).length);
    assert.ok(logged >= 1, 'window.factlensEvents records replies from fl-sandboxed');
    assert.ok(await page.isVisible('#fl-log'), 'the message log is visible');
    assert.match(await page.textContent('#fl-log'), /ready/, 'the visible log shows the ready events');
  } finally {
    await ctx.close();
  }
});

test('origin allowlist: a foreign allowlist gets no reply, a matching one does; early requests are answered', async () => {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    const origin = server.url.replace(/\/$/, '');
    const hostUrl = server.url + '__allowlist_host.html';
    await page.route(hostUrl, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>
        <iframe id="deny" sandbox="allow-scripts" style="width:400px;height:300px" src="factlens.html#allow-origin=https://not-this-origin.example"></iframe>
        <iframe id="allow" sandbox="allow-scripts" style="width:400px;height:300px"></iframe>
        <script>
          window.got = [];
          addEventListener('message', (e) => window.got.push({ from: e.source === document.getElementById('allow').contentWindow ? 'allow' : 'other', data: e.data, t: performance.now() }));
          const f = document.getElementById('allow');
          f.addEventListener('load', () => f.contentWindow.postMessage({ ns: 'factlens', id: 'early', type: 'state' }, '*'), { once: true });
          f.src = 'factlens.html#allow-origin=https://a.example,${origin}';
        </script></body>`,
    }));
    await page.goto(hostUrl);
    const deny = await embedFrame(page, 'deny');
    const allow = await embedFrame(page, 'allow');
    await waitReady(deny);
    await waitReady(allow);

    // The request posted at the iframe's load event (possibly before ready) is answered.
    await page.waitForFunction(() => window.got.some((m) => m.from === 'allow' && m.data && m.data.id === 'early'), null, { timeout: 10_000, polling: 50 });
    const early = await page.evaluate(() => window.got.find((m) => m.data && m.data.id === 'early').data);
    assert.equal(early.ok, true, early.error);
    assert.equal(early.result.articles.length, 5);

    const denied = await ask(page, 'deny', { ns: 'factlens', id: 'denied', type: 'state' }, 'denied', 1000);
    assert.equal(denied, null, 'a frame whose allowlist excludes this origin must not reply');
    const deniedGarbage = await ask(page, 'deny', 'garbage', null, 500);
    assert.equal(deniedGarbage, null, 'nor reply to malformed messages from a foreign origin');
    const allowed = await ask(page, 'allow', { ns: 'factlens', id: 'allowed', type: 'state' }, 'allowed', 3000);
    assert.ok(allowed && allowed.ok, 'a frame whose allowlist includes this origin replies');
  } finally {
    await ctx.close();
  }
});
