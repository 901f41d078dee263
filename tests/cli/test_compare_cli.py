#!/usr/bin/env python3
"""Tests of `factlens compare`: JSON shape, the seed clusters, text report, exit codes.
usage: test_compare_cli.py FACTLENS_BINARY REPO_ROOT"""
import json
import os
import shutil
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
texts = {os.path.basename(f)[:-4]: open(f, 'rb').read() for f in files}
ids = sorted(texts)

# The claims as `extract` prints them, by (article, start, end): members must be the same claims.
code, out, _ = run(['extract'] + files)
claims = {(c['article'], c['start'], c['end']): c for c in map(json.loads, out.splitlines())}

code, out, err = run(['compare'] + files)
check(code == 0, f'exit 0 on the corpus (got {code}, {err})')
doc = json.loads(out)
check(list(doc.keys())[:2] == ['articles', 'clusters'], f'top-level keys: {list(doc.keys())}')
arts = {a['id']: a for a in doc['articles']}
check(sorted(arts) == ids, f'articles: {sorted(arts)}')
check(arts['002_97deae5d2b524853']['outlet'] == 'ECNS' and arts['002_97deae5d2b524853']['date'] == '2026-01-21',
      f'002 metadata: {arts["002_97deae5d2b524853"]}')
check(arts['003_fafa350621e27bbb']['outlet'] == 'Race to AGI', 'outlet from articles.json next to the files')
check(arts['001_74d299288f265200']['date'] == 'unknown', 'an unstated date stays "unknown"')

member_keys = ['article', 'start', 'end', 'kind', 'value', 'unit', 'low', 'high', 'period']
verdicts = {'agree', 'compatible', 'conflict', 'timeframe', 'single'}
for i, c in enumerate(doc['clusters']):
    for k in ('id', 'label', 'verdict', 'explanation', 'members'):
        check(k in c, f'cluster key {k}: {c}')
    check(c['id'] == i + 1, f'cluster ids count from 1: {c["id"]}')
    check(c['verdict'] in verdicts, c['verdict'])
    check(c['explanation'].endswith('.'), f'explanation is a sentence: {c["explanation"]!r}')
    per_article = {}
    for m in c['members']:
        check(list(m.keys()) == member_keys, f'member keys in order: {list(m.keys())}')
        e = claims.get((m['article'], m['start'], m['end']))
        check(e is not None, f'member is an extracted claim: {m}')
        if e:
            for k in ('kind', 'value', 'unit', 'low', 'high', 'period'):
                check(e[k] == m[k], f'{k} as extract prints it: {m[k]!r} vs {e[k]!r}')
        per_article.setdefault(m['article'], []).append(e)
    # Two members of one article only as a stated conversion pair.
    for art, cs in per_article.items():
        check(len(cs) <= 2, f'at most a pair per article: {c["label"]} {art}')
        if len(cs) == 2 and all(cs):
            check(cs[0]['pair'] is not None and cs[1]['pair'] is not None, f'two members of {art} are a pair')
    check((c['verdict'] == 'single') == (len(per_article) == 1), f'single iff one source: {c["label"]}')


def cluster_with(article_prefix, pred):
    for c in doc['clusters']:
        for m in c['members']:
            if m['article'].startswith(article_prefix) and pred(m):
                return c
    return None


def sources(c):
    return sorted({m['article'][:3] for m in c['members']})


firms = cluster_with('002', lambda m: m['kind'] == 'count' and m['value'] == 6000)
check(firms and firms['verdict'] == 'agree' and sources(firms) == ['000', '002'], f'6,000 firms: {firms}')
money = cluster_with('002', lambda m: m['kind'] == 'money' and m['unit'] == 'CNY' and m['value'] == 1.2e12)
check(money and money['verdict'] == 'compatible' and sources(money) == ['000', '001', '002', '003', '004'],
      f'core AI industry: {money and (money["verdict"], sources(money))}')
check(money and sum(m['unit'] == 'USD' for m in money['members']) == 4, 'the four dollar conversions are members')
check(money and 'exchange_rate' in money.get('reason', []) and 'base_figure' in money.get('reason', []),
      f'machine-readable reasons: {money and money.get("reason")}')
