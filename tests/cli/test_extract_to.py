#!/usr/bin/env python3
"""Tests of `factlens extract --to CUR [--rates ...]`: currency conversion on the command line.
usage: test_extract_to.py FACTLENS_BINARY REPO_ROOT

Expected values are worked by hand from assets/corpus/*.txt, assets/cny_reference_rates.json (USD row of
2025-12-22: 7.0572 CNY per USD, "CFETS central parity (MENAFN)") and tests/data/ecb/eurofxref-hist.csv
(last day 2024-10-11: 7.7282 CNY and 1.0938 USD per EUR)."""
import csv
import io
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


def close(a, b, rel):
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(a - b) <= rel * abs(b)


def run(args, cwd=None, binary=None):
    p = subprocess.run([binary or BIN] + args, capture_output=True, timeout=60, cwd=cwd)
    return p.returncode, p.stdout.decode('utf-8'), p.stderr.decode('utf-8', 'replace')


def jsonl(args):
    code, out, err = run(['extract'] + args + files)
    check(code == 0, f'exit 0 for {args} (got {code}, {err})')
    return [json.loads(l) for l in out.splitlines()]


def claim(claims, article, start):
    found = [c for c in claims if c['article'].startswith(article) and c['start'] == start]
    check(len(found) == 1, f'one claim of {article} at {start} (got {len(found)})')
    return found[0] if found else {}


BIN, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
corpus = os.path.join(ROOT, 'assets', 'corpus')
files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith('.txt'))
ecb = os.path.join(ROOT, 'tests', 'data', 'ecb', 'eurofxref-hist.csv')
CONVERSION_FIELDS = ['display_value', 'display_unit', 'rate', 'rate_unit', 'rate_source', 'rate_date', 'rate_stale',
                     'conversion', 'conversion_note', 'pair_rate', 'pair_rate_unit']

# ---- Without --to: the output as it always was ----------------------------------------------------
plain = jsonl([])
_, out_plain, _ = run(['extract'] + files)
_, out_explicit, _ = run(['extract', '--format', 'jsonl'] + files)
check(out_explicit == out_plain, 'no flags and --format jsonl print the same bytes')
plain_keys = {'article', 'kind', 'value', 'unit', 'qualifier', 'low', 'high', 'start', 'end', 'text', 'subject',
              'period', 'pair', 'ambiguous', 'direction', 'hedge', 'rate', 'rate_unit'}
check(all(set(c) == plain_keys for c in plain), f'without --to no conversion fields: {set().union(*map(set, plain)) - plain_keys}')

# ---- --to USD, reference rates (the default) --------------------------------------------------------
ref = jsonl(['--to', 'USD'])
check(len(ref) == len(plain), f'--to USD: same claims as without ({len(ref)} vs {len(plain)})')
# Everything but the rate fields is the claim as printed without --to; the pair's rate moves to pair_rate.
for p, c in zip(plain, ref):
    same = all(c.get(k) == p[k] for k in plain_keys - {'rate', 'rate_unit'})
    check(same and c.get('pair_rate') == p['rate'] and c.get('pair_rate_unit') == p['rate_unit'],
          f'--to keeps the claim and moves its rate to pair_rate: {p} / {c}')
    keys = list(c)
    check('pair_rate' in keys and keys.index('pair_rate') > keys.index('rate'),
          f'pair_rate comes after rate (the loader keeps the last): {keys}')

yuan = claim(ref, '002', 190)  # "exceed 1.2 trillion yuan (about $168 billion)", published 2026-01-21
check(yuan.get('text') == '1.2 trillion yuan', f'002@190 text: {yuan.get("text")}')
check(close(yuan.get('display_value'), 1.2e12 / 7.0572, 1e-9), f'002@190 display_value: {yuan.get("display_value")}')
check(yuan.get('display_unit') == 'USD', f'002@190 display_unit: {yuan.get("display_unit")}')
check(yuan.get('rate') == 7.0572 and yuan.get('rate_unit') == 'CNY per USD', f'002@190 rate: {yuan.get("rate")} {yuan.get("rate_unit")}')
check(yuan.get('rate_date') == '2025-12-22', f'002@190 rate_date: {yuan.get("rate_date")}')
check(yuan.get('rate_source') == 'CFETS central parity (MENAFN)', f'002@190 rate_source: {yuan.get("rate_source")}')
check(yuan.get('rate_stale') is False, f'002@190 rate_stale: {yuan.get("rate_stale")}')  # 30 days: not more than 30
check(yuan.get('conversion') == 'converted', f'002@190 conversion: {yuan.get("conversion")}')
check(yuan.get('conversion_note') ==
      '1.2 trillion CNY ÷ 7.0572 CNY per USD (CFETS central parity (MENAFN), 2025-12-22) = 170.0 billion USD',
      f'002@190 conversion_note: {yuan.get("conversion_note")!r}')
