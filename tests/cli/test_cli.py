#!/usr/bin/env python3
"""Tests of the factlens CLI: formats, offsets, exit codes. usage: test_cli.py FACTLENS_BINARY REPO_ROOT"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print(f'FAIL: {what}')


def run(args, stdin=b''):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode('utf-8'), p.stderr.decode('utf-8', 'replace')


BIN, ROOT = sys.argv[1], sys.argv[2]
corpus = os.path.join(ROOT, 'assets', 'corpus')
files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith('.txt'))

# jsonl: one object per line, with text equal to the byte slice of the article.
code, out, err = run(['extract'] + files)
check(code == 0, f'exit 0 on readable files (got {code}, {err})')
lines = [json.loads(l) for l in out.splitlines()]
check(len(lines) >= 80, f'claims from the corpus: {len(lines)}')
texts = {os.path.basename(f)[:-4]: open(f, 'rb').read() for f in files}
required = ['article', 'kind', 'value', 'unit', 'qualifier', 'low', 'high', 'start', 'end', 'text', 'subject',
            'period', 'pair', 'ambiguous']
for c in lines:
    for k in required:
        check(k in c, f'field {k} in {c}')
    raw = texts[c['article']]
    check(raw[c['start']:c['end']].decode('utf-8') == c['text'], f'text equals slice: {c}')
    check(c['kind'] in ('count', 'money', 'percent', 'quantity', 'date', 'period'), c['kind'])
pairs = [c for c in lines if c['pair'] is not None]
check(len(pairs) >= 8, f'conversion pairs: {len(pairs)}')
ecns = [c for c in lines if c['article'].startswith('002') and c['kind'] == 'money']
check(any(c['value'] == 1.2e12 and c['unit'] == 'CNY' and c['low'] == 1.2e12 and c['high'] is None for c in ecns),
      '002: exceed 1.2 trillion yuan -> low 1.2e12, high null')

# json and csv carry the same claims.
code, out_json, _ = run(['extract', '--format', 'json'] + files)
check(code == 0 and len(json.loads(out_json)) == len(lines), 'json format: same count as jsonl')
code, out_csv, _ = run(['extract', '--format=csv'] + files)
rows = list(csv.DictReader(io.StringIO(out_csv)))
check(code == 0 and len(rows) == len(lines), f'csv format: same count ({len(rows)} vs {len(lines)})')

# stdin, and a bad file among good ones: exit 1, the good ones still processed, the bad one named.
code, out, err = run(['extract', '-'], b'Sales rose 5% to 3 billion yuan in 2025.')
check(code == 0 and out.count('\n') == 3, f'stdin: {code} {out!r}')
with tempfile.TemporaryDirectory() as d:
    bad = os.path.join(d, 'bad.txt')
    with open(bad, 'wb') as f:
        f.write(b'over \xff\xfe 6,000 firms')
    missing = os.path.join(d, 'missing.txt')
    code, out, err = run(['extract', missing, bad, files[0]])
    check(code == 1, f'exit 1 when a file cannot be read (got {code})')
    check('missing.txt' in err, f'stderr names the unreadable file: {err!r}')
    check('bad.txt' in err and 'UTF-8' in err, f'stderr reports replaced bytes: {err!r}')
    arts = {json.loads(l)['article'] for l in out.splitlines()}
    check('bad' in arts and os.path.basename(files[0])[:-4] in arts, f'readable files still processed: {arts}')

# --output writes the same JSON to a file (what the build uses for assets/facts.json).
with tempfile.TemporaryDirectory() as d:
    target = os.path.join(d, 'facts.json')
    code, out, _ = run(['extract', '--format', 'json', '--output', target] + files)
    check(code == 0 and out == '', f'--output: exit {code}, stdout {out[:80]!r}')
    check(os.path.exists(target) and json.load(open(target)) == json.loads(out_json), '--output file equals stdout json')
    code, _, err = run(['extract', '--output', os.path.join(d, 'no', 'such', 'dir.json'), files[0]])
    check(code == 1 and 'cannot write' in err, f'unwritable --output: exit {code}, {err!r}')

# usage errors: exit 2
for args in (['frobnicate'], ['extract'], ['extract', '--format', 'xml', files[0]], ['extract', '--nope', files[0]], []):
    code, _, err = run(args)
    check(code == 2, f'exit 2 for {args} (got {code})')

print(f'{"0 failed" if not failures else str(failures) + " failed"}')
sys.exit(1 if failures else 0)
