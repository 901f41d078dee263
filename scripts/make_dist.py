#!/usr/bin/env python3
"""Assembles dist/ from the Emscripten build:
  index.html + factlens.js + factlens.wasm   the hosted site
  factlens.html                              one self-contained file (JS and wasm inlined)
  embed.html                                 a demo host page with the app in iframes

usage: make_dist.py BUILD_DIR WEB_DIR DIST_DIR"""
import base64
import gzip
import os
import shutil
import sys


def write_if_changed(path, data: bytes):
    try:
        with open(path, 'rb') as f:
            if f.read() == data:
                return
    except OSError:
        pass
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    build, web, dist = sys.argv[1:]
    os.makedirs(dist, exist_ok=True)
    with open(os.path.join(web, 'shell.html'), encoding='utf-8') as f:
        shell = f.read()
    marker = '<!--FACTLENS_SCRIPTS-->'
    if marker not in shell:
        print('make_dist: shell.html lacks ' + marker, file=sys.stderr)
        return 1
    with open(os.path.join(build, 'factlens.js'), encoding='utf-8') as f:
        js = f.read()
    with open(os.path.join(build, 'factlens.wasm'), 'rb') as f:
        wasm = f.read()

    loader = ('<script>(function(){var s=document.createElement("script");s.src="factlens.js";'
              's.onerror=function(){window.factlensShowError("Loading failed: factlens.js could not be loaded '
              '(missing file or blocked request).")};if(!document.getElementById("factlens-error").dataset.shown)'
              'document.body.appendChild(s);})();</script>')
    write_if_changed(os.path.join(dist, 'index.html'), shell.replace(marker, loader).encode('utf-8'))
    write_if_changed(os.path.join(dist, 'factlens.js'), js.encode('utf-8'))
    write_if_changed(os.path.join(dist, 'factlens.wasm'), wasm)

    # The single file: the wasm travels gzip-compressed as base64 and is inflated by the browser's
    # own DecompressionStream, so nothing is fetched and there is a third as much to parse.
    b64 = base64.b64encode(gzip.compress(wasm, compresslevel=9, mtime=0)).decode('ascii')
    inline_js = js.replace('</script', '<\\/script')
    # The bytes sit in a non-executed script element: the HTML parser passes raw text through
    # without the JS parser ever scanning it.
    single = ('<script type="application/octet-stream" id="factlens-wasm-gz">' + b64 + '</script>\n'
              '<script>Module.instantiateWasm=function(imports,done){'
              'var el=document.getElementById("factlens-wasm-gz"),b64=el.textContent;el.remove();'
              'var bytes=Uint8Array.fromBase64?Uint8Array.fromBase64(b64):(function(){var b=atob(b64),n=b.length,u=new Uint8Array(n);'
              'for(var i=0;i<n;i++)u[i]=b.charCodeAt(i);return u})();'
              'if(typeof DecompressionStream!=="function"){window.factlensShowError("This browser is too old for the offline '
              'FactLens file (it lacks DecompressionStream). Use a current Chrome, Edge, Firefox or Safari.");return {}}'
              'new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()'
              '.then(function(buf){return WebAssembly.instantiate(buf,imports)})'
              '.then(function(r){done(r.instance,r.module)})'
              '.catch(function(e){window.factlensShowError("Loading failed: the embedded program could not be started ("+e+").")});'
              'return {};};</script>\n'
              '<script>\n' + inline_js + '\n</script>')
    write_if_changed(os.path.join(dist, 'factlens.html'), shell.replace(marker, single).encode('utf-8'))

    embed = os.path.join(web, 'embed.html')
    if os.path.exists(embed):
        shutil.copyfile(embed, os.path.join(dist, 'embed.html'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