check(close(yuan.get('pair_rate'), 1.2e12 / 168e9, 1e-12) and yuan.get('pair_rate_unit') == 'CNY per USD',
      f'002@190 pair_rate: {yuan.get("pair_rate")} {yuan.get("pair_rate_unit")}')

dollars = claim(ref, '002', 215)  # "$168 billion": already in USD
check(dollars.get('conversion') == 'unchanged' and dollars.get('display_value') == 168e9 and dollars.get('display_unit') == 'USD',
      f'002@215 unchanged: {dollars}')
check(dollars.get('rate') == 1 and dollars.get('rate_unit') == 'USD per USD' and dollars.get('conversion_note') is None,
      f'002@215 rate 1: {dollars.get("rate")} {dollars.get("rate_unit")} {dollars.get("conversion_note")}')

percents = [c for c in ref if c['kind'] == 'percent']
check(len(percents) > 0, 'the corpus has percent claims')
for c in percents:
    check('display_value' not in c and 'conversion' not in c and c['rate'] is None and c['rate_unit'] is None
          and 'pair_rate' in c and 'pair_rate_unit' in c, f'percent claim: no conversion, rate null, pair_rate present: {c}')
money = [c for c in ref if c['kind'] == 'money' and c['unit']]
check(len(money) >= 10 and all(set(CONVERSION_FIELDS) <= set(c) for c in money), 'every money claim has the conversion fields')

# json carries the same objects.
code, out, _ = run(['extract', '--to', 'USD', '--format', 'json'] + files)
check(code == 0 and json.loads(out) == ref, '--format json --to USD equals jsonl')

# ---- --rates article -----------------------------------------------------------------------------
art = jsonl(['--to', 'USD', '--rates', 'article'])
c = claim(art, '002', 190)  # its own pair: 1.2 trillion yuan (about $168 billion)
check(close(c.get('display_value'), 168e9, 1e-12) and c.get('conversion') == 'converted',
      f'article 002@190 -> 168e9 at its own rate: {c.get("display_value")} {c.get("conversion")}')
check(close(c.get('rate'), 1.2e12 / 168e9, 1e-12) and c.get('rate_date') is None, f'article 002@190 rate: {c.get("rate")} {c.get("rate_date")}')
# 000 states two pairs (US$170 billion, then 171.39 billion U.S. dollars): each figure at its own.
c = claim(art, '000', 376)
check(close(c.get('display_value'), 170e9, 1e-12), f'article 000@376 -> 170e9: {c.get("display_value")}')
c = claim(art, '000', 1547)
check(close(c.get('display_value'), 171.39e9, 1e-12), f'article 000@1547 -> 171.39e9: {c.get("display_value")}')
# 001 states no pair: the reference rate, flagged.
c = claim(art, '001', 78)
check(c.get('conversion') == 'fallback' and c.get('rate') == 7.0572 and close(c.get('display_value'), 1e12 / 7.0572, 1e-9),
      f'article 001@78 falls back to the reference rate: {c.get("conversion")} {c.get("rate")} {c.get("display_value")}')
check('reference rate used' in (c.get('conversion_note') or ''), f'article fallback says why: {c.get("conversion_note")!r}')
# 002's 60 billion yuan has no pair of its own: the article's first CNY-USD pair (1.2e12 / 168e9).
c = claim(art, '002', 1760)
check(close(c.get('display_value'), 60e9 * 168e9 / 1.2e12, 1e-12), f'article 002@1760 at the article rate: {c.get("display_value")}')

# ---- a typed rate ----------------------------------------------------------------------------------
for rates in ('7.10', '7.10 CNY per USD', '7.1 cny per usd'):
    typed = jsonl(['--to', 'USD', '--rates', rates])
    c = claim(typed, '002', 190)
    check(close(c.get('display_value'), 1.2e12 / 7.10, 1e-12) and c.get('conversion') == 'converted'
          and c.get('rate') == 7.1 and c.get('rate_unit') == 'CNY per USD',
          f'--rates {rates!r}: {c.get("display_value")} {c.get("conversion")} {c.get("rate")}')
