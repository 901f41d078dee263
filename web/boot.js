// Start-up of the page, prepended to factlens.js with --pre-js, so neither build needs an inline
// script or style: the hosted index.html runs under `script-src 'self' 'wasm-unsafe-eval';
// style-src 'self'` and the single file under a hash-based policy (docs/embedding.md,
// "Content-Security-Policy"). factlens.js is loaded from <head>, before <body> is parsed, so the
// stylesheet is in place before anything is painted. This file:
//   - applies the page's CSS through CSSOM (a constructed stylesheet is not subject to style-src),
//   - loads the wasm: fetched next to factlens.js (hosted) or inflated from the inline
//     #factlens-wasm-gz element (factlens.html), and starts main() only once <body> exists,
//   - turns every way the start can fail into a plain message in #factlens-error: no WebAssembly,
//     index.html opened from file://, factlens.wasm missing or unreachable, blocked by a
//     Content-Security-Policy (securitypolicyviolation events), a crash, or a 20 s timeout.
(function () {
  'use strict';
  var CSS = [
    'html, body { margin: 0; height: 100%; overflow: hidden; background: #f6f6f4; }',
    '#factlens-canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; outline: none; touch-action: pinch-zoom; user-select: none; -webkit-user-select: none; -webkit-touch-callout: none; }',
    '#factlens-input { position: absolute; left: 0; top: 0; width: 1px; height: 1px; opacity: 0; border: 0; padding: 0;' +
      ' margin: 0; resize: none; overflow: hidden; pointer-events: none; }',
    '#factlens-loading, #factlens-error { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;' +
      ' font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #333; padding: 24px; box-sizing: border-box; }',
    '#factlens-loading p { margin: 0; }',
    '#factlens-loading:not(.factlens-slow) { display: none; }',
    '#factlens-hint { display: none; }',
    '#factlens-error { display: none; background: #f6f6f4; z-index: 2; }',
    '#factlens-error > div { max-width: 38em; border-left: 4px solid #b3261e; padding: 12px 16px; background: #fff; }',
    '#factlens-error strong { display: block; margin-bottom: 6px; color: #b3261e; }',
    '#factlens-error p { margin: 0 0 6px; }',
    '#factlens-error p:last-child { margin-bottom: 0; }',
    '#factlens-error .factlens-error-detail { font-size: 13px; line-height: 1.4; color: #666; overflow-wrap: anywhere; }',
  ].join('\n');

  // User Timing marks for the start-up breakdown in scripts/bench.sh (issue #9): this script's start,
  // the program compiled, main() about to run (and, in platform_lib.js, the first frame drawn).
  function mark(name) { try { performance.mark('factlens:' + name); } catch (e) { } }
  mark('boot');
  var TIMEOUT_MS = 20000;
  var LOADING_DELAY_MS = 300;
  var script = document.currentScript;
  var inlineWasm = document.getElementById('factlens-wasm-gz');  // only in factlens.html
  var wasmUrl = inlineWasm ? null : new URL('factlens.wasm', (script && script.src) || location.href).href;
  var stage = inlineWasm ? 'unpacking the program' : 'downloading factlens.wasm';
  var violations = [];     // securitypolicyviolation events, in order
  var pending = null;      // a failure waiting for late securitypolicyviolation events
  var shownKind = null;    // the kind of the message on screen
  var timer = null;

  var isReady = function () { return !!(window.factlens && window.factlens.version); };

  // ---- Style ------------------------------------------------------------------------------------
  (function applyStyle() {
    try {
      if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in document) {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        document.adoptedStyleSheets = Array.prototype.slice.call(document.adoptedStyleSheets).concat([sheet]);
        return;
      }
    } catch (e) { /* fall through */ }
    // Older browsers (Safari < 16.4): a <style> element, which a strict style-src blocks.
    var el = document.createElement('style');
    el.textContent = CSS;
    (document.head || document.documentElement).appendChild(el);
  })();

  function whenDom(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { fn(); });
    else fn();
  }

  // The canvas and the textarea are hidden in the markup only so that, should this script never
  // run, the page shows nothing but its "could not start" hint. The canvas is shown now; the
  // textarea once the first frame is on screen (platform_lib.js), and the "Loading FactLens…" line
  // only if the start takes longer than LOADING_DELAY_MS: until the first frame, the page holds no
  // text at all, so laying it out (for the canvas' size) needs no font, and a fast start shows no
  // flash of the loading line (issue #9).
  whenDom(function () {
    var canvas = document.getElementById('factlens-canvas');
    if (canvas) canvas.hidden = false;
  });
  setTimeout(function () {
    var loading = document.getElementById('factlens-loading');
    if (loading && !isReady() && !shownKind) loading.classList.add('factlens-slow');
  }, LOADING_DELAY_MS);

  // ---- The error box ----------------------------------------------------------------------------
  // parts: { what: 'what happened', todo: 'what to do', detail: 'technical detail' (optional) }
  function render(kind, parts) {
    whenDom(function () {
      var box = document.getElementById('factlens-error');
      if (!box) { console.error('FactLens: ' + parts.what); return; }
      box.textContent = '';
      var card = document.createElement('div');
      var title = document.createElement('strong');
      title.textContent = isReady() ? 'FactLens stopped' : 'FactLens could not start';
      card.appendChild(title);
      [['what', parts.what], ['todo', parts.todo && 'What to do: ' + parts.todo], ['detail', parts.detail && 'Details: ' + parts.detail]]
        .forEach(function (p) {
          if (!p[1]) return;
          var el = document.createElement('p');
          el.className = 'factlens-error-' + p[0];
          el.textContent = p[1];
          card.appendChild(el);
        });
      box.appendChild(card);
      box.setAttribute('data-kind', kind);
      box.dataset.shown = '1';
      box.style.display = 'flex';
      var loading = document.getElementById('factlens-loading');
      if (loading) loading.style.display = 'none';
    });
  }

  // Kinds whose message a later, more specific Content-Security-Policy explanation may replace.
  var REPLACEABLE = { load: 1, compile: 1, crash: 1, timeout: 1 };

  function show(kind, parts) {
    if (shownKind && !(kind === 'csp' && REPLACEABLE[shownKind])) return;  // keep the first, most specific message
    shownKind = kind;
    if (timer) { clearTimeout(timer); timer = null; }
    console.error('FactLens: ' + parts.what + (parts.detail ? ' (' + parts.detail + ')' : ''));
    render(kind, parts);
  }

  // Used by the C++ side (src/platform/platform_lib.js: fl_js_show_error) and kept for hosts.
  window.factlensShowError = function (message, todo) { show('app', { what: String(message), todo: todo }); };

  // A start-up failure that a Content-Security-Policy may be behind: violation events are
  // dispatched asynchronously, so wait a moment for them before deciding what to say.
  function fail(kind, parts) {
    if (shownKind || pending) return;
    pending = setTimeout(function () {
      pending = null;
      var csp = cspExplanation(parts.detail);
      show(csp ? 'csp' : kind, csp || parts);
    }, 150);
  }

  // ---- Content-Security-Policy ----------------------------------------------------------------
  // What a violation blocked, in words; `fatal` when FactLens cannot start without it (other
  // violations, such as an extension's injected script, are only logged).
  function describe(v) {
    var d = v.effectiveDirective || v.violatedDirective || '';
    var uri = v.blockedURI || '';
    if (uri === 'wasm-eval' || uri === 'eval')  // the JS glue never evals: this is the wasm compile
      return { what: 'compiling its WebAssembly program', fix: "add 'wasm-unsafe-eval' to script-src", fatal: true };
    if (uri === 'inline')
      return { what: 'an inline ' + (/^style/.test(d) ? 'style' : /^script/.test(d) ? 'script' : 'element'), fix: '', fatal: false };
    var name = uri.replace(/[?#].*$/, '').replace(/^.*\//, '') || uri;
    var ours = /^factlens\.(js|wasm)$/.test(name);
    if (/\.wasm$/.test(name))
      return { what: 'downloading ' + name, fix: "allow the site's own origin ('self') in connect-src", fatal: ours };
    if (/^script-src/.test(d))
      return { what: 'loading the script ' + name, fix: "allow the site's own origin ('self') in script-src", fatal: ours };
    return { what: 'loading ' + (name || 'a resource'), fix: '', fatal: false };
  }

  function cspExplanation(errorText) {
    var fatal = violations.filter(function (v) { return v.disposition !== 'report' && describe(v).fatal; });
    if (!fatal.length && errorText && /Content.Security.Policy|wasm-unsafe-eval|unsafe-eval/i.test(errorText)) {
      // The event can be missing (e.g. in a worker or an older browser): the error itself says CSP.
      fatal = [{ blockedURI: 'wasm-eval', effectiveDirective: 'script-src', originalPolicy: '' }];
    }
    if (!fatal.length) return null;
    var v = fatal[0], d = describe(v);
    var directive = (v.originalPolicy || '').split(';').map(function (s) { return s.trim(); }).filter(function (s) {
      var name = (v.effectiveDirective || '').replace(/-(elem|attr)$/, '');
      return s.indexOf(name + ' ') === 0 || s === name;
    })[0] || (v.originalPolicy || '').split(';').map(function (s) { return s.trim(); }).filter(function (s) { return /^default-src/.test(s); })[0];
    return {
      what: "This page's Content-Security-Policy blocked FactLens from " + d.what + '.' +
            (directive ? ' The policy says: ' + directive + '.' : ''),
      todo: 'whoever runs this site should ' + (d.fix || 'relax that directive') +
            ' in the Content-Security-Policy sent with this page (docs/embedding.md lists the exact policy FactLens needs).',
      detail: errorText || null,
    };
  }

  document.addEventListener('securitypolicyviolation', function (v) {
    violations.push(v);
    var d = describe(v);
    console.warn('FactLens: the Content-Security-Policy blocked ' + d.what + ' (' + (v.effectiveDirective || v.violatedDirective) +
                 (v.blockedURI ? ', ' + v.blockedURI : '') + ')' + (v.disposition === 'report' ? ' [report only]' : ''));
    if (d.fatal && v.disposition !== 'report' && !isReady() && !shownKind) fail('csp', {});
  }, true);

  // ---- Checks before loading --------------------------------------------------------------------
  var startProblem = null;
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    startProblem = 'nowasm';
    show('nowasm', {
      what: 'This browser does not support WebAssembly, or it is turned off (some security settings and "lockdown" modes disable it).',
      todo: 'open the page in a current Chrome, Edge, Firefox or Safari, with WebAssembly allowed.',
    });
  } else if (!inlineWasm && location.protocol === 'file:') {
    startProblem = 'file';
    show('file', {
      what: 'This is index.html, the hosted build of FactLens, opened from disk. Browsers do not let a page opened from a file load its program (factlens.wasm), so it cannot start this way.',
      todo: 'open factlens.html, in the same folder, instead: it is the offline version and works from disk. ' +
            'Or serve this folder with a web server (python3 scripts/serve.py --dir dist) and open http://127.0.0.1:8080/.',
    });
  }

  // ---- Loading the wasm -------------------------------------------------------------------------
  function loadError(e) {
    var text = String(e && e.message || e);
    if (e && e.factlens) return fail('load', e.factlens);
    if (typeof WebAssembly.LinkError === 'function' && e instanceof WebAssembly.LinkError)
      return fail('compile', {
        what: 'factlens.wasm does not belong to this factlens.js: the two files come from different builds.',
        todo: 'upload index.html, factlens.js and factlens.wasm together, from the same build, and reload.',
        detail: text,
      });
    if (typeof WebAssembly.CompileError === 'function' && e instanceof WebAssembly.CompileError)
      return fail('compile', {
        what: inlineWasm ? 'The program inside this file is damaged.' : 'factlens.wasm is damaged or is not a WebAssembly file.',
        todo: inlineWasm ? 'download factlens.html again.' : 'upload factlens.wasm again (as a binary file), then reload.',
        detail: text,
      });
    fail('load', {
      what: inlineWasm ? 'The program inside this file could not be unpacked.' :
        'factlens.wasm could not be downloaded: the network failed, or something (a proxy, an extension, a security policy) blocked it.',
      todo: 'check the connection and reload the page.',
      detail: text,
    });
  }

  function httpError(response) {
    var status = response.status + (response.statusText ? ' ' + response.statusText : '');
    var err = new Error('HTTP ' + status + ' for ' + response.url);
    err.factlens = response.status === 404 ? {
      what: 'factlens.wasm is missing: the server answered "' + status + '" for ' + response.url + '.',
      todo: 'put factlens.wasm in the same folder as index.html and factlens.js (copy all three files from dist/), then reload.',
    } : {
      what: 'factlens.wasm could not be downloaded: the server answered "' + status + '" for ' + response.url + '.',
      todo: 'reload the page; if it keeps happening, check the web server.',
    };
    return err;
  }

  function fetchAndInstantiate(imports) {
    return fetch(wasmUrl, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw httpError(response);
      stage = 'compiling factlens.wasm';
      var type = (response.headers.get('Content-Type') || '').split(';')[0].trim();
      if (typeof WebAssembly.instantiateStreaming === 'function' && type === 'application/wasm')
        return WebAssembly.instantiateStreaming(response, imports);
      // A server that does not send application/wasm: compile from the bytes instead.
      return response.arrayBuffer().then(function (bytes) { return WebAssembly.instantiate(bytes, imports); });
    });
  }

  function inflateAndInstantiate(imports) {
    var b64 = inlineWasm.textContent;
    inlineWasm.remove();
    inlineWasm = true;
    if (typeof DecompressionStream !== 'function') {
      show('nowasm', {
        what: 'This browser is too old for the offline FactLens file (it lacks DecompressionStream).',
        todo: 'open it in a current Chrome, Edge, Firefox or Safari.',
      });
      return new Promise(function () {});
    }
    var bytes;
    if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(b64);
    else {
      var bin = atob(b64), n = bin.length;
      bytes = new Uint8Array(n);
      for (var i = 0; i < n; i++) bytes[i] = bin.charCodeAt(i);
    }
    // The compressed bytes go into the inflater in one write (no Blob: reading a Blob back is a
    // round trip through the browser's blob storage), and the inflated stream straight into the
    // streaming compiler, so that inflating and compiling overlap (issue #9).
    var inflater = new DecompressionStream('gzip');
    var writer = inflater.writable.getWriter();
    var ignore = function () {};  // a damaged file fails the read side too: reported from there
    writer.write(bytes).catch(ignore);
    writer.close().catch(ignore);
    stage = 'compiling the program';
    if (typeof WebAssembly.instantiateStreaming === 'function')
      return WebAssembly.instantiateStreaming(new Response(inflater.readable, { headers: { 'Content-Type': 'application/wasm' } }), imports);
    return new Response(inflater.readable).arrayBuffer().then(function (buf) { return WebAssembly.instantiate(buf, imports); });
  }

  Module.instantiateWasm = function (imports, done) {
    if (startProblem) return {};  // never started: the message is on screen
    (inlineWasm ? inflateAndInstantiate(imports) : fetchAndInstantiate(imports)).then(function (result) {
      mark('compiled');
      stage = 'starting';
      // main() looks up the canvas: run it once <body> exists, outside this promise chain so that
      // its errors reach the error handler below instead of being taken for a loading failure. A
      // microtask rather than a timer: a timer can wait behind a rendering update (5-15 ms here).
      var later = typeof queueMicrotask === 'function' ? queueMicrotask : setTimeout;
      whenDom(function () { later(function () { mark('main'); done(result.instance, result.module); }); });
    }, loadError);
    return {};
  };

  Module.printErr = function (t) { console.warn(t); };
  Module.onAbort = function (what) {
    if (isReady()) return show('crash', { what: 'FactLens stopped because of an internal error.', todo: 'reload the page.', detail: String(what || 'abort') });
    fail('crash', {
      what: 'FactLens stopped with an internal error while starting.',
      todo: 'reload the page; if it keeps happening, report the details below.',
      detail: String(what || 'abort'),
    });
  };
  window.addEventListener('error', function (e) {
    if (isReady() || shownKind) return;
    fail('crash', {
      what: 'FactLens stopped with an error while starting.',
      todo: 'reload the page; if it keeps happening, report the details below.',
      detail: e.message || 'a script could not be loaded',
    });
  });

  if (!startProblem) {
    timer = setTimeout(function () {
      timer = null;
      if (isReady()) return;
      fail('timeout', {
        what: 'FactLens did not finish starting within ' + TIMEOUT_MS / 1000 + ' seconds (it was still ' + stage + ').',
        todo: 'reload the page. If it keeps happening, the connection may be very slow, or a file may be damaged or blocked by an extension or proxy.',
      });
    }, TIMEOUT_MS);
  }
})();