growth = cluster_with('003', lambda m: m['kind'] == 'percent' and m['value'] == 5.9)
check(growth and growth['verdict'] == 'timeframe' and sources(growth) == ['001', '003', '004'], f'5.9%: {growth}')
bound = cluster_with('004', lambda m: m['kind'] == 'percent' and m['value'] == 9)
check(bound and bound['verdict'] == 'compatible' and sources(bound) == ['001', '004'], f'more than 9%: {bound}')
check(sum(c['verdict'] != 'single' for c in doc['clusters']) == 4, 'four facts reported by several sources')
check(any(c['verdict'] == 'single' for c in doc['clusters']), 'single-source clusters are included')

# Text report.
code, out, err = run(['compare', '--format', 'text'] + files)
check(code == 0, f'text: exit {code} {err}')
for want in ('agree', 'compatible', 'timeframe', 'why:', 'Race to AGI', '1.2 trillion yuan', 'one source only'):
    check(want in out, f'text report mentions {want!r}')

# A bad file among good ones: exit 1, the rest still compared, the bad one named.
with tempfile.TemporaryDirectory() as d:
    missing = os.path.join(d, 'missing.txt')
    code, out, err = run(['compare', missing, files[0], files[2]])
    check(code == 1, f'exit 1 when a file cannot be read (got {code})')
    check('missing.txt' in err, f'stderr names the unreadable file: {err!r}')
    got = json.loads(out)
    check([a['id'] for a in got['articles']] == [ids[0], ids[2]], f'readable files still compared: {got["articles"]}')

# Without an articles.json, outlet and date come from the text itself.
with tempfile.TemporaryDirectory() as d:
    for f in files[1:3]:
        shutil.copy(f, d)
    code, out, err = run(['compare'] + [os.path.join(d, os.path.basename(f)) for f in files[1:3]])
    got = {a['id']: a for a in json.loads(out)['articles']}
    check(code == 0 and got['002_97deae5d2b524853']['outlet'] == 'ECNS', f'outlet from the dateline: {got}')
    check(got['002_97deae5d2b524853']['date'] == '2026-01-21', f'date from the dateline: {got}')
    check(got['001_74d299288f265200']['outlet'] == 'unknown', 'no outlet stated: "unknown"')

    # Amounts in two currencies meet only through a rate table.
    a, b = os.path.join(d, 'usd.txt'), os.path.join(d, 'cny.txt')
    open(a, 'w').write("Acme's revenue was $170 billion in 2025.\n")
    open(b, 'w').write("Acme's revenue was 1.2 trillion yuan in 2025.\n")
    code, out, _ = run(['compare', '--rates', 'none', a, b])
    check(code == 0 and all(c['verdict'] == 'single' for c in json.loads(out)['clusters']), 'no rates: not compared')
    for rates in ([], ['--rates', 'reference'], ['--rates', os.path.join(ROOT, 'assets', 'cny_reference_rates.json')]):
        code, out, err = run(['compare'] + rates + [a, b])
        got = json.loads(out)['clusters'] if code == 0 else []
        check(len(got) == 1 and got[0]['verdict'] == 'agree', f'{rates}: one cluster that agrees: {code} {err} {got}')
    code, out, err = run(['compare', '--rates', os.path.join(d, 'nope.csv'), a, b])
    check(code == 1 and 'nope.csv' in err and len(json.loads(out)['clusters']) == 2, f'unreadable --rates: exit 1, still compared')

# Standard input is one article.
code, out, _ = run(['compare', '-'], b'There were more than 6,000 AI firms in 2025.')
check(code == 0 and json.loads(out)['articles'][0]['id'] == 'stdin', f'stdin: {code} {out[:80]!r}')

# Usage errors: exit 2.
for args in (['compare'], ['compare', '--format', 'xml', files[0]], ['compare', '--nope', files[0]], ['compare', '--rates']):
    code, _, err = run(args)
    check(code == 2, f'exit 2 for {args} (got {code})')
code, _, err = run(['compare', '--help'])
check(code == 0 and 'usage' in err, '--help: exit 0')
code, _, err = run(['--help'])
check('compare' in err, 'listed in factlens --help')

print(f'{"0 failed" if not failures else str(failures) + " failed"}')
sys.exit(1 if failures else 0)