# The other way round: USD per CNY, converting into CNY.
typed = jsonl(['--to', 'CNY', '--rates', '0.125 USD per CNY'])
c = claim(typed, '002', 215)
check(close(c.get('display_value'), 168e9 * 8, 1e-12) and c.get('rate') == 8 and c.get('rate_unit') == 'CNY per USD',
      f'--to CNY --rates "0.125 USD per CNY": {c.get("display_value")} {c.get("rate")} {c.get("rate_unit")}')
# A typed CNY-EUR rate does not cover USD amounts: those fall back to the reference table, flagged. The
# cross rate goes through CNY: USD 7.0572 (2025-12-22), EUR 7.4206 (2025-01-14, the latest EUR row before
# 2026-01-21), dated the older of the two, so stale.
typed = jsonl(['--to', 'EUR', '--rates', '7.8 CNY per EUR'])
c = claim(typed, '002', 190)
check(close(c.get('display_value'), 1.2e12 / 7.8, 1e-12) and c.get('conversion') == 'converted', f'CNY at the typed EUR rate: {c}')
c = claim(typed, '002', 215)
check(c.get('conversion') == 'fallback' and close(c.get('display_value'), 168e9 * 7.0572 / 7.4206, 1e-9)
      and close(c.get('rate'), 7.4206 / 7.0572, 1e-9) and c.get('rate_unit') == 'USD per EUR'
      and c.get('rate_date') == '2025-01-14' and c.get('rate_stale') is True
      and 'reference rate used' in (c.get('conversion_note') or ''), f'USD falls back to the reference table: {c}')

# ---- an ECB file ------------------------------------------------------------------------------------
eu = jsonl(['--to', 'USD', '--rates', ecb])
c = claim(eu, '002', 190)  # 2026-01-21 is after the file's last day, 2024-10-11: that day's rates
check(close(c.get('rate'), 7.7282 / 1.0938, 1e-12) and round(c.get('rate') or 0, 4) == 7.0655 and c.get('rate_unit') == 'CNY per USD',
      f'ECB rate 7.0655 CNY per USD: {c.get("rate")} {c.get("rate_unit")}')
check(close(c.get('display_value'), 1.2e12 * 1.0938 / 7.7282, 1e-9), f'ECB display_value: {c.get("display_value")}')
check(c.get('rate_date') == '2024-10-11' and c.get('rate_stale') is True, f'ECB date and stale: {c.get("rate_date")} {c.get("rate_stale")}')
check('eurofxref-hist.csv' in (c.get('rate_source') or ''), f'ECB rate_source names the file: {c.get("rate_source")}')
check('stale' in (c.get('conversion_note') or ''), f'ECB note says stale: {c.get("conversion_note")!r}')
# The ECB publishes no TWD: a CNY amount is left as written, with the reason.
tw = jsonl(['--to', 'TWD', '--rates', ecb])
c = claim(tw, '002', 190)
check(c.get('conversion') == 'no rate' and c.get('display_value') == 1.2e12 and c.get('display_unit') == 'CNY'
      and c.get('rate') is None and c.get('conversion_note'), f'no TWD rate: {c}')

# ---- a rate file in the reference format, and broken files -------------------------------------------
with tempfile.TemporaryDirectory() as d:
    own = os.path.join(d, 'my_rates.json')
    with open(own, 'w') as f:
        json.dump({'rates': [{'date': '2026-01-01', 'base': 'USD', 'quote': 'CNY', 'rate': 7.0}]}, f)
    mine = jsonl(['--to', 'USD', '--rates', own])
    c = claim(mine, '002', 190)
    check(close(c.get('display_value'), 1.2e12 / 7.0, 1e-12) and c.get('rate_source') == 'my_rates.json'
          and c.get('rate_date') == '2026-01-01' and c.get('rate_stale') is False,
          f'own JSON table: {c.get("display_value")} {c.get("rate_source")} {c.get("rate_date")}')

    broken = os.path.join(d, 'broken.csv')
    with open(broken, 'w') as f:
        f.write('Date,USD,CNY,\n2024-10-11,1.0938,7.7282,\n2024-10-10,abc,7.7376,\n')
    target = os.path.join(d, 'out.jsonl')
    for fmt in ('jsonl', 'json', 'csv'):
        code, out, err = run(['extract', '--format', fmt, '--to', 'USD', '--rates', broken] + files)
        check(code == 1, f'broken CSV ({fmt}): exit 1 (got {code})')
        check(out == '', f'broken CSV ({fmt}): no output at all: {out[:80]!r}')
        check(err.startswith('factlens: ') and 'broken.csv' in err and 'line 3' in err, f'broken CSV: stderr names file and line: {err!r}')
    code, out, err = run(['extract', '--output', target, '--to', 'USD', '--rates', broken] + files)
    check(code == 1 and not os.path.exists(target), f'broken CSV with --output: exit {code}, file written: {os.path.exists(target)}')
    bad_json = os.path.join(d, 'bad.json')
    with open(bad_json, 'w') as f:
        f.write('{"rates": [{"date": "2026-01-01", "base": "USD", "quote": "CNY", "rate": -7}]}')
    code, out, err = run(['extract', '--to', 'USD', '--rates', bad_json] + files)
    check(code == 1 and out == '' and 'bad.json' in err, f'bad JSON table: exit {code}, {out[:40]!r}, {err!r}')
    code, out, err = run(['extract', '--to', 'USD', '--rates', os.path.join(d, 'missing.csv')] + files)
    check(code == 1 and out == '' and 'missing.csv' in err, f'missing rate file: exit {code}, {err!r}')

    # The reference table is inside the binary: a copy far from the repository still converts.
    copy = os.path.join(d, 'factlens')
    shutil.copy(BIN, copy)
    code, out, err = run(['extract', '--to', 'USD', files[2]], cwd=d, binary=copy)
    got = [json.loads(l) for l in out.splitlines()]
    check(code == 0 and any(c.get('rate_source') == 'CFETS central parity (MENAFN)' for c in got),
          f'copied binary converts with the embedded table: {code} {err!r}')

