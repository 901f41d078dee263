#!/usr/bin/env python3
"""Writes a synthetic fact table as `factlens extract --format jsonl` output, for the Facts view bench.

usage: make_facts_corpus.py [--n 1000000] [--articles N/50] [--seed 6] [--out build/bench/facts-1m.jsonl]

Deterministic (fixed seed, standard library only): the same arguments give the same bytes. Shapes
follow assets/facts.json (keys sorted as the CLI writes them, floats as the CLI writes them), plus
"outlet" and "date" on every line. ~370 bytes a line, so 1,000,000 facts is ~370 MB.
  - ~20,000 articles (N / 50) "gen_000123", each with one of 40 outlets and a date in 2024-2026;
    facts in an article come in text order (start/end increase).
  - kinds: money 20 % (CNY/USD/EUR/JPY/GBP/HKD, 1e3..5e12, "1.2 trillion yuan", "US$170 billion"),
    percent 15 % ("9.2%", "5 percent"), count 20 % (unit: one of ~300 counted nouns), quantity 5 %,
    date 20 %, period 20 % (period objects); ~5 % of facts are conversion pairs (money + money with
    pair indexes, rate and rate_unit like "CNY per USD").
  - qualifiers (mostly none; over, more than, about, nearly, up to, ...) with low/high set as the CLI
    does; hedges (mostly none; expected, forecast, target); directions (up, down, none); subjects from
    ~2,000 phrases."""
import argparse
import bisect
import json
import math
import os
import random
import sys

OUTLETS = [
    'Xinhua', 'China Daily', 'Global Times', 'CGTN', 'People\'s Daily', 'South China Morning Post', 'Caixin',
    'Reuters', 'Bloomberg', 'Financial Times', 'The Economist', 'Nikkei Asia', 'Associated Press', 'AFP',
    'The Wall Street Journal', 'The New York Times', 'The Guardian', 'BBC News', 'CNBC', 'Yicai Global',
    'ECNS', 'Shanghai Daily', 'Beijing Review', 'The Paper', 'Sixth Tone', 'TechNode', 'KrASIA', '36Kr',
    'Race to AGI', 'Pandaily', 'The Straits Times', 'Korea Herald', 'Japan Times', 'Deutsche Welle',
    'Le Monde', 'Handelsblatt', 'Forbes', 'Fortune', 'Axios', 'The Information',
]

# ~300 counted nouns (count units): plain and with a modifier.
_COUNT_HEADS = [
    'companies', 'firms', 'enterprises', 'startups', 'factories', 'plants', 'workers', 'employees', 'jobs',
    'users', 'subscribers', 'customers', 'visitors', 'tourists', 'passengers', 'students', 'graduates',
    'patents', 'projects', 'vehicles', 'cars', 'robots', 'drones', 'chips', 'servers', 'data centers',
    'base stations', 'stores', 'hospitals', 'schools', 'flights', 'trips', 'homes', 'units', 'devices',
    'models', 'applications', 'contracts', 'investors', 'households', 'farmers', 'researchers', 'engineers',
    'teachers', 'doctors', 'villages', 'cities', 'ports', 'ships', 'trains',
]
_COUNT_MODS = ['', 'AI ', 'tech ', 'private ', 'foreign ', 'state-owned ', 'new ', 'electric ', 'industrial ']
COUNT_NOUNS = []
for _m in _COUNT_MODS:
    for _h in _COUNT_HEADS:
        COUNT_NOUNS.append((_m + _h).strip())
COUNT_NOUNS = COUNT_NOUNS[:300]

QUANTITY_UNITS = [
    'exaflops', 'petaflops', 'tonnes', 'metric tons', 'barrels', 'kilometres', 'kilometers', 'megawatts',
    'gigawatts', 'kilowatt-hours', 'terawatt-hours', 'square metres', 'hectares', 'cubic metres', 'TEUs',
    'gigabits per second', 'terabytes', 'litres', 'kilograms', 'miles',
]

