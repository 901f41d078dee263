#!/usr/bin/env python3
"""Keeps docs/cli.md honest: what the factlens binary prints must be documented there.
usage: test_cli_docs.py FACTLENS_BINARY REPO_ROOT

Checked against the real binary:
  - every command `factlens --help` lists has its section, "## `factlens NAME`";
  - every long option each `factlens NAME --help` prints is a row of that section's option table
    ("| `--option ..."), and every value of an "--option a|b|c" choice is named in the section;
  - every JSON key `factlens extract` writes (plain, --to USD, --to USD --rates article; nested keys
    included) on the seed corpus and tests/data/extra_articles is in the first column of a table of
    the extract section, and every value of `kind` and `conversion` seen is named there;
  - both CSV headers (plain and --to) are in the extract section, column for column;
  - every JSON key `factlens compare` and `factlens diff` write is named in their sections, with the
    verdicts, reasons and op kinds seen.
The checks run first on a copy of the document with parts removed, each of which must be caught, so
the test is known to be able to fail."""
import json
import os
import re
import subprocess
import sys
import tempfile

BIN, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DOC = os.path.join(ROOT, 'docs', 'cli.md')


def run(args, stdin=None):
    p = subprocess.run([BIN] + args, capture_output=True, timeout=120, input=stdin)
    return p.returncode, p.stdout.decode('utf-8'), p.stderr.decode('utf-8', 'replace')


def sections(doc):
    """{command: its section's text} for each "## `factlens NAME`" heading; '' is the preamble."""
    out, name, buf = {}, '', []
    for line in doc.splitlines():
        m = re.match(r'^## `factlens (\w+)`\s*$', line)
        if m:
            out[name] = '\n'.join(buf)
            name, buf = m.group(1), []
        else:
            buf.append(line)
    out[name] = '\n'.join(buf)
    return out


def first_column_names(text):
    """Backticked names in the first cell of every table row: "| `low`, `high` | ..." -> low, high."""
    names = set()
    for line in text.splitlines():
        if line.startswith('|'):
            cell = line.split('|')[1]
            names.update(re.findall(r'`([^`]+)`', cell))
    return names


def backticked(text):
    return set(re.findall(r'`([^`\n]+)`', text))


def keys_of(value, into):
    """Every object key in a JSON value, nested ones included."""
    if isinstance(value, dict):
        for k, v in value.items():
            into.add(k)
            keys_of(v, into)
    elif isinstance(value, list):
        for v in value:
            keys_of(v, into)
    return into


# ---- What the binary prints ----------------------------------------------------------------------------
corpus = os.path.join(ROOT, 'assets', 'corpus')
extra = os.path.join(ROOT, 'tests', 'data', 'extra_articles')
texts = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith('.txt'))
texts += sorted(os.path.join(extra, f) for f in os.listdir(extra) if f.endswith('.txt'))
setup_errors = []


def must(cond, what):
    if not cond:
        setup_errors.append(what)


code, out, err = run(['--help'])
must(code == 0, f'factlens --help exits 0 (got {code})')
commands = re.findall(r'^  (\w+)\s{2,}\S', out + err, re.M)
must(set(commands) >= {'extract', 'compare', 'diff'}, f'factlens --help lists extract, compare, diff (got {commands})')

helps = {}
for c in commands:
    code, out, err = run([c, '--help'])
    must(code == 0, f'factlens {c} --help exits 0 (got {code})')
    helps[c] = out + err
    must('--' in helps[c], f'factlens {c} --help prints options')

extract_keys, kinds, conversions = set(), set(), set()
for extra_args in ([], ['--to', 'USD'], ['--to', 'USD', '--rates', 'article']):
    code, out, err = run(['extract'] + extra_args + texts)
    must(code == 0, f'factlens extract {extra_args} exits 0 (got {code}: {err[:200]})')
    lines = out.splitlines()
    must(len(lines) > 50, f'factlens extract {extra_args} prints claims (got {len(lines)} lines)')
    for line in lines:
        claim = json.loads(line)
        keys_of(claim, extract_keys)
        kinds.add(claim['kind'])
        if 'conversion' in claim:
            conversions.add(claim['conversion'])
must({'display_value', 'conversion_note', 'pair_rate', 'period', 'start'} <= extract_keys,
     f'the extract keys include the --to fields (got {sorted(extract_keys)})')

csv_headers = []
for extra_args in ([], ['--to', 'USD']):
    code, out, err = run(['extract', '--format', 'csv'] + extra_args + texts[:1])
    must(code == 0, f'factlens extract --format csv {extra_args} exits 0 (got {code})')
    csv_headers.append(out.splitlines()[0] if out else '')

code, out, err = run(['compare'] + texts)
must(code == 0, f'factlens compare exits 0 (got {code}: {err[:200]})')
compare_json = json.loads(out) if code == 0 else {}
compare_keys = keys_of(compare_json, set())
verdicts = {c['verdict'] for c in compare_json.get('clusters', [])}
reasons = {r for c in compare_json.get('clusters', []) for r in c['reason']}

