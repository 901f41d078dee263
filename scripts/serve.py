#!/usr/bin/env python3
"""Serves dist/ on 127.0.0.1 for local use and tests: right MIME types, no caching, and
Access-Control-Allow-Origin: * so a sandboxed (opaque-origin) iframe may fetch factlens.wasm.

usage: serve.py [--port 8080] [--dir dist] [--csp strict|POLICY] [--log-requests]

--csp strict   sends the strict Content-Security-Policy of docs/embedding.md with the hosted build
               (index.html, factlens.js, factlens.wasm) and factlens.html's own hash-based policy
               (read from its <meta http-equiv>) with factlens.html; embed.html, a demo page with
               inline code, gets none.
--csp POLICY   sends POLICY, verbatim, with every response.
--log-requests prints "REQUEST GET /path" for every request, to stdout."""
import argparse
import functools
import http.server
import os
import re
import sys

# The policy the hosted build runs under (docs/embedding.md, "Content-Security-Policy").
STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def file_policy(path):
    """The Content-Security-Policy a file declares in its own <meta http-equiv>, or None."""
    try:
        with open(path, 'rb') as f:
            m = META_CSP.search(f.read(4096))
    except OSError:
        return None
    return m.group(1).decode('utf-8') if m else None


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      '.wasm': 'application/wasm', '.js': 'text/javascript', '.html': 'text/html; charset=utf-8',
                      '.json': 'application/json'}
    csp = None            # None, 'strict' or a policy string
    log_requests = False

    def policy(self):
        if self.csp != 'strict':
            return self.csp
        name = self.path.split('?', 1)[0].split('#', 1)[0].rstrip('/').rsplit('/', 1)[-1] or 'index.html'
        if name == 'embed.html':
            return None
        if name == 'factlens.html':
            return file_policy(os.path.join(self.directory, name)) or STRICT_CSP
        return STRICT_CSP

    def end_headers(self):
        self.send_header('Cache-Control', 'no-store')
        self.send_header('Access-Control-Allow-Origin', '*')
        policy = self.policy() if self.csp else None
        if policy:
            self.send_header('Content-Security-Policy', policy)
        super().end_headers()

    def log_request(self, code='-', size='-'):
        if self.log_requests:
            print(f'REQUEST {self.command} {self.path} {code}', flush=True)

    def log_message(self, fmt, *args):
        pass  # quiet: tests and run.sh print what matters


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--port', type=int, default=8080)
    ap.add_argument('--dir', default='dist')
    ap.add_argument('--csp', default=None, metavar='strict|POLICY',
                    help='send a Content-Security-Policy header: "strict" (the documented policies) or a literal policy')
    ap.add_argument('--log-requests', action='store_true', help='print every request to stdout')
    args = ap.parse_args()
    attrs = {'csp': args.csp or None, 'log_requests': args.log_requests}
    handler = functools.partial(type('ConfiguredHandler', (Handler,), attrs), directory=args.dir)
    try:
        server = http.server.ThreadingHTTPServer(('127.0.0.1', args.port), handler)
    except OSError as e:
        print(f'serve.py: cannot listen on 127.0.0.1:{args.port}: {e.strerror}', file=sys.stderr)
        return 1
    csp_note = f' (Content-Security-Policy: {args.csp})' if args.csp else ''
    print(f'serving http://127.0.0.1:{server.server_address[1]}/{csp_note}', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