# ~2,000 subject phrases: modifier + head.
_SUBJ_MODS = [
    'core', 'AI', 'digital', 'industrial', 'retail', 'foreign', 'domestic', 'private', 'fixed-asset',
    'high-tech', 'manufacturing', 'semiconductor', 'electric vehicle', 'renewable energy', 'consumer',
    'export', 'import', 'property', 'infrastructure', 'cross-border', 'e-commerce', 'cloud computing',
    'automotive', 'software', 'telecom', 'green', 'financial', 'rural', 'urban', 'service', 'online',
    'tourism', 'logistics', 'biotech', 'pharmaceutical', 'agricultural', 'robotics', 'battery', 'solar',
    'wind power', 'computing power', '5G', '6G', 'smart city', 'data', 'platform', 'tech', 'steel', 'coal',
    'chip', 'outbound', 'inbound', 'state', 'household', 'corporate', 'venture', 'R&D', 'trade', 'energy',
    'AI chip', 'open-source', 'quantum', 'satellite', 'aviation', 'shipping', 'textile', 'food', 'healthcare',
    'education', 'insurance',
]
_SUBJ_HEADS = [
    'output', 'revenue', 'sales', 'investment', 'spending', 'exports', 'imports', 'growth', 'profits',
    'market', 'industry', 'sector', 'capacity', 'production', 'demand', 'consumption', 'employment',
    'valuation', 'funding', 'loans', 'deposits', 'orders', 'shipments', 'firms', 'companies', 'enterprises',
    'projects', 'users', 'value added', 'turnover',
]
SUBJECTS = [f'{m} {h}' for m in _SUBJ_MODS for h in _SUBJ_HEADS][:2000]

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
          'November', 'December']
MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

# Currency -> ways it is written: (prefix, suffix) around "1.2 billion".
CURRENCIES = {
    'CNY': [('', ' yuan'), ('', ' yuan'), ('', ' yuan'), ('RMB', ''), ('', ' RMB')],
    'USD': [('US$', ''), ('$', ''), ('', ' U.S. dollars'), ('', ' dollars')],
    'EUR': [('€', ''), ('', ' euros')],
    'JPY': [('', ' yen'), ('¥', '')],
    'GBP': [('£', ''), ('', ' pounds')],
    'HKD': [('HK$', ''), ('', ' Hong Kong dollars')],
}
CURRENCY_WEIGHTS = [('CNY', 45), ('USD', 30), ('EUR', 8), ('JPY', 6), ('GBP', 5), ('HKD', 6)]
PER_USD = {'CNY': 7.1, 'EUR': 0.92, 'JPY': 150.0, 'GBP': 0.79, 'HKD': 7.8}

# kind -> share of the facts that are not conversion pairs (pairs are money; they bring money to ~20 %).
KIND_WEIGHTS = [('money', 15), ('percent', 15), ('count', 20), ('quantity', 5), ('date', 20), ('period', 20)]
PAIR_SHARE = 0.05

# (qualifier, weight, bound): 'low' -> low = value; 'high' -> high = value; None -> neither.
QUALIFIERS = [(None, 70, 'both'), ('over', 5, 'low'), ('more than', 6, 'low'), ('about', 5, None),
              ('nearly', 3, 'high'), ('up to', 3, 'high'), ('exceed', 2, 'low'), ('top', 2, 'low'),
              ('surpass', 1, 'low'), ('around', 2, None), ('almost', 1, 'high')]
HEDGES = [(None, 85), ('expected', 8), ('forecast', 4), ('target', 3)]
DIRECTIONS = [(None, 80), ('up', 13), ('down', 7)]


def cum(pairs):
    out, t = [], 0
    for p in pairs:
        t += p[1]
        out.append(t)
    return out


def picker(rng, pairs):
    values = [p[0] for p in pairs]
    weights = cum(pairs)
    total = weights[-1]

    def pick():
        return values[bisect.bisect_right(weights, rng.random() * total)]
    return pick


def thousands(n):
    return f'{n:,}'


def mantissa_text(m100):
    """m100 = mantissa * 100 as an int -> '1.2', '171.39', '5'."""
    whole, frac = divmod(m100, 100)
    if frac == 0:
        return thousands(whole)
    return f'{thousands(whole)}.{frac:02d}'.rstrip('0')


