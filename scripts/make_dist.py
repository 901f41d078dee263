#!/usr/bin/env python3
"""Assembles dist/ from the Emscripten build:
  index.html + factlens.js + factlens.wasm   the hosted site
  factlens.html                              one self-contained file (JS and wasm inlined), with a
                                             hash-based Content-Security-Policy in a <meta> tag
  embed.html                                 a demo host page with the app in iframes

usage: make_dist.py BUILD_DIR WEB_DIR DIST_DIR"""
import base64
import gzip
import hashlib
import os
import shutil
import sys


SCRIPTS_MARKER = '<!--FACTLENS_SCRIPTS-->'
HEAD_MARKER = '<!--FACTLENS_HEAD-->'   # the single file's CSP and favicon


def csp_hash(text: str) -> str:
    """The CSP source expression for an inline element whose text is exactly `text`."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii') + "'"


def single_file_policy(inline_js: str) -> str:
    """factlens.html's Content-Security-Policy (docs/embedding.md): its one inline script by hash,
    WebAssembly compilation, its empty `data:,` icon (which keeps browsers from asking for
    /favicon.ico), and nothing else: no request, no other script, no style element. (The page's
    CSS is a constructed stylesheet, which style-src does not govern.)"""
    return ("default-src 'none'; script-src " + csp_hash(inline_js) + " 'wasm-unsafe-eval'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


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
    for marker in (SCRIPTS_MARKER, HEAD_MARKER):
        if marker not in shell:
            print('make_dist: shell.html lacks ' + marker, file=sys.stderr)
            return 1
    with open(os.path.join(build, 'factlens.js'), encoding='utf-8') as f:
        js = f.read()
    with open(os.path.join(build, 'factlens.wasm'), 'rb') as f:
        wasm = f.read()

    # The hosted page: no inline script or style at all (web/boot.js, inside factlens.js, does the
    # start-up), so it runs under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`. It
    # declares no icon: the usual `data:,` icon would be a CSP violation there, and any other icon
    # link is a request (`href="#"` fetches the page again); the browser shows the site's
    # /favicon.ico, as for any page without one.
    index = shell.replace(HEAD_MARKER + '\n', '').replace(SCRIPTS_MARKER, '<script src="factlens.js"></script>')
    write_if_changed(os.path.join(dist, 'index.html'), index.encode('utf-8'))
    write_if_changed(os.path.join(dist, 'factlens.js'), js.encode('utf-8'))
    write_if_changed(os.path.join(dist, 'factlens.wasm'), wasm)

    # The single file: the wasm travels gzip-compressed as base64 in a non-executed script element
    # (the HTML parser passes the raw text through; no JS parser scans it, and CSP does not apply to
    # it) and boot.js inflates it with the browser's DecompressionStream: nothing is fetched.
    # factlens.js is the one inline script; its hash goes into the file's own CSP.
    b64 = base64.b64encode(gzip.compress(wasm, compresslevel=9, mtime=0)).decode('ascii')
    # Escaped so the HTML parser cannot end (or "double-escape") the element early; line ends as
    # the parser normalizes them, so that the hash is of the text the browser sees.
    inline_js = js.replace('</script', '<\\/script').replace('<!--', '<\\!--').replace('\r\n', '\n').replace('\r', '\n')
    inline_js = '\n' + inline_js + '\n'
    policy = single_file_policy(inline_js)
    single = shell.replace(HEAD_MARKER, '<meta http-equiv="Content-Security-Policy" content="' + policy + '">\n'
                                        '<link rel="icon" href="data:,">')
    single = single.replace(SCRIPTS_MARKER,
                            '<script type="application/octet-stream" id="factlens-wasm-gz">' + b64 + '</script>\n'
                            '<script>' + inline_js + '</script>')
    write_if_changed(os.path.join(dist, 'factlens.html'), single.encode('utf-8'))

    embed = os.path.join(web, 'embed.html')
    if os.path.exists(embed):
        shutil.copyfile(embed, os.path.join(dist, 'embed.html'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
