// Browser glue the html5.h API does not cover: text input through a hidden textarea (IME, emoji,
// Playwright's insertText), clipboard events, devicePixelRatio changes, cursor and error display.
// Linked with --js-library; the functions below are called from src/platform/main.cpp.
mergeInto(LibraryManager.library, {
  fl_js_init: function () {
    var canvas = document.getElementById('factlens-canvas');
    var input = document.getElementById('factlens-input');
    Module.flPendingCopy = null;

    function sendString(fn, s) {
      var len = lengthBytesUTF8(s) + 1;
      var p = _malloc(len);
      stringToUTF8(s, p, len);
      try { fn(p); } finally { _free(p); }
    }
    Module.flSendString = sendString;

    // The textarea is shown once the first frame is on screen (see fl_js_first_frame), or the
    // moment something wants to focus it, whichever comes first.
    function revealInput() { if (input.hidden) input.hidden = false; }
    Module.flRevealInput = revealInput;

    // Keyboard focus lives in the textarea, so text input, IME and clipboard events all reach us.
    // A touch focuses it only when it lands on a text field (main.cpp, on_touch), which is what
    // opens the on-screen keyboard; other taps focus the canvas, so keys still come here.
    Module.flLastPointerMs = -1e9;
    Module.flFocusing = false;     // true while we move focus ourselves (not a user arriving)
    Module.flReleased = false;     // Escape let go: canvas and textarea are out of the tab order until focus leaves
    function pointerBack() {
      Module.flLastPointerMs = performance.now();
      if (Module.flReleased) { Module.flReleased = false; input.tabIndex = 0; canvas.tabIndex = 0; }
    }
    canvas.addEventListener('mousedown', function () {
      pointerBack();
      revealInput();
      Module.flFocusing = true;
      try { input.focus({ preventScroll: true }); } finally { Module.flFocusing = false; }
    });
    canvas.addEventListener('touchstart', pointerBack, { passive: true });
    // Keyboard focus arriving from outside (Tab from the host page into this frame). The canvas and
    // the textarea are the page's two tab stops, in that order: Tab lands on the canvas (the first),
    // Shift+Tab on the textarea (the last), so which one got focus tells the direction, and the app
    // starts at its first control or its last. Leaving works the same way round (fl_js_release_focus).
    canvas.tabIndex = 0;
    // 16 px text in the textarea: below that, iOS zooms the page in when a text field takes focus.
    input.style.fontSize = '16px';
    function arrived(dir) {
      return function () {
        if (Module.flFocusing || performance.now() - Module.flLastPointerMs < 500) return;
        _fl_on_focus_arrived(dir);
      };
    }
    canvas.addEventListener('focus', arrived(1));
    input.addEventListener('focus', arrived(-1));
    // Once focus has left the frame (or the window), both are back in the tab order.
    window.addEventListener('blur', function () {
      if (Module.flReleased) { Module.flReleased = false; input.tabIndex = 0; canvas.tabIndex = 0; }
    });
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    input.addEventListener('input', function (e) {
      if (e.isComposing) return;  // wait for compositionend: the IME is still choosing
      var v = input.value;
      input.value = '';
      if (v) sendString(_fl_on_text, v);
    });
    input.addEventListener('compositionend', function () {
      var v = input.value;
      input.value = '';
      if (v) sendString(_fl_on_text, v);
    });

    // Chrome only fires copy/cut on Ctrl+C/X when something in the DOM is selected, unless
    // beforecopy/beforecut are cancelled. The text comes from ImGui (see fl_js_set_clipboard).
    document.addEventListener('beforecopy', function (e) { e.preventDefault(); });
    document.addEventListener('beforecut', function (e) { e.preventDefault(); });
    function onCopy(e) {
      if (Module.flPendingCopy === null || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', Module.flPendingCopy);
      Module.flPendingCopy = null;
      e.preventDefault();
    }
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', function (e) {
      var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      e.preventDefault();
      if (text) sendString(_fl_on_paste, text);
    });

    // devicePixelRatio changes (zoom, moving the window to another screen) do not always fire
    // resize; a media query on the current ratio does.
    function watchRatio() {
      if (!window.matchMedia) return;
      var mq = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
      var handler = function () {
        if (mq.removeEventListener) mq.removeEventListener('change', handler);
        _fl_on_environment_change();
        watchRatio();
      };
      if (mq.addEventListener) mq.addEventListener('change', handler);
    }
    watchRatio();
    // The container can change size without a window resize (an iframe, a host's layout).
    if (window.ResizeObserver) new ResizeObserver(function () { _fl_on_environment_change(); }).observe(canvas);

    // Files dropped on the page: .txt articles and factlens .json/.jsonl facts (web/api.js loads them).
    function hasFiles(e) { return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0; }
    document.addEventListener('dragover', function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    });
    document.addEventListener('drop', function (e) {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (Module.flLoadDroppedFiles) Module.flLoadDroppedFiles(e.dataTransfer.files);
    });

    // The view in the URL fragment (#view=facts&q=...): restored now, before the first frame.
    if (location.hash && location.hash.length > 1) sendString(_fl_apply_fragment, location.hash);
    // Table column layout remembered across visits, where the page may use storage.
    try {
      var saved = window.localStorage && window.localStorage.getItem('factlens.layout');
      if (saved) sendString(_fl_load_settings, saved);
    } catch (e) { }
  },

  // Keeps the URL fragment in step with the view. A sandboxed frame may not change its URL: skipped.
  fl_js_set_fragment: function (ptr) {
    var frag = UTF8ToString(ptr);
    try {
      if (location.hash.slice(1) === frag) return;
      history.replaceState(history.state, '', '#' + frag);
    } catch (e) { }
  },

  // Returns a malloc'd string (the caller frees it): this page's URL with the given fragment.
  fl_js_page_link: function (ptr) {
    var frag = UTF8ToString(ptr);
    var href = String(location.href).split('#')[0];
    var s = href + '#' + frag;
    var len = lengthBytesUTF8(s) + 1;
    var p = _malloc(len);
    stringToUTF8(s, p, len);
    return p;
  },

  // Offers text as a download. In a sandboxed frame (opaque origin, inside another page) downloads
  // are blocked silently, so the text goes to the clipboard instead; returns 0 then, 1 for a download.
  fl_js_download__deps: ['fl_js_set_clipboard_text'],
  fl_js_download: function (namePtr, mimePtr, textPtr, textLen) {
    var name = UTF8ToString(namePtr), mime = UTF8ToString(mimePtr);
    var text = UTF8ToString(textPtr, textLen);
    var framed = false;
    try { framed = window.self !== window.top; } catch (e) { framed = true; }
    var opaque = false;
    try { opaque = window.origin === 'null' && location.protocol !== 'file:'; } catch (e) { opaque = true; }
    if (framed && (opaque || Module.flDownloadsBlocked)) {
      _fl_js_set_clipboard_text(text);
      return 0;
    }
    try {
      var url = URL.createObjectURL(new Blob([text], { type: mime + ';charset=utf-8' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
      if (Module.flOnDownload) Module.flOnDownload(name, text);
      return 1;
    } catch (e) {
      _fl_js_set_clipboard_text(text);
      return 0;
    }
  },

  fl_js_set_clipboard_text__deps: ['fl_js_set_clipboard'],
  fl_js_set_clipboard_text: function (text) {
    var len = lengthBytesUTF8(text) + 1;
    var p = _malloc(len);
    stringToUTF8(text, p, len);
    try { _fl_js_set_clipboard(p); } finally { _free(p); }
  },

  fl_js_open_file_picker: function () {
    var input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = '.txt,.json,.jsonl,.ndjson,text/plain,application/json';
    input.style.display = 'none';
    input.addEventListener('change', function () {
      if (input.files && Module.flLoadDroppedFiles) Module.flLoadDroppedFiles(input.files);
      if (input.parentNode) input.parentNode.removeChild(input);
    });
    document.body.appendChild(input);
    input.click();
  },

  // After every frame: web/a11y.js refreshes its mirror. Not before the first frame is on screen:
  // the mirror is text, and laying it out would hold up the frame (see fl_js_first_frame).
  fl_js_frame_done: function (generation) {
    if (!Module.flPresented) { Module.flHeldGeneration = generation; return; }
    if (Module.flAfterFrame) Module.flAfterFrame(generation);
  },

  fl_js_save_settings: function (ptr) {
    try { if (window.localStorage) window.localStorage.setItem('factlens.layout', UTF8ToString(ptr)); } catch (e) { }
  },

  fl_js_set_clipboard: function (ptr) {
    var text = UTF8ToString(ptr);
    Module.flPendingCopy = text;
    // The copy event normally follows in this same task. If it does not (copy from a menu item),
    // fall back to the async Clipboard API, then to execCommand on a temporary textarea.
    setTimeout(function () {
      if (Module.flPendingCopy !== text) return;
      Module.flPendingCopy = null;
      var legacy = function () {
        var t = document.createElement('textarea');
        t.value = text;
        t.style.position = 'fixed';
        t.style.opacity = '0';
        document.body.appendChild(t);
        t.select();
        try { document.execCommand('copy'); } catch (e) { }
        document.body.removeChild(t);
        Module.flFocusing = true;
        try {
          if (Module.flRevealInput) Module.flRevealInput();
          document.getElementById('factlens-input').focus({ preventScroll: true });
        } finally { Module.flFocusing = false; }
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(legacy);
      else legacy();
    }, 0);
  },

  // Focus for text input: the textarea (IME, on-screen keyboard, clipboard events).
  fl_js_focus_input: function () {
    var input = document.getElementById('factlens-input');
    Module.flFocusing = true;
    try {
      if (Module.flReleased) { Module.flReleased = false; input.tabIndex = 0; document.getElementById('factlens-canvas').tabIndex = 0; }
      if (Module.flRevealInput) Module.flRevealInput();
      if (document.activeElement !== input) input.focus({ preventScroll: true });
    } finally { Module.flFocusing = false; }
  },

  // Focus without text input (a tap on anything but a text field): keys still reach the app, and an
  // on-screen keyboard closes.
  fl_js_focus_canvas: function () {
    var canvas = document.getElementById('factlens-canvas');
    Module.flFocusing = true;
    try { if (document.activeElement !== canvas) canvas.focus({ preventScroll: true }); } finally { Module.flFocusing = false; }
  },

  // The app lets go of the keyboard. how 0 (Escape): nothing keeps focus, and canvas and textarea
  // leave the tab order until focus leaves the frame or a pointer comes back, so the next Tab goes on
  // to the host page. how 1 (Tab past the last control): the textarea, the last tab stop, takes focus,
  // so that the browser's own Tab moves on from it, out of the app. how -1 (Shift+Tab before the first
  // control): the canvas, the first tab stop, takes it, and the browser's Shift+Tab moves out backwards.
  fl_js_release_focus: function (how) {
    var input = document.getElementById('factlens-input');
    var canvas = document.getElementById('factlens-canvas');
    var a = document.activeElement;
    if (how === 0) {
      Module.flReleased = true;
      input.tabIndex = -1;
      canvas.tabIndex = -1;
      if (a === input || a === canvas) a.blur();
      return;
    }
    var to = how > 0 ? input : canvas;
    if (a === to) return;
    if (to === input && Module.flRevealInput) Module.flRevealInput();
    Module.flFocusing = true;
    try { to.focus({ preventScroll: true }); } finally { Module.flFocusing = false; }
  },

  fl_js_set_ime_rect: function (x, y, h) {
    var input = document.getElementById('factlens-input');
    var canvas = document.getElementById('factlens-canvas');
    var left = canvas.offsetLeft + Math.max(0, x), top = canvas.offsetTop + Math.max(0, y);
    input.style.left = Math.round(left) + 'px';
    input.style.top = Math.round(top) + 'px';
    input.style.height = Math.max(1, Math.round(h)) + 'px';
  },

  fl_js_set_cursor: function (ptr) {
    document.getElementById('factlens-canvas').style.cursor = UTF8ToString(ptr);
  },

  fl_js_show_error: function (ptr) {
    var msg = UTF8ToString(ptr);
    if (window.factlensShowError) window.factlensShowError(msg);
    else console.error(msg);
  },

  // The first frame is drawn. What the page still needs beyond it (the textarea and the
  // accessibility mirror, DOM with text to lay out; the rest of the glyph atlas) waits until the
  // browser has put that frame on screen: a timer queued from the next animation frame runs after
  // that frame's paint (the second timer, in case animation frames are paused, as in a hidden tab).
  fl_js_first_frame: function () {
    try { performance.mark('factlens:first-frame'); } catch (e) { }
    var presented = function () {
      if (Module.flPresented) return;
      Module.flPresented = true;
      if (Module.flRevealInput) Module.flRevealInput();
      if (Module.flHeldGeneration !== undefined && Module.flAfterFrame) Module.flAfterFrame(Module.flHeldGeneration);
      _fl_first_frame_presented();
    };
    requestAnimationFrame(function () { setTimeout(presented, 0); });
    setTimeout(presented, 250);
    if (Module.flOnFirstFrame) Module.flOnFirstFrame();
  },

  fl_js_canvas_left: function () {
    return document.getElementById('factlens-canvas').getBoundingClientRect().left;
  },

  fl_js_canvas_top: function () {
    return document.getElementById('factlens-canvas').getBoundingClientRect().top;
  },
});