with tempfile.TemporaryDirectory() as tmp:
    a, b = os.path.join(tmp, 'a.txt'), os.path.join(tmp, 'b.txt')
    with open(a, 'w') as f:
        f.write('The board met on Monday. Costs were flat across the whole group this year. Revenue rose 5.8 percent. Staff left.\n')
    with open(b, 'w') as f:
        f.write('Costs were flat across the whole group this year. The board met on Monday. Revenue rose 5.9 percent. New staff joined.\n')
    code, out, err = run(['diff', a, b])
    must(code == 0, f'factlens diff exits 0 (got {code}: {err[:200]})')
    diff_json = json.loads(out) if code == 0 else {}
diff_keys = keys_of(diff_json, set())
ops = {op['op'] for op in diff_json.get('ops', [])}
must({'move', 'equal', 'replace'} <= ops and 'pair' in diff_keys and 'number' in diff_keys,
     f'the diff sample has moves, a changed number and an equal part (got {sorted(ops)}, {sorted(diff_keys)})')


# ---- The checks ------------------------------------------------------------------------------------------
def problems(doc):
    found = []
    sec = sections(doc)
    for c in commands:
        if c not in sec:
            found.append(f'no section "## `factlens {c}`"')
            continue
        text = sec[c]
        for opt in sorted(set(re.findall(r'(?<![\w-])(--[a-z][a-z0-9-]*)', helps[c]))):
            if not re.search(r'^\| `' + re.escape(opt) + r'[ `=]', text, re.M):
                found.append(f'{c}: option {opt} (printed by --help) is not a row of the option table')
        for opt, choices in re.findall(r'(--[a-z][a-z0-9-]*) ([\w.]+(?:\|[\w.]+)+)', helps[c]):
            for v in choices.split('|'):
                if not re.search(r'(?<![\w-])' + re.escape(v) + r'(?![\w-])', text):
                    found.append(f'{c}: value {v!r} of {opt} is not named')
    ex = sec.get('extract', '')
    rows = first_column_names(ex)
    for k in sorted(extract_keys):
        if k not in rows:
            found.append(f'extract: JSON field {k!r} is not in a field table')
    names = backticked(ex)
    for v in sorted(kinds | conversions):
        if v not in names and not re.search(r'`' + re.escape(v) + r'`', ex):
            found.append(f'extract: value {v!r} (kind or conversion) is not named')
    if csv_headers and csv_headers[0] not in ex:
        found.append(f'extract: the CSV header {csv_headers[0]!r} is not in the section')
    if len(csv_headers) > 1 and csv_headers[1].startswith(csv_headers[0] + ','):
        added = csv_headers[1][len(csv_headers[0]) + 1:]
        if added not in ex:
            found.append(f'extract: the --to CSV columns {added!r} are not in the section')
    for name, keys, values in (('compare', compare_keys, verdicts | reasons), ('diff', diff_keys, ops)):
        text = sec.get(name, '')
        names = backticked(text)
        spans = ' '.join(names)
        for k in sorted(keys):
            if not re.search(r'(?<![\w])' + re.escape(k) + r'(?![\w])', spans):
                found.append(f'{name}: JSON field {k!r} is not named')
        for v in sorted(values):
            if v not in names:
                found.append(f'{name}: value {v!r} is not named')
    for code_ in ('0', '1', '2', '141'):
        if not re.search(r'^\| ' + code_ + r' \|', ex, re.M):
            found.append(f'extract: exit code {code_} is not a row of the exit code table')
    return found


failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print(f'FAIL: {what}')


for e in setup_errors:
    check(False, e)

with open(DOC, encoding='utf-8') as f:
    doc = f.read()

# The checker must catch what is missing: each mutation removes something the binary prints.
mutations = {
    'a field row removed': re.sub(r'^\| `subject` \|.*\n', '', doc, flags=re.M),
    'a --to field row removed': re.sub(r'^\| `rate_stale` \|.*\n', '', doc, flags=re.M),
    'an option row removed': re.sub(r'^\| `--no-moves` \|.*\n', '', doc, flags=re.M),
    'an option renamed': doc.replace('| `--input-format', '| `--input-fmt'),
    'a section removed': doc.replace('## `factlens compare`', '## compare'),
    'a CSV column dropped': doc.replace('period_start,period_end,', 'period_start,'),
}
for what, mutated in mutations.items():
    check(mutated != doc, f'mutation "{what}" changes the document (update the test if the document changed)')
    check(problems(mutated), f'the checker catches: {what}')

for p in problems(doc):
    check(False, f'docs/cli.md: {p}')

print(f'cli docs: {len(commands)} commands, {len(extract_keys)} extract fields, {len(compare_keys)} compare and '
      f'{len(diff_keys)} diff fields checked; {failures} failure(s)')
sys.exit(1 if failures else 0)
