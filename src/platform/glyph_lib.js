// Glyphs the embedded fonts lack (Thai, most CJK, ...), rasterized from the browser's own fonts with a
// 2D canvas, for the ImGui atlas (src/app/app_fonts.h, FallbackGlyph). Called only when such a
// character first appears, never per frame. Linked with --js-library.
mergeInto(LibraryManager.library, {
  // Rasterizes code point cp at px pixels (bold or not) with its baseline at `ascent` below the top of
  // the line. Writes up to maxBytes of alpha (w*h, row-major) at out and five floats at metrics:
  // w, h, advance, x0, y0 (offsets from the pen at the top of the line). A character the browser has
  // no font for either becomes a box with its hex code, never a blank or a bare box. Returns 1, or 0
  // on failure.
  fl_js_rasterize_glyph: function (cp, px, ascent, bold, out, maxBytes, metrics) {
    try {
      var S = Module.flGlyphCanvas;
      if (!S) {
        var c = document.createElement('canvas');
        S = Module.flGlyphCanvas = { canvas: c, ctx: c.getContext('2d', { willReadFrequently: true }), tofu: {} };
      }
      var size = Math.max(8, Math.ceil(px * 2.2));
      if (S.canvas.width !== size) { S.canvas.width = size; S.canvas.height = size; }
      var ctx = S.ctx;
      var font = (bold ? 'bold ' : '') + px + 'px sans-serif';
      var pad = Math.ceil(px * 0.3);
      function draw(text, f) {
        ctx.clearRect(0, 0, size, size);
        ctx.font = f;
        ctx.textBaseline = 'alphabetic';
        ctx.fillStyle = '#fff';
        ctx.fillText(text, pad, pad + ascent);
        return ctx.getImageData(0, 0, size, size).data;
      }
      function same(a, b) { if (a.length !== b.length) return false; for (var i = 3; i < a.length; i += 4) if (a[i] !== b[i]) return false; return true; }
      var ch = String.fromCodePoint(cp);
      var data = draw(ch, font);
      var advance = ctx.measureText(ch).width;
      // The browser's own "no glyph" box: an unassigned code point drawn the same way.
      var key = font;
      if (!S.tofu[key]) S.tofu[key] = draw('\u0378', font).slice();
      if (same(data, S.tofu[key])) {
        // Hex box: the code point in small digits inside a frame, as wide as two digits per row.
        var hex = cp.toString(16).toUpperCase();
        while (hex.length < 4) hex = '0' + hex;
        var small = Math.max(5, Math.floor(px * 0.42));
        ctx.clearRect(0, 0, size, size);
        ctx.font = small + 'px monospace';
        ctx.textBaseline = 'top';
        ctx.fillStyle = '#fff';
        var half = Math.ceil(hex.length / 2);
        var bw = Math.ceil(ctx.measureText(hex.slice(0, half)).width) + 4, bh = small * 2 + 5;
        var top = pad + Math.max(0, Math.round(ascent - bh));
        ctx.fillText(hex.slice(0, half), pad + 2, top + 2);
        ctx.fillText(hex.slice(half), pad + 2, top + 3 + small);
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 1;
        ctx.strokeRect(pad + 0.5, top + 0.5, bw - 1, bh - 1);
        data = ctx.getImageData(0, 0, size, size).data;
        advance = bw + Math.ceil(px * 0.15);
      }
      // Crop to the inked box.
      var x0 = size, y0 = size, x1 = -1, y1 = -1;
      for (var y = 0; y < size; y++) for (var x = 0; x < size; x++) {
        if (data[(y * size + x) * 4 + 3]) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
      }
      var w = x1 >= x0 ? x1 - x0 + 1 : 1, h = y1 >= y0 ? y1 - y0 + 1 : 1;
      if (x1 < x0) { x0 = pad; y0 = pad; }
      if (w * h > maxBytes) return 0;
      for (var yy = 0; yy < h; yy++) for (var xx = 0; xx < w; xx++) {
        var sx = x0 + xx, sy = y0 + yy;
        HEAPU8[out + yy * w + xx] = (sx < size && sy < size) ? data[(sy * size + sx) * 4 + 3] : 0;
      }
      var m = metrics >> 2;
      HEAPF32[m] = w; HEAPF32[m + 1] = h; HEAPF32[m + 2] = Math.round(advance);
      HEAPF32[m + 3] = x0 - pad; HEAPF32[m + 4] = y0 - pad;
      return 1;
    } catch (e) {
      return 0;
    }
  },
});
