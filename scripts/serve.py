#!/usr/bin/env python3
"""Serves dist/ on 127.0.0.1 for local use and tests: right MIME types, no caching, and
Access-Control-Allow-Origin: * so a sandboxed (opaque-origin) iframe may fetch factlens.wasm.

usage: serve.py [--port 8080] [--dir dist]"""
import argparse
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      '.wasm': 'application/wasm', '.js': 'text/javascript', '.html': 'text/html; charset=utf-8',
                      '.json': 'application/json'}

    def end_headers(self):
        self.send_header('Cache-Control', 'no-store')
        self.send_header('Access-Control-Allow-Origin', '*')
        super().end_headers()

    def log_message(self, fmt, *args):
        pass  # quiet: tests and run.sh print what matters


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--port', type=int, default=8080)
    ap.add_argument('--dir', default='dist')
    args = ap.parse_args()
    handler = functools.partial(Handler, directory=args.dir)
    try:
        server = http.server.ThreadingHTTPServer(('127.0.0.1', args.port), handler)
    except OSError as e:
        print(f'serve.py: cannot listen on 127.0.0.1:{args.port}: {e.strerror}', file=sys.stderr)
        return 1
    print(f'serving http://127.0.0.1:{server.server_address[1]}/', flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