# ---- csv --------------------------------------------------------------------------------------------
code, out, _ = run(['extract', '--format', 'csv', '--to', 'USD'] + files)
reader = csv.reader(io.StringIO(out))
header = next(reader, [])
plain_header = 'article,kind,value,unit,qualifier,low,high,start,end,text,subject,period_start,period_end,pair,ambiguous'.split(',')
check(header == plain_header + ['rate', 'rate_unit', 'display_value', 'display_unit', 'rate_source', 'rate_date', 'rate_stale',
                                'conversion', 'conversion_note', 'pair_rate', 'pair_rate_unit'], f'csv header: {header}')
rows = [dict(zip(header, r)) for r in reader]
check(code == 0 and len(rows) == len(ref) and all(len(r) == len(header) for r in rows), f'csv rows: {len(rows)} vs {len(ref)}')
r = [r for r in rows if r['article'].startswith('002') and r['start'] == '190']
r = r[0] if r else {}
check(r.get('rate') == '7.0572' and r.get('rate_unit') == 'CNY per USD' and close(float(r.get('display_value') or 0), 1.2e12 / 7.0572, 1e-9)
      and r.get('display_unit') == 'USD' and r.get('rate_date') == '2025-12-22' and r.get('rate_stale') == 'false'
      and r.get('conversion') == 'converted' and r.get('conversion_note') == yuan.get('conversion_note')
      and close(float(r.get('pair_rate') or 0), 1.2e12 / 168e9, 1e-12) and r.get('pair_rate_unit') == 'CNY per USD',
      f'csv 002@190: {r}')
pct = [r for r in rows if r['kind'] == 'percent']
check(pct and all(r['rate'] == '' and r['display_value'] == '' and r['conversion'] == '' for r in pct), 'csv percent rows: empty conversion columns')
code, out, _ = run(['extract', '--format', 'csv'] + files)
check(out.splitlines()[0].split(',') == plain_header, 'csv without --to: the old header')

# ---- usage --------------------------------------------------------------------------------------------
code, _, err = run(['extract', '--to', 'XYZ'] + files)
check(code == 2 and 'XYZ' in err and 'USD' in err, f'--to XYZ: exit 2 naming the known codes (got {code}, {err[:200]!r})')
for rates in ('0', '-7.1', 'nan', 'inf', '1e999', 'garbage', '7.1 CNY per CNY', '7.1 CNY per EUR', '7.1 yuan'):
    code, out, err = run(['extract', '--to', 'USD', '--rates', rates] + files)
    check(code == 2 and out == '', f'--rates {rates!r}: exit 2 (got {code})')
code, _, _ = run(['extract', '--rates', 'article'] + files)
check(code == 2, f'--rates without --to: exit 2 (got {code})')
code, _, err = run(['extract', '--help'])
check(code == 0 and '--to' in err and '--rates' in err and 'CNY' in err and 'article' in err, f'--help documents --to and --rates: {err!r}')

print(f'{"0 failed" if not failures else str(failures) + " failed"}')
sys.exit(1 if failures else 0)