def figure(v):
    """A positive amount as people write it -> (value, text): 1.2 trillion, 171.39 billion, 6,000."""
    for scale, word in ((10 ** 12, 'trillion'), (10 ** 9, 'billion'), (10 ** 6, 'million')):
        if v >= scale:
            x = v / scale
            m100 = round(x) * 100 if x >= 100 else round(x * 10) * 10 if x >= 10 else round(x * 100)
            return float(m100 * scale // 100), f'{mantissa_text(m100)} {word}'
    n = int(round(v, -1 if v < 1e4 else -2)) or 10
    return float(n), thousands(n)


def money_figure(rng):
    """(value, figure text without currency) for 1e3..5e12, log-uniform; often one decimal."""
    v = 10 ** rng.uniform(3, math.log10(5e12))
    if rng.random() < 0.5:
        e = 10 ** (int(math.log10(v)) - 1)
        v = round(v / e) * e
    return figure(v)


def iso(y, m, d):
    return f'{y:04d}-{m:02d}-{d:02d}'


def random_day(rng, y0=2024, y1=2026):
    y = rng.randint(y0, y1)
    m = rng.randint(1, 12)
    return y, m, rng.randint(1, MDAYS[m - 1])


def period_fact(rng):
    """(text, period dict) as the extractor writes them."""
    y = rng.choice((2023, 2024, 2024, 2025, 2025, 2025, 2026, 2026))
    r = rng.random()
    if r < 0.45:
        return str(y), (iso(y, 1, 1), iso(y, 12, 31))
    if r < 0.55:
        m = rng.randint(2, 12)
        return f'January to {MONTHS[m - 1]} {y}', (iso(y, 1, 1), iso(y, m, MDAYS[m - 1]))
    if r < 0.65:
        q = rng.randint(1, 4)
        name = ['first quarter', 'second quarter', 'third quarter', 'fourth quarter'][q - 1]
        return f'the {name} of {y}', (iso(y, 3 * q - 2, 1), iso(y, 3 * q, MDAYS[3 * q - 1]))
    if r < 0.72:
        return f'first three quarters of {y}', (iso(y, 1, 1), iso(y, 9, 30))
    if r < 0.80:
        h = rng.randint(1, 2)
        return (f'the {"first" if h == 1 else "second"} half of {y}',
                (iso(y, 1, 1), iso(y, 6, 30)) if h == 1 else (iso(y, 7, 1), iso(y, 12, 31)))
    if r < 0.88:
        m = rng.randint(1, 12)
        return f'{MONTHS[m - 1]} {y}', (iso(y, m, 1), iso(y, m, MDAYS[m - 1]))
    if r < 0.95:
        a = rng.choice((2021, 2026, 2026, 2027))
        return f'{a}-{a + 4}', (iso(a, 1, 1), iso(a + 4, 12, 31))
    return f'same months in {y}', (iso(y, 1, 1), iso(y, 11, 30))


def date_fact(rng, pub):
    y, m, d = pub
    r = rng.random()
    if r < 0.35:
        # a weekday near publication: keep it on the publication day (the extractor anchors it)
        return rng.choice(WEEKDAYS), iso(y, m, d)
    dm = rng.randint(1, 12)
    dd = rng.randint(1, MDAYS[dm - 1])
    if r < 0.7:
        return f'{MONTHS[dm - 1]} {dd}', iso(y, dm, dd)
    if r < 0.9:
        return f'{MONTHS[dm - 1]} {dd}, {y}', iso(y, dm, dd)
    return iso(y, dm, dd), iso(y, dm, dd)


def line(f):
    # The CLI's key order (sorted) and its float spelling (repr, e.g. 1200000000000.0).
    return json.dumps(f, sort_keys=True, ensure_ascii=False, separators=(',', ':'))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=1_000_000, help='facts to write (default 1,000,000)')
    ap.add_argument('--articles', type=int, default=0, help='articles (default n / 50, so 20,000 for 1M)')
    ap.add_argument('--seed', type=int, default=6)
    ap.add_argument('--out', default='build/bench/facts-1m.jsonl')
    args = ap.parse_args()
    n = args.n
    if n < 1:
        ap.error('--n must be at least 1')
    n_articles = args.articles or max(1, n // 50)
    rng = random.Random(args.seed)

    pick_kind = picker(rng, KIND_WEIGHTS)
    pick_cur = picker(rng, CURRENCY_WEIGHTS)
    pick_qual = picker(rng, [(q, w) for q, w, _ in QUALIFIERS])
    qual_bound = {q: b for q, _, b in QUALIFIERS}
    pick_hedge = picker(rng, HEDGES)
    pick_dir = picker(rng, DIRECTIONS)

    # Facts per article: weights in 0.3..1.7, scaled to sum to n (largest remainders).
    w = [rng.uniform(0.3, 1.7) for _ in range(n_articles)]
    tw = sum(w)
    exact = [x * n / tw for x in w]
    counts = [int(x) for x in exact]
    rest = n - sum(counts)
    for i in sorted(range(n_articles), key=lambda i: exact[i] - counts[i], reverse=True)[:rest]:
        counts[i] += 1

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + '.tmp'
    written = 0
    nbytes = 0
    with open(tmp, 'w', encoding='utf-8', newline='\n') as out:
        buf = []
        for a in range(n_articles):
            article = f'gen_{a:06d}'
            outlet = OUTLETS[rng.randrange(len(OUTLETS))]
            pub = random_day(rng)
            date = iso(*pub)
            pos = rng.randint(40, 400)
            facts = []
            left = counts[a]
            while left > 0:
                is_pair = left >= 2 and rng.random() < PAIR_SHARE / 2
                kind = 'money' if is_pair else pick_kind()
                subject = SUBJECTS[int(rng.random() ** 1.6 * len(SUBJECTS))]
                period = None
                if kind in ('money', 'percent', 'count') and rng.random() < 0.4:
                    period = dict(zip(('start', 'end'), period_fact(rng)[1]))
                base = {'ambiguous': rng.random() < 0.02, 'article': article, 'date': date, 'direction': None,
                        'hedge': None, 'high': None, 'low': None, 'outlet': outlet, 'pair': None,
                        'period': period, 'qualifier': None, 'rate': None, 'rate_unit': None, 'subject': None,
                        'unit': None, 'value': None}
                if kind in ('date', 'period'):
                    if kind == 'date':
                        text, day = date_fact(rng, pub)
                        base['period'] = {'start': day, 'end': day}
                    else:
                        text, (ps, pe) = period_fact(rng)
                        base['period'] = {'start': ps, 'end': pe}
                    group = [(base, text)]
                else:
                    qual = pick_qual()
                    base['qualifier'] = qual
                    base['hedge'] = pick_hedge()
                    base['direction'] = pick_dir()
                    base['subject'] = subject if rng.random() < 0.85 else None
                    if kind == 'money':
                        cur = 'CNY' if is_pair else pick_cur()
                        value, fig = money_figure(rng)
                        while is_pair and value < 1e6:  # conversions are of large sums
                            value, fig = money_figure(rng)
                        pre, suf = rng.choice(CURRENCIES[cur])
                        base['unit'] = cur
                        group = [(base, value, f'{pre}{fig}{suf}')]
                        if is_pair:
                            other = rng.choice(('USD', 'USD', 'USD', 'EUR', 'HKD')) if cur == 'CNY' else 'CNY'
                            rate = PER_USD['CNY'] * rng.uniform(0.97, 1.03) / (PER_USD[other] if other != 'USD' else 1)
                            ov, fig2 = figure(value / rate)
                            m = dict(base, unit=other)
                            pre2, suf2 = rng.choice(CURRENCIES[other])
                            group.append((m, ov, f'{pre2}{fig2}{suf2}'))
                            base['rate'] = rate
                            base['rate_unit'] = f'{cur} per {other}'
                            m['rate'] = 1 / rate
                            m['rate_unit'] = f'{other} per {cur}'
                    elif kind == 'percent':
                        v = round(rng.uniform(0.1, 30) if rng.random() < 0.85 else rng.uniform(30, 300), 1 if rng.random() < 0.8 else 2)
                        if v == int(v):
                            v = float(int(v))
                        vt = (f'{v:.2f}'.rstrip('0').rstrip('.'))
                        text = rng.choice((f'{vt}%', f'{vt}%', f'{vt} percent', f'{vt} per cent'))
                        base['unit'] = '%'
                        group = [(base, v, text)]
                    elif kind == 'count':
                        if rng.random() < 0.8:
                            v = rng.choice((rng.randint(2, 999), rng.randint(1, 99) * 100, rng.randint(1, 999) * 1000))
                            text = thousands(v)
                        else:
                            m100 = rng.randint(11, 999) * 10
                            v = m100 * 1_000_000 // 100
                            text = f'{mantissa_text(m100)} million'
                        base['unit'] = COUNT_NOUNS[int(rng.random() ** 1.3 * len(COUNT_NOUNS))]
                        group = [(base, float(v), text)]
                    else:  # quantity
                        v = rng.randint(1, 99_999)
                        base['unit'] = rng.choice(QUANTITY_UNITS)
                        text = f'{thousands(v)} {base["unit"]}'
                        group = [(base, float(v), text)]
                    fixed = []
                    for f, value, text in group:
                        f['value'] = value
                        b = qual_bound[f['qualifier']]
                        if b == 'both':
                            f['low'] = f['high'] = value
                        elif b == 'low':
                            f['low'] = value
                        elif b == 'high':
                            f['high'] = value
                        fixed.append((f, text))
                    group = fixed
                first = len(facts)
                for k, (f, text) in enumerate(group):
                    pos += rng.randint(8, 220) if k == 0 else rng.randint(2, 12)
                    f['kind'] = kind
                    f['text'] = text
                    f['start'] = pos
                    pos += len(text.encode('utf-8'))
                    f['end'] = pos
                    facts.append(f)
                if len(group) == 2:
                    facts[first]['pair'] = first + 1
                    facts[first + 1]['pair'] = first
                left -= len(group)
            for f in facts:
                s = line(f)
                buf.append(s)
                nbytes += len(s.encode('utf-8')) + 1
            written += len(facts)
            if len(buf) >= 20000:
                out.write('\n'.join(buf) + '\n')
                buf = []
        if buf:
            out.write('\n'.join(buf) + '\n')
    os.replace(tmp, args.out)
    print(f'make_facts_corpus: {written:,} facts, {n_articles:,} articles, {nbytes:,} bytes '
          f'({nbytes / max(1, written):.0f} B/line) -> {args.out}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
