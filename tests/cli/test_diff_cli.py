#!/usr/bin/env python3
"""Tests of `factlens diff`: JSON shape, tiling of both texts, moves, numbers, text report, exit codes.
usage: test_diff_cli.py FACTLENS_BINARY REPO_ROOT"""
import json
import os
import random
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
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def write(d, name, data):
    path = os.path.join(d, name)
    with open(path, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))
    return path


def diff_json(d, a, b, extra=()):
    pa, pb = write(d, 'a.txt', a), write(d, 'b.txt', b)
    code, out, err = run(['diff'] + list(extra) + [pa, pb])
    check(code == 0, f'exit 0 (got {code}, {err})')
    return json.loads(out)


def check_contract(a, b, r, what):
    """Every invariant of the JSON contract, with A and B as bytes."""
    a = a if isinstance(a, bytes) else a.encode('utf-8')
    b = b if isinstance(b, bytes) else b.encode('utf-8')
    for k in ('exact', 'level', 'stats', 'ops'):
        check(k in r, f'{what}: key {k}')
    check(r['level'] in ('word', 'sentence', 'paragraph'), f'{what}: level {r["level"]}')
    for k in ('words_added', 'words_removed', 'words_moved', 'numbers_changed'):
        check(isinstance(r['stats'].get(k), int), f'{what}: stats.{k}')
    ops = r['ops']
    # Read in order of a, the ops with an a span tile A; the same for b.
    a_spans = sorted((op['a'] for op in ops if op['a'] is not None), key=lambda s: s[0])
    b_spans = sorted((op['b'] for op in ops if op['b'] is not None), key=lambda s: s[0])
    pos = 0
    for s, e in a_spans:
        check(s == pos and e > s, f'{what}: A tiling at {pos}: {s, e}')
        pos = e
    check(pos == len(a), f'{what}: A covered to {pos} of {len(a)}')
    pos = 0
    for s, e in b_spans:
        check(s == pos and e > s, f'{what}: B tiling at {pos}: {s, e}')
        pos = e
    check(pos == len(b), f'{what}: B covered to {pos} of {len(b)}')
    rebuilt = b''
    for i, op in enumerate(ops):
        kind = op['op']
        check(kind in ('equal', 'delete', 'insert', 'replace', 'move'), f'{what}: op kind {kind}')
        has_a, has_b = op['a'] is not None, op['b'] is not None
        if kind in ('equal', 'replace'):
            check(has_a and has_b, f'{what}: {kind} has both spans')
        if kind == 'delete':
            check(has_a and not has_b, f'{what}: delete has only a')
        if kind == 'insert':
            check(has_b and not has_a, f'{what}: insert has only b')
        if kind == 'equal':
            check(a[op['a'][0]:op['a'][1]] == b[op['b'][0]:op['b'][1]], f'{what}: equal op {i} joins identical bytes')
        if kind == 'move':
            check(has_a != has_b, f'{what}: a move end has one span')
            j = op.get('pair')
            check(isinstance(j, int) and 0 <= j < len(ops), f'{what}: move {i} has a pair')
            other = ops[j]
            check(other['op'] == 'move' and other.get('pair') == i, f'{what}: move pair {i} <-> {j} is mutual')
            src, dst = (op, other) if has_a else (other, op)
            check(a[src['a'][0]:src['a'][1]] == b[dst['b'][0]:dst['b'][1]], f'{what}: move {i} joins identical bytes')
        # B from A: the ops are listed in text order of B too.
        if has_b:
            if kind == 'equal':
                rebuilt += a[op['a'][0]:op['a'][1]]
            elif kind == 'move':
                src = ops[op['pair']]
                rebuilt += a[src['a'][0]:src['a'][1]]
            else:
                rebuilt += b[op['b'][0]:op['b'][1]]
    check(rebuilt == b, f'{what}: applying the ops to A gives B')


BIN, ROOT = sys.argv[1], sys.argv[2]

