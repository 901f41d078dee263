// The accessibility mirror: an off-screen DOM that says what the canvas shows, for screen readers
// (see src/app/a11y_model.h and the "Accessibility" section of docs/embedding.md). Appended to
// factlens.js with --post-js.
//
// After every rendered frame the platform calls Module.flAfterFrame(generation). When the number
// moved, one snapshot is fetched (Module._fl_a11y_snapshot(), at most once per task, in a microtask)
// and the DOM is patched in place: unchanged nodes stay, so a screen reader's position survives.
//
// The snapshot (JSON):
// {
//   generation: 123456789,                 // a11y_generation() when it was made
//   view: "articles" | "facts" | "rates" | "compare" | "diff",
//   error: null | "…",                     // the corpus could not be loaded
//   articles: {
//     total: 5, filter: "",                // every article / the "Filter articles" field
//     selected: 0,                         // corpus index, -1 for none
//     options: [ { index: 0, id: "000_…", label: "Headline — ECNS, 2026-01-21" } ]  // the list, as filtered
//   },
//   reader: null | {                       // the open article (Articles view; Facts view under a selected fact)
//     article: 0, id: "000_…", title: "…", outlet: "ECNS" | "unknown", date, url, bytes: 12345,
//     text: "…" | null,                    // the full text; null when it is the one the previous snapshot sent
//     highlight: "$168 billion"            // only when a fact's figure is highlighted
//   },
//   facts: {
//     total: 83, visible: 12,              // rows in the table / passing the query
//     query: "…", applied_query: "…", query_error: null | "…",
//     notice: null | "…", notice_is_error: false,
//     columns: [ { name: "source", label: "Source" }, … ],   // visible columns, in order
//     rows: [ { index: 0, row: 17, cells: ["ECNS, 2026-01-21", "money", …], selected: true } ],
//                                          // ONLY the rows drawn on screen (index: position in the result)
//     selected: 2, selected_count: 1,      // -1 / 0 for none; a Shift range counts more than one
//     selected_fact: null | { index: 2, row: 17, label: "1.2 trillion CNY, ECNS, 2026-01-21" }
//   },
//   currency: { currency: "USD" | null, choices: ["as written", "CNY", …], label: "Amounts in USD at the reference rate" },
//   panel: null | {                        // the Rates, Compare or Diff view as one table
//     view: "rates" | "compare" | "diff", caption: "…", columns: ["Source", …],
//     rows: [ { index: 0, cells: ["…"], selected: false } ],   // at most 500
//     selected: -1, detail: null | "…"     // the selected row's explanation, or a warning
//   }
// }
//
// The DOM (#factlens-a11y, visually hidden, not aria-hidden): an h1 naming the view; "Articles" and
// "Facts" view buttons (aria-pressed); the article list as role=listbox with role=option items
// (aria-selected); the reader as an <article> (headline, source line, one <p> per line of text); the
// facts as a <table role=grid aria-readonly=true> (caption with the counts and the query, column headers, the rows on screen with
// aria-rowindex/aria-rowcount and aria-selected); the query error; the currency toggle as a group of
// pressed/unpressed buttons; the Rates, Compare and Diff views as one grid each (a caption, the
// rows, the selected row's explanation); and a polite live region (role=status) announcing
// selection changes and result counts. Activating (clicking) a view button, a currency, an option
// or a row runs the matching factlens.command.
(function () {
  var ID = 'factlens-a11y';
  var appliedGen = -1;       // the generation the DOM shows
  var wantedGen = -1;        // the newest one reported by a frame
  var scheduled = false;
  var resendTries = 0;
  var prev = null;           // the previous snapshot, for announcements
  var texts = [];            // [{id, text}] article texts received, newest last (a few at most)
  var shownArticleKey = null;
  var dom = null;

  function el(tag, parent, text) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function setText(e, text) { if (e.textContent !== text) e.textContent = text; }
  function setAttr(e, name, value) { if (e.getAttribute(name) !== value) e.setAttribute(name, value); }
  function setHidden(e, hidden) { if (e.hidden !== hidden) e.hidden = hidden; }

  function run(cmd) {
    var api = window.factlens;
    if (!api || !api.command) return;
    try {
      var r = api.command(cmd);
      if (r && !r.ok) announce('action', r.error);
    } catch (e) { /* not ready yet */ }
  }

  // Visually hidden, still in the accessibility tree (no inline style strings: a strict CSP allows
  // element.style).
  function hideVisually(e) {
    var s = e.style;
    s.position = 'absolute';
    s.left = '0';
    s.top = '0';
    s.width = '1px';
    s.height = '1px';
    s.margin = '-1px';
    s.padding = '0';
    s.border = '0';
    s.overflow = 'hidden';
    s.clip = 'rect(0 0 0 0)';
    s.clipPath = 'inset(50%)';
    s.whiteSpace = 'nowrap';
  }

  function build() {
    var root = document.createElement('section');
    root.id = ID;
    root.setAttribute('aria-label', 'FactLens');
    hideVisually(root);
    var d = { root: root };
    d.heading = el('h1', root, 'FactLens');
    d.views = el('div', root);
    d.views.setAttribute('role', 'group');
    d.views.setAttribute('aria-label', 'Views');
    d.viewButtons = {};
    [['articles', 'Articles view'], ['facts', 'Facts view'], ['rates', 'Rates view'], ['compare', 'Compare view'],
     ['diff', 'Diff view']].forEach(function (v) {
      var b = el('button', d.views, v[1]);
      b.type = 'button';
      b.tabIndex = -1;
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', function () { run({ type: 'set_view', view: v[0] }); });
      d.viewButtons[v[0]] = b;
    });
    d.error = el('p', root);
    d.error.hidden = true;

    // The currency toggle
    d.currency = el('div', root);
    d.currency.setAttribute('role', 'group');
    d.currency.setAttribute('aria-label', 'Amounts in');
    d.currencyLabel = el('p', d.currency);
    d.currencyButtons = {};
    ['as written', 'CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD'].forEach(function (c) {
      var b = el('button', d.currency, c === 'as written' ? 'Amounts as written' : 'Amounts in ' + c);
      b.type = 'button';
      b.tabIndex = -1;
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', function () { run({ type: 'set_currency', currency: c === 'as written' ? null : c }); });
      d.currencyButtons[c] = b;
    });


    // Articles
    d.articles = el('div', root);
    el('h2', d.articles, 'Articles');
    d.articlesInfo = el('p', d.articles);
    d.listbox = el('ul', d.articles);
    d.listbox.id = ID + '-articles';
    d.listbox.setAttribute('role', 'listbox');
    d.listbox.setAttribute('aria-label', 'Articles');
    d.options = {};  // corpus index -> li
    d.listbox.addEventListener('click', function (ev) {
      var o = ev.target && ev.target.closest ? ev.target.closest('[role="option"]') : null;
      if (o && o.dataset.index !== undefined) run({ type: 'select_article', index: Number(o.dataset.index) });
    });

    // Facts
    d.facts = el('div', root);
    el('h2', d.facts, 'Facts');
    d.queryError = el('p', d.facts);
    d.queryError.id = ID + '-query-error';
    d.queryError.hidden = true;
    d.notice = el('p', d.facts);
    d.notice.hidden = true;
    d.table = el('table', d.facts);
    d.table.id = ID + '-facts';
    // A grid, not a plain table: only there do browsers expose a row's aria-selected. Read-only; the
    // keys still go to the app (it listens on the window).
    d.table.setAttribute('role', 'grid');
    d.table.setAttribute('aria-readonly', 'true');
    d.table.setAttribute('aria-multiselectable', 'true');
    d.caption = el('caption', d.table);
    var thead = el('thead', d.table);
    d.headRow = el('tr', thead);
    d.headRow.setAttribute('aria-rowindex', '1');
    d.headKey = '';
    d.tbody = el('tbody', d.table);
    d.rows = {};  // result index -> tr
    d.tbody.addEventListener('click', function (ev) {
      var tr = ev.target && ev.target.closest ? ev.target.closest('tr[data-index]') : null;
      if (!tr || !prev) return;
      var i = Number(tr.dataset.index), row = Number(tr.dataset.row);
      // Only if the row still shows that fact (the result may have changed since it was drawn).
      var ok = prev.facts.rows.some(function (r) { return r.index === i && r.row === row; });
      if (ok) run({ type: 'select_fact', index: i });
    });
    d.factsHint = el('p', d.facts, 'Only the rows on screen are listed. Activate a row to select its fact and open it in the reader.');

    // Rates, Compare, Diff: one table each, built from the snapshot's panel
    d.panel = el('div', root);
    d.panelHeading = el('h2', d.panel);
    d.panelTable = el('table', d.panel);
    d.panelTable.id = ID + '-panel';
    d.panelTable.setAttribute('role', 'grid');
    d.panelTable.setAttribute('aria-readonly', 'true');
    d.panelCaption = el('caption', d.panelTable);
    d.panelHead = el('tr', el('thead', d.panelTable));
    d.panelHeadKey = '';
    d.panelBody = el('tbody', d.panelTable);
    d.panelBody.addEventListener('click', function (ev) {
      var tr = ev.target && ev.target.closest ? ev.target.closest('tr[data-index]') : null;
      if (!tr || !prev || !prev.panel) return;
      var i = Number(tr.dataset.index);
      if (prev.panel.view === 'rates') run({ type: 'select_pair', index: i });
      if (prev.panel.view === 'compare') run({ type: 'select_cluster', index: i });
    });
    d.panelDetail = el('p', d.panel);

    // Reader
    d.reader = el('article', root);
    d.reader.setAttribute('aria-labelledby', ID + '-title');
    d.readerTitle = el('h2', d.reader);
    d.readerTitle.id = ID + '-title';
    d.readerMeta = el('p', d.reader);
    d.readerHighlight = el('p', d.reader);
    d.readerText = el('div', d.reader);

    // Announcements
    d.live = el('div', root);
    d.live.id = ID + '-live';
    d.live.setAttribute('role', 'status');
    d.live.setAttribute('aria-live', 'polite');
    d.live.setAttribute('aria-atomic', 'true');

    document.body.appendChild(root);
    return d;
  }

  // ---- Announcements: collected for a moment (typing a query changes the count per key), one
  // message per kind, the newest of each kind wins.
  var pendingMsgs = {};
  var pendingOrder = [];
  var announceTimer = 0;
  function announce(kind, text) {
    if (!text) return;
    if (!(kind in pendingMsgs)) pendingOrder.push(kind);
    pendingMsgs[kind] = text;
    if (announceTimer) clearTimeout(announceTimer);
    announceTimer = setTimeout(flushAnnouncements, 150);
  }
  function flushAnnouncements() {
    announceTimer = 0;
    var text = pendingOrder.map(function (k) { return pendingMsgs[k]; }).join('. ');
    pendingMsgs = {};
    pendingOrder = [];
    if (!dom || !text) return;
    // The same words again must still be spoken: make the text differ.
    if (dom.live.textContent === text) text += '\u00a0';
    dom.live.textContent = text;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function announceChanges(p, s) {
    if (!p) return;
    var f = s.facts, pf = p.facts;
    if (s.view !== p.view)
      announce('view', s.view === 'facts' ? 'Facts view, ' + f.visible + ' of ' + f.total + ' facts'
        : s.panel ? (VIEW_NAMES[s.view] || s.view) + ' view: ' + s.panel.caption : 'Articles view');
    if (s.currency && p.currency && s.currency.label !== p.currency.label) announce('currency', s.currency.label);
    if (s.panel && p.panel && s.panel.view === p.panel.view && s.panel.selected !== p.panel.selected && s.panel.selected >= 0) {
      var row = s.panel.rows.filter(function (r) { return r.index === s.panel.selected; })[0];
      if (row) announce('panel', 'Selected ' + (s.panel.selected + 1) + ' of ' + s.panel.rows.length + ': ' + row.cells.join(', '));
    }
    if (f.query_error && f.query_error !== pf.query_error) announce('count', 'Query error: ' + f.query_error);
    else if (f.applied_query !== pf.applied_query || f.total !== pf.total || (!f.query_error && pf.query_error))
      announce('count', f.visible === 1 ? '1 fact matches' : f.visible + ' facts match');
    var factSaid = false;
    var sf = f.selected_fact, psf = pf.selected_fact;
    if (f.selected_count > 1 && (f.selected_count !== pf.selected_count || f.selected !== pf.selected)) {
      announce('fact', plural(f.selected_count, 'fact', 'facts') + ' selected');
      factSaid = true;
    } else if (sf && (!psf || sf.row !== psf.row || pf.selected_count > 1)) {
      announce('fact', 'Selected fact ' + (sf.index + 1) + ' of ' + f.visible + ': ' + sf.label);
      factSaid = true;
    } else if (!sf && psf && f.applied_query === pf.applied_query) {
      announce('fact', 'No fact selected');
    }
    var a = s.articles, pa = p.articles;
    if (!factSaid && a.selected !== pa.selected && a.selected >= 0) {
      var pos = -1;
      a.options.forEach(function (o, i) { if (o.index === a.selected) pos = i; });
      var label = pos >= 0 ? a.options[pos].label : (s.reader ? s.reader.title : '');
      announce('article', pos >= 0 ? 'Selected article ' + (pos + 1) + ' of ' + a.options.length + ': ' + label
                                   : 'Selected article: ' + label);
    }
    if (a.filter !== pa.filter || a.total !== pa.total)
      announce('articles', a.filter ? plural(a.options.length, 'article matches', 'articles match') : plural(a.total, 'article', 'articles'));
    if (f.notice && f.notice !== pf.notice) announce('notice', f.notice);
    if (s.error && s.error !== p.error) announce('error', s.error);
  }

  // ---- The sections --------------------------------------------------------------------------
  function updateArticles(d, a) {
    var info = a.filter
      ? a.options.length + ' of ' + a.total + ' articles match the filter "' + a.filter + '"'
      : plural(a.total, 'article', 'articles');
    if (a.filter && !a.options.length) info += '. No article matches.';
    setText(d.articlesInfo, info);
    var keep = {};
    a.options.forEach(function (o, i) {
      var li = d.options[o.index];
      if (!li) {
        li = el('li');
        li.setAttribute('role', 'option');
        li.tabIndex = -1;
        li.id = ID + '-article-' + o.index;
        li.dataset.index = String(o.index);
        d.options[o.index] = li;
      }
      keep[o.index] = true;
      setText(li, o.label);
      setAttr(li, 'aria-selected', o.index === a.selected ? 'true' : 'false');
      if (d.listbox.children[i] !== li) d.listbox.insertBefore(li, d.listbox.children[i] || null);
    });
    Object.keys(d.options).forEach(function (k) {
      if (!keep[k]) { d.options[k].remove(); delete d.options[k]; }
    });
  }

  function cachedText(id) {
    for (var i = 0; i < texts.length; i++) if (texts[i].id === id) return texts[i].text;
    return null;
  }
  function rememberText(id, text) {
    texts = texts.filter(function (t) { return t.id !== id; });
    texts.push({ id: id, text: text });
    if (texts.length > 8) texts.shift();
  }

  // Returns false when the text is missing (the caller asks for it again).
  function updateReader(d, r) {
    setHidden(d.reader, !r);
    if (!r) return true;
    if (typeof r.text === 'string') rememberText(r.id, r.text);
    var text = cachedText(r.id);
    if (text === null) return false;
    setText(d.readerTitle, r.title);
    var meta = 'Outlet: ' + r.outlet + '. Date: ' + r.date + '.';
    if (r.url && r.url !== 'unknown') meta += ' URL: ' + r.url + '.';
    setText(d.readerMeta, meta);
    setHidden(d.readerHighlight, !r.highlight);
    if (r.highlight) setText(d.readerHighlight, 'Highlighted figure: ' + r.highlight);
    var key = r.id + ':' + r.bytes;
    if (key !== shownArticleKey) {
      shownArticleKey = key;
      var frag = document.createDocumentFragment();
      text.split(/\r?\n/).forEach(function (line) {
        line = line.trim();
        if (line) el('p', frag, line);
      });
      d.readerText.textContent = '';
      d.readerText.appendChild(frag);
    }
    return true;
  }

  function updateFacts(d, f) {
    setHidden(d.queryError, !f.query_error);
    if (f.query_error) setText(d.queryError, 'Query error: ' + f.query_error + '. Showing the last good query.');
    setHidden(d.notice, !f.notice);
    if (f.notice) setText(d.notice, f.notice);
    var caption = f.visible + ' of ' + f.total + ' facts' + (f.applied_query ? ', query: ' + f.applied_query : '');
    var rows = f.rows;
    if (rows.length && rows.length < f.visible)
      caption += '; rows ' + (rows[0].index + 1) + ' to ' + (rows[rows.length - 1].index + 1) + ' on screen';
    if (f.selected_count > 1) caption += '; ' + f.selected_count + ' selected';
    setText(d.caption, caption);
    setAttr(d.table, 'aria-rowcount', String(f.visible + 1));

    var headKey = f.columns.map(function (c) { return c.name; }).join(',');
    if (headKey !== d.headKey) {
      d.headKey = headKey;
      d.headRow.textContent = '';
      f.columns.forEach(function (c) {
        var th = el('th', d.headRow, c.label);
        th.scope = 'col';
      });
      // Cells follow the columns: start the body afresh.
      Object.keys(d.rows).forEach(function (k) { d.rows[k].remove(); });
      d.rows = {};
    }
    var keep = {};
    rows.forEach(function (r, i) {
      var tr = d.rows[r.index];
      if (!tr) {
        tr = el('tr');
        tr.dataset.index = String(r.index);
        setAttr(tr, 'aria-rowindex', String(r.index + 2));
        d.rows[r.index] = tr;
      }
      keep[r.index] = true;
      tr.dataset.row = String(r.row);
      setAttr(tr, 'aria-selected', r.selected ? 'true' : 'false');
      for (var c = 0; c < r.cells.length; c++) {
        var td = tr.children[c] || el('td', tr);
        setText(td, r.cells[c]);
      }
      while (tr.children.length > r.cells.length) tr.lastChild.remove();
      if (d.tbody.children[i] !== tr) d.tbody.insertBefore(tr, d.tbody.children[i] || null);
    });
    Object.keys(d.rows).forEach(function (k) {
      if (!keep[k]) { d.rows[k].remove(); delete d.rows[k]; }
    });
  }

  var VIEW_NAMES = { articles: 'Articles', facts: 'Facts', rates: 'Rates', compare: 'Compare sources', diff: 'Diff' };

  function updateCurrency(d, c) {
    if (!c) return;
    setText(d.currencyLabel, c.label);
    Object.keys(d.currencyButtons).forEach(function (k) {
      var on = c.currency === null ? k === 'as written' : k === c.currency;
      setAttr(d.currencyButtons[k], 'aria-pressed', on ? 'true' : 'false');
    });
  }

  function updatePanel(d, p) {
    setHidden(d.panel, !p);
    if (!p) return;
    setText(d.panelHeading, VIEW_NAMES[p.view] || p.view);
    setText(d.panelCaption, p.caption);
    var key = p.columns.join('\u0001');
    if (key !== d.panelHeadKey) {
      d.panelHead.textContent = '';
      p.columns.forEach(function (c) { var th = el('th', d.panelHead, c); th.setAttribute('scope', 'col'); });
      d.panelHeadKey = key;
    }
    setAttr(d.panelTable, 'aria-rowcount', String(p.rows.length + 1));
    p.rows.forEach(function (r, i) {
      var tr = d.panelBody.children[i] || el('tr', d.panelBody);
      tr.dataset.index = String(r.index);
      setAttr(tr, 'aria-rowindex', String(i + 2));
      setAttr(tr, 'aria-selected', r.selected ? 'true' : 'false');
      for (var c = 0; c < r.cells.length; ++c) setText(tr.children[c] || el('td', tr), r.cells[c]);
      while (tr.children.length > r.cells.length) tr.lastChild.remove();
    });
    while (d.panelBody.children.length > p.rows.length) d.panelBody.lastChild.remove();
    setHidden(d.panelDetail, !p.detail);
    if (p.detail) setText(d.panelDetail, p.detail);
  }

  function update(s) {
    if (!dom) dom = build();
    var d = dom;
    var facts = s.view === 'facts', articles = s.view === 'articles';
    setText(d.heading, 'FactLens: ' + (VIEW_NAMES[s.view] || s.view));
    Object.keys(d.viewButtons).forEach(function (v) { setAttr(d.viewButtons[v], 'aria-pressed', v === s.view ? 'true' : 'false'); });
    setHidden(d.error, !s.error);
    if (s.error) setText(d.error, 'The corpus could not be loaded: ' + s.error);
    setHidden(d.articles, !articles);
    setHidden(d.facts, !facts);
    updateArticles(d, s.articles);
    updateFacts(d, s.facts);
    updateCurrency(d, s.currency);
    updatePanel(d, s.panel || null);
    var complete = updateReader(d, s.reader);
    announceChanges(prev, s);
    prev = s;
    return complete;
  }

  function refresh() {
    scheduled = false;
    if (wantedGen === appliedGen) return;
    var s;
    try {
      s = JSON.parse(UTF8ToString(Module._fl_a11y_snapshot()));
    } catch (e) {
      console.warn('factlens: accessibility snapshot failed', e);
      appliedGen = wantedGen;  // do not retry every frame
      return;
    }
    appliedGen = wantedGen = s.generation;
    if (!update(s) && Module._fl_a11y_resend_text && resendTries++ < 3) {
      // Our copy of the article text is gone (someone else took that snapshot): ask for it again.
      Module._fl_a11y_resend_text();
      appliedGen = -1;
      schedule();
    } else {
      resendTries = 0;
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    Promise.resolve().then(refresh);
  }

  Module.flAfterFrame = function (generation) {
    wantedGen = generation;
    if (generation !== appliedGen) schedule();
  };
})();
