// window.factlens: the one API for host pages and tests, also reachable through postMessage from a
// parent frame. See docs/embedding.md. Appended to factlens.js with --post-js.
(function () {
  var NS = 'factlens';
  var isReady = false;
  var queued = [];
  var resolveReady;
  var ready = new Promise(function (resolve) { resolveReady = resolve; });

  function withString(s, fn) {
    var len = lengthBytesUTF8(s) + 1;
    var p = _malloc(len);
    stringToUTF8(s, p, len);
    try { return fn(p); } finally { _free(p); }
  }

  function state() {
    if (!isReady) throw new Error('FactLens is not ready yet: await factlens.ready first');
    return JSON.parse(UTF8ToString(Module._factlens_state()));
  }

  // ---- Files: streamed into the engine in chunks, so a file of hundreds of MB never sits in the
  // wasm heap whole (the JSON command path would copy it twice). Used by load_files, drops and the
  // file picker. One file at a time; each is all or nothing.
  var CHUNK_CHARS = 1 << 20;
  var chunkBuf = 0, chunkCap = 0;
  var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;

  // Streams one named text into the engine: begin(name), feed(bytes, n) per chunk, then end()'s
  // JSON reply.
  function streamIn(name, text, begin, feed, end) {
    withString(name, function (p) { begin(p); });
    for (var i = 0; i < text.length;) {
      var j = Math.min(text.length, i + CHUNK_CHARS);
      var c = text.charCodeAt(j - 1);
      if (j < text.length && c >= 0xD800 && c <= 0xDBFF) j--;  // never split a surrogate pair
      var part = text.slice(i, j);
      var need = part.length * 3 + 1;
      if (need > chunkCap) {
        if (chunkBuf) _free(chunkBuf);
        chunkCap = Math.max(need, 3 * CHUNK_CHARS + 4);
        chunkBuf = _malloc(chunkCap);
      }
      var written = encoder ? encoder.encodeInto(part, HEAPU8.subarray(chunkBuf, chunkBuf + chunkCap)).written
                            : (stringToUTF8(part, chunkBuf, chunkCap), lengthBytesUTF8(part));
      feed(chunkBuf, written);
      i = j;
    }
    return JSON.parse(UTF8ToString(end()));
  }

  function loadOne(name, text) {
    return streamIn(name, text, Module._fl_load_begin, Module._fl_load_feed, Module._fl_load_end);
  }

  // load_rates with its text streamed in the same way (a 2 MB ECB file would otherwise be escaped into
  // the command's JSON and parsed out of it again). Same checks, effect and reply as the JSON path.
  function loadRates(name, text) {
    return streamIn(name, text, Module._fl_rates_begin, Module._fl_rates_feed, Module._fl_rates_end);
  }

  function loadFiles(cmd) {
    var files = cmd.files;
    if (!Array.isArray(files) || files.length === 0)
      return { ok: false, error: '"files" must be a non-empty array of {name, text}' };
    for (var k = 0; k < files.length; k++) {
      var f = files[k];
      if (!f || typeof f !== 'object' || typeof f.name !== 'string' || typeof f.text !== 'string')
        return { ok: false, error: 'each file must be an object {name: string, text: string}' };
    }
    var loaded = [], failed = [];
    files.forEach(function (f) {
      var r = loadOne(f.name, f.text);
      if (r.ok) loaded.push({ name: f.name, facts: r.facts, article: r.article || null });
      else failed.push({ name: f.name, error: r.error });
    });
    Module._fl_load_done();
    var out = failed.length ? { ok: false, error: failed.map(function (x) { return x.error; }).join('; ') } : { ok: true };
    out.loaded = loaded;
    out.failed = failed;
    out.state = state();
    return out;
  }

  // Files from a drop or the file picker: read, then loaded as load_files does; the app shows the result.
  Module.flLoadDroppedFiles = function (fileList) {
    var list = Array.prototype.slice.call(fileList || []);
    if (!list.length) return;
    Promise.all(list.map(function (file) {
      return file.text().then(function (text) { return { name: file.name, text: text }; },
                              function (e) { return { name: file.name, error: String(e && e.message || e) }; });
    })).then(function (files) {
      var readable = files.filter(function (f) { return typeof f.text === 'string'; });
      files.filter(function (f) { return f.error; }).forEach(function (f) {
        withString(f.name + ': could not be read (' + f.error + ')', function (p) { Module._fl_show_notice(p, 1); });
      });
      if (readable.length) {
        var r = loadFiles({ files: readable });
        Module._fl_after_drop(r.loaded.length);
      }
    });
  };

  // opts.state === false: reply without the state, and draw nothing now (the next animation frame
  // draws). For hosts that send many commands in a row: over a thousand a second.
  function command(cmd, opts) {
    if (!isReady) return { ok: false, error: 'FactLens is not ready yet: await factlens.ready first' };
    if (cmd === null || typeof cmd !== 'object' || Array.isArray(cmd))
      return { ok: false, error: 'a command is an object like {type: "select_article", index: 0}' };
    if (cmd.type === 'load_files') return loadFiles(cmd);
    if (cmd.type === 'load_rates' && typeof cmd.name === 'string' && typeof cmd.text === 'string') {
      var lr = loadRates(cmd.name, cmd.text);
      if (lr.ok && !(opts && opts.state === false)) lr.state = state();
      return lr;
    }
    var json;
    try { json = JSON.stringify(cmd); } catch (e) { return { ok: false, error: 'command is not JSON-serializable: ' + e.message }; }
    var r = JSON.parse(withString(json, function (p) { return UTF8ToString(Module._factlens_command(p)); }));
    if (r.ok && !(opts && opts.state === false)) r.state = state();
    return r;
  }

  window.factlens = { ready: ready, state: state, command: command };

  // ---- postMessage ----------------------------------------------------------------------------
  // Optional allowlist: index.html#allow-origin=https://a.example,https://b.example (or ?allow-origin=).
  function parseAllowlist() {
    var m = /[#?&]allow-origin=([^&#]*)/.exec(location.hash + '&' + location.search);
    if (!m) return null;
    return decodeURIComponent(m[1]).split(',').map(function (s) { return s.trim(); }).filter(Boolean);
  }
  var allowed = parseAllowlist();

  function send(target, origin, msg) {
    try { target.postMessage(msg, origin && origin !== 'null' ? origin : '*'); } catch (e) { console.warn('factlens: reply failed', e); }
  }

  function handle(d, source, origin) {
    // Any value the host chose, echoed back as is; a string or structure of more than 256 characters
    // (as JSON) is cut, so a hostile 10 MB id costs nothing to answer.
    var id = d.id === undefined ? null : d.id;
    try {
      var idJson = JSON.stringify(id);
      if (idJson === undefined) id = null;
      else if (idJson.length > 256) id = typeof id === 'string' ? id.slice(0, 256) : null;
    } catch (e) { id = null; }
    var fail = function (error) { send(source, origin, { ns: NS, id: id, ok: false, error: error }); };
    try {
      if (d.type === 'state') return send(source, origin, { ns: NS, id: id, ok: true, result: state() });
      if (d.type === 'command') {
        var r = command(d.command, d.state === false ? { state: false } : undefined);
        // The reply carries the command's own results too (export_facts: format, text; load_files:
        // loaded, failed), beside the state in `result`.
        var msg = { ns: NS, id: id, ok: r.ok };
        for (var k in r) if (k !== 'ok' && k !== 'state') msg[k] = r[k];
        if (r.ok) msg.result = r.state;
        return send(source, origin, msg);
      }
      fail('unknown message type ' + JSON.stringify(String(d.type)).slice(0, 80) + ' (known: state, command)');
    } catch (e) {
      fail('request failed: ' + (e && e.message ? e.message : String(e)));
    }
  }

  window.addEventListener('message', function (ev) {
    if (allowed && allowed.indexOf(ev.origin) < 0) return;  // not on the allowlist: no reply at all
    var source = ev.source;
    if (!source || source === window) return;
    var d = ev.data;
    if (d === null || typeof d !== 'object' || Array.isArray(d)) {
      if (source === window.parent)
        send(source, ev.origin, { ns: NS, id: null, ok: false, error: 'malformed message: expected an object like {ns: "factlens", id: 1, type: "state"}' });
      return;
    }
    if (d.ns !== NS || 'ok' in d) return;  // someone else's message, or a reply
    if (isReady) handle(d, source, ev.origin);
    else queued.push(function () { handle(d, source, ev.origin); });
  });

  Module.flOnFirstFrame = function () {
    isReady = true;
    var loading = document.getElementById('factlens-loading');
    if (loading) loading.style.display = 'none';
    var s = state();
    window.factlens.version = s.version;
    resolveReady(s);
    if (window.parent && window.parent !== window) {
      var msg = { ns: NS, type: 'ready', version: s.version };
      if (allowed) allowed.forEach(function (o) { send(window.parent, o, msg); });
      else send(window.parent, '*', msg);
    }
    var q = queued;
    queued = [];
    q.forEach(function (f) { f(); });
  };
})();