with tempfile.TemporaryDirectory() as d:
    # A changed number: one small replace with "number": true.
    a = 'The economy grew 5.8% in 2025, officials said.'
    b = 'The economy grew 5.9% in 2025, officials said.'
    r = diff_json(d, a, b)
    check_contract(a, b, r, 'number')
    check(r['exact'] is True and r['level'] == 'word', f'number: exact word level: {r["exact"]} {r["level"]}')
    changed = [op for op in r['ops'] if op['op'] != 'equal']
    check(len(changed) == 1, f'number: one change: {changed}')
    if changed:
        op = changed[0]
        check(op['op'] == 'replace' and op.get('number') is True, f'number: replace with number flag: {op}')
        check(a.encode()[op['a'][0]:op['a'][1]] == b'5.8' and b.encode()[op['b'][0]:op['b'][1]] == b'5.9',
              f'number: covers just 5.8 -> 5.9: {op}')
    check(r['stats']['numbers_changed'] == 1, f'number: stats {r["stats"]}')

    # Swapped paragraphs: a move, its two ends linked.
    p1 = 'Markets rallied on Monday as investors welcomed the news.'
    p2 = 'The central bank kept rates unchanged.'
    p3 = 'Analysts expect further gains before the end of the year.'
    a = f'{p1}\n\n{p2}\n\n{p3}\n'
    b = f'{p1}\n\n{p3}\n\n{p2}\n'
    r = diff_json(d, a, b)
    check_contract(a, b, r, 'moves')
    moves = [op for op in r['ops'] if op['op'] == 'move']
    check(len(moves) == 2, f'moves: two move ops: {r["ops"]}')
    check(r['stats']['words_moved'] == 6 and r['stats']['words_added'] == 0, f'moves: stats {r["stats"]}')
    r = diff_json(d, a, b, ['--no-moves'])
    check_contract(a, b, r, 'no moves')
    check(not any(op['op'] == 'move' for op in r['ops']), 'no moves: --no-moves reports none')

    # CJK, combining marks, emoji, invalid UTF-8: offsets are bytes of the input as it is.
    a = '我喜欢猫。 cafe\u0301 au lait \U0001F468\u200D\U0001F469\u200D\U0001F467 over '.encode() + b'\xff\xfe 6,000'
    b = '我喜欢狗。 cafe au lait \U0001F468\u200D\U0001F469\u200D\U0001F466 over '.encode() + b'\xff 6,500'
    pa, pb = write(d, 'u_a.txt', a), write(d, 'u_b.txt', b)
    code, out, err = run(['diff', pa, pb])
    check(code == 0, f'unicode: exit {code} {err}')
    r = json.loads(out)
    check_contract(a, b, r, 'unicode')
    for op in r['ops']:
        for side, text in (('a', a), ('b', b)):
            if op[side] is None:
                continue
            for p in op[side]:
                if 0 < p < len(text):
                    check((text[p] & 0xC0) != 0x80, f'unicode: {side} boundary {p} inside a code point')
                    check(text[p:p + 2] != b'\xcc\x81', f'unicode: {side} boundary {p} before a combining mark')
                    check(text[p:p + 3] != b'\xe2\x80\x8d' and text[p - 3:p] != b'\xe2\x80\x8d',
                          f'unicode: {side} boundary {p} at a ZWJ')
    replaced = [(a[op['a'][0]:op['a'][1]], b[op['b'][0]:op['b'][1]]) for op in r['ops'] if op['op'] == 'replace']
    check(('猫'.encode(), '狗'.encode()) in replaced, f'unicode: 猫 -> 狗 alone: {replaced}')
    check(('cafe\u0301'.encode(), b'cafe') in replaced, f'unicode: the accent stays with its letter: {replaced}')
    check((b'6,000', b'6,500') in replaced, f'unicode: number: {replaced}')
    family = ('\U0001F468\u200D\U0001F469\u200D\U0001F467'.encode(), '\U0001F468\u200D\U0001F469\u200D\U0001F466'.encode())
    check(family in replaced, f'unicode: the ZWJ sequence is replaced whole: {replaced}')

    # Identical and empty texts.
    r = diff_json(d, 'Same.\n', 'Same.\n')
    check(r['ops'] == [{'op': 'equal', 'a': [0, 6], 'b': [0, 6]}], f'identical: {r["ops"]}')
    r = diff_json(d, '', '')
    check(r['ops'] == [] and r['exact'] is True, f'empty: {r}')
    r = diff_json(d, '', 'New text.')
    check(r['ops'] == [{'op': 'insert', 'a': None, 'b': [0, 9]}], f'empty a: {r["ops"]}')

    # Randomised pairs: the contract holds whatever the edits.
    rng = random.Random(11)
    vocab = ['alpha', 'beta', 'gamma', 'the', 'of', '5.8%', '1,200', '2025', 'café', '中文', 'naïve', '—', ',', '😀']
    for k in range(40):
        words = [rng.choice(vocab) for _ in range(rng.randrange(0, 60))]
        sents = []
        while words:
            n = rng.randrange(1, 9)
            sents.append(' '.join(words[:n]) + rng.choice(['.', '!', '?']))
            words = words[n:]
        a = ' '.join(sents)
        b_sents = [s if rng.random() < 0.6 else ' '.join(rng.choice(vocab) for _ in range(rng.randrange(1, 6))) + '.'
                   for s in sents]
        rng.shuffle(b_sents) if rng.random() < 0.3 else None
        b = (' ' if rng.random() < 0.5 else '\n\n').join(b_sents)
        check_contract(a, b, diff_json(d, a, b), f'random {k}')

    # Text report: counts at the top, marks in the body.
    pa, pb = write(d, 't_a.txt', 'Sales grew 5.8% in 2025. Costs fell.'), write(d, 't_b.txt', 'Sales grew 5.9% in 2025. Costs rose.')
    code, out, err = run(['diff', '--format', 'text', pa, pb])
    check(code == 0, f'text: exit {code} {err}')
    check('[-5.8-]{+5.9+}' in out and '[-fell-]{+rose+}' in out, f'text: marks: {out!r}')
    check('numbers: 1 changed' in out, f'text: counts: {out!r}')

    # stdin for one side, --output.
    code, out, err = run(['diff', '-', pb], stdin=b'Sales grew 5.8% in 2025. Costs fell.')
    check(code == 0 and json.loads(out)['stats']['numbers_changed'] == 1, f'stdin: {code} {err}')
    target = os.path.join(d, 'out.json')
    code, out, err = run(['diff', '--output', target, pa, pb])
    check(code == 0 and out == '' and json.load(open(target))['stats']['numbers_changed'] == 1, f'--output: {code} {err}')

    # Exit codes: 1 unreadable, 2 usage.
    code, out, err = run(['diff', os.path.join(d, 'missing.txt'), pb])
    check(code == 1 and 'missing.txt' in err, f'missing file: exit {code}, {err!r}')
    for args in (['diff'], ['diff', pa], ['diff', pa, pb, pa], ['diff', '--format', 'xml', pa, pb], ['diff', '--bogus', pa, pb],
                 ['diff', '-', '-']):
        code, out, err = run(args)
        check(code == 2 and 'usage' in err, f'usage error {args}: exit {code}')
    code, out, err = run(['diff', '--help'])
    check(code == 0, f'--help: exit {code}')

    # The subcommand is listed.
    code, out, err = run(['--help'])
    check('diff' in err, f'factlens --help lists diff: {err!r}')

print('cli diff tests:', 'FAILED' if failures else 'ok', f'({failures} failures)' if failures else '')
sys.exit(1 if failures else 0)
