#!/usr/bin/env python3
"""Hardening tests of `factlens extract` (issue 10): the direct JSON/CSV writer, output that can be
trusted (checked writes, temporary file, signals, output == input), inputs (directories, FIFOs,
binary files, duplicate ids, --input-format jsonl, xargs -P) and the 4 GiB limit.
usage: test_cli_hardening.py FACTLENS_BINARY REPO_ROOT

Each test is a function; the summary names the ones that failed."""
import csv
import io
import json
import math
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal

BIN, ROOT = os.path.abspath(sys.argv[1]), sys.argv[2]
CORPUS = os.path.join(ROOT, 'assets', 'corpus')
FILES = sorted(os.path.join(CORPUS, f) for f in os.listdir(CORPUS) if f.endswith('.txt'))
SEEDS = b'\n'.join(open(f, 'rb').read() for f in FILES)

failures = []
current = ''


def check(cond, what):
    if not cond:
        what = what if len(what) <= 400 else what[:400] + '...'
        failures.append(f'{current}: {what}')
        print(f'FAIL [{current}]: {what}')


def run(args, stdin=b'', timeout=60, env=None, preexec=None, stdout=subprocess.PIPE, cwd=None):
    """(exit code or None on timeout, stdout bytes, stderr str)."""
    e = dict(os.environ)
    e.update(env or {})
    try:
        p = subprocess.run([BIN] + args, input=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout,
                           env=e, preexec_fn=preexec, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None, b'', 'timeout'
    return p.returncode, p.stdout or b'', p.stderr.decode('utf-8', 'replace')


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)
    return path


def leftovers(d, keep):
    """Files in d other than keep (temporary files left behind)."""
    return sorted(set(os.listdir(d)) - set(keep))


# ---- the writer: nlohmann::json's format, re-derived here ----------------------------------------

def nl_number(v):
    """A JSON number as nlohmann::json::dump() prints it (doubles: shortest digits, '.0' on whole
    numbers below 1e15, exponent with a sign and at least two digits)."""
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, int):
        return str(v)
    if v == 0:
        return '-0.0' if math.copysign(1, v) < 0 else '0.0'
    sign, digits, exp = Decimal(repr(v)).as_tuple()
    full = ''.join(map(str, digits)).lstrip('0')
    while full.endswith('0') and len(full) > 1:  # trailing zeros go into the exponent
        full = full[:-1]
        exp += 1
    k = len(full)
    n = k + exp
    s = '-' if sign else ''
    if k <= n <= 15:
        return s + full + '0' * (n - k) + '.0'
    if 0 < n <= 15:
        return s + full[:n] + '.' + full[n:]
    if -4 < n <= 0:
        return s + '0.' + '0' * (-n) + full
    e = n - 1
    m = full if k == 1 else full[0] + '.' + full[1:]
    return s + m + 'e' + ('-' if e < 0 else '+') + ('%02d' % abs(e))


ESC = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r',
       '\u0085': '\\u0085', '\u2028': '\\u2028', '\u2029': '\\u2029'}


def nl_string(s):
    return '"' + ''.join(ESC.get(ch, '\\u%04x' % ord(ch) if ord(ch) < 0x20 else ch) for ch in s) + '"'


def nl_value(v):
    if v is None:
        return 'null'
    if isinstance(v, str):
        return nl_string(v)
    if isinstance(v, dict):
        return '{' + ','.join(nl_string(k) + ':' + nl_value(x) for k, x in v.items()) + '}'
    return nl_number(v)


PLAIN_KEYS = sorted(['article', 'kind', 'value', 'unit', 'qualifier', 'low', 'high', 'start', 'end', 'text', 'subject',
                     'period', 'pair', 'ambiguous', 'direction', 'hedge', 'rate', 'rate_unit'])


def reserialise(line):
    """The line parsed and printed again in the writer's format: equal bytes iff the writer is right."""
    obj = json.loads(line, object_pairs_hook=lambda kv: dict(kv))
    return ('{' + ','.join(nl_string(k) + ':' + nl_value(v) for k, v in obj.items()) + '}').encode('utf-8')


ODD_TEXT = ('Sales\u2028rose 5% to 3 billion yuan (about $420 million) in 2025. Cost "x" fell 2.5 percent;\x01 '
            'tab\there 6,000 firms\u0085 and \u2029 1,200 robots, 0.0001 percent, 1e5? 123456789012345678 units. '
            '\x7f Revenue rose 12.75% to \u20ac1.5 trillion on Wednesday, January 21, 2026.\r\n').encode() + \
           b'bad \xff\xfe bytes 7 percent \xe2\x82 more 9 billion dollars \xed\xa0\x80 3 percent.\n'


def test_writer_format():
    """Every JSON line is exactly what nlohmann's format gives for its own values (keys, numbers,
    escapes), and U+0085 / U+2028 / U+2029 never appear raw."""
    with tempfile.TemporaryDirectory() as d:
        odd = write(os.path.join(d, 'odd\u2028id\u0085x\u2029.txt'), ODD_TEXT * 3)
        for extra in ([], ['--to', 'USD'], ['--to', 'EUR', '--rates', 'article']):
            code, out, err = run(['extract'] + extra + FILES + [odd])
            check(code == 0, f'{extra}: exit {code} {err}')
            lines = out.split(b'\n')
            check(lines[-1] == b'', f'{extra}: output ends with a line end')
            lines = lines[:-1]
            check(len(lines) > 80, f'{extra}: {len(lines)} lines')
            for raw in (b'\xc2\x85', b'\xe2\x80\xa8', b'\xe2\x80\xa9'):
                check(raw not in out, f'{extra}: raw {raw!r} in the output')
            check(len(out.decode('utf-8').splitlines()) == len(lines), f'{extra}: str.splitlines() splits a record')
            bad = [l for l in lines if reserialise(l) != l]
            check(not bad, f'{extra}: {len(bad)} lines differ from the format, first: {bad[:1]}')
            if not extra:
                keys = [list(json.loads(l).keys()) for l in lines]
                check(all(k == PLAIN_KEYS for k in keys), 'plain extract: keys sorted')
            check(b'"article":"odd\\u2028id\\u0085x\\u2029"' in out, f'{extra}: article id escaped')
        # JSON array and CSV carry the same claims as JSON Lines.
        code, out, _ = run(['extract'] + FILES + [odd])
        n = out.count(b'\n')
        code, arr, _ = run(['extract', '--format', 'json'] + FILES + [odd])
        check(code == 0 and arr.startswith(b'[\n{') and arr.endswith(b'}\n]\n') and len(json.loads(arr)) == n, 'json array')
        code, arr, _ = run(['extract', '--format', 'json', os.path.join(d, 'nothing')])
        check(arr == b'[]\n', f'empty json array: {arr!r}')
        code, csvb, _ = run(['extract', '--format', 'csv'] + FILES + [odd])
        rows = list(csv.reader(io.StringIO(csvb.decode('utf-8'), newline='')))
        check(len(rows) == n + 1 and all(len(r) == 15 for r in rows), f'csv: {len(rows)} rows for {n} claims')


# ---- output you can trust ----------------------------------------------------------------------------

def big_input(d, mb=2):
    n = (mb << 20) // len(SEEDS) + 1
    return write(os.path.join(d, 'big.txt'), b'\n'.join([SEEDS] * n))


def fsize_limit(kb, ignore_xfsz):
    def f():
        resource.setrlimit(resource.RLIMIT_FSIZE, (kb * 1024, kb * 1024))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN if ignore_xfsz else signal.SIG_DFL)
    return f


def test_write_errors():
    with tempfile.TemporaryDirectory() as d:
        big = big_input(d)
        with open('/dev/full', 'wb') as full:
            for args in ([FILES[0]], [big], ['--format', 'csv', big]):
                code, _, err = run(['extract'] + args, stdout=full)
                check(code == 1 and 'cannot write standard output' in err, f'> /dev/full {args}: exit {code}, {err!r}')
        for ignore in (False, True):
            out = os.path.join(d, 'out.jsonl')
            with open(out, 'wb') as f:
                code, _, err = run(['extract', big], stdout=f, preexec=fsize_limit(64, ignore))
            check(code == 1 and 'File too large' in err, f'file-size limit (SIGXFSZ ignored={ignore}) on stdout: exit {code}, {err!r}')
            target = os.path.join(d, 'o', 'facts.jsonl')
            os.makedirs(os.path.dirname(target), exist_ok=True)
            write(target, b'previous\n')
            code, _, err = run(['extract', '--output', target, big], preexec=fsize_limit(64, ignore))
            check(code == 1 and 'cannot write' in err, f'file-size limit with --output: exit {code}, {err!r}')
            check(open(target, 'rb').read() == b'previous\n', 'a failed run leaves the previous output as it was')
            check(leftovers(os.path.dirname(target), ['facts.jsonl']) == [], f'temporary file left: {leftovers(os.path.dirname(target), ["facts.jsonl"])}')


def test_sigpipe():
    with tempfile.TemporaryDirectory() as d:
        big = big_input(d, 4)
        for ignore in (False, True):
            pre = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else \
                  (lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))
            p = subprocess.Popen([BIN, 'extract', big], stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=pre)
            first = p.stdout.readline()
            p.stdout.close()
            err = p.stderr.read().decode()
            code = p.wait(timeout=60)
            check(first.startswith(b'{'), 'a first line')
            check(code in (141, -signal.SIGPIPE), f'reader gone (SIGPIPE ignored={ignore}): status {code}')
            check(err == '', f'quietly (SIGPIPE ignored={ignore}): {err!r}')


def test_output_is_input():
    with tempfile.TemporaryDirectory() as d:
        art = write(os.path.join(d, 'a.txt'), open(FILES[0], 'rb').read())
        orig = open(art, 'rb').read()
        os.symlink('a.txt', os.path.join(d, 'link.txt'))
        for out_arg in (art, os.path.join(d, '.', 'a.txt'), os.path.join(d, 'link.txt')):
            code, _, err = run(['extract', '--output', out_arg, art])
            check(code == 2 and 'refusing' in err, f'--output {out_arg} == input: exit {code}, {err!r}')
            check(open(art, 'rb').read() == orig, f'--output {out_arg}: the article is intact')
        with open(art, 'rb') as f:
            p = subprocess.run([BIN, 'extract', '--output', art, '-'], stdin=f, capture_output=True, timeout=60)
        code, err = p.returncode, p.stderr.decode()
        check(code == 2, f'--output is standard input: exit {code}, {err!r}')
        with open(art, 'ab') as f:
            code, _, err = run(['extract', art], stdout=f)
        check(code == 2 and 'standard output' in err, f'>> input: exit {code}, {err!r}')
        check(open(art, 'rb').read() == orig, '>> input: the article is intact')
        other = write(os.path.join(d, 'b.txt'), b'Sales rose 5% to 3 billion yuan in 2025.\n')
        code, _, err = run(['diff', '--output', other, art, other])
        check(code == 2 and open(other, 'rb').read().startswith(b'Sales'), f'diff --output == input: exit {code}, {err!r}')


def test_temporary_file():
    with tempfile.TemporaryDirectory() as d:
        victim = write(os.path.join(d, 'victim'), b'keep me\n')
        out = os.path.join(d, 'facts.jsonl')
        os.symlink(victim, out + '.tmp')  # the old fixed name, pointing elsewhere
        code, _, err = run(['extract', '--output', out] + FILES)
        check(code == 0, f'exit {code}, {err!r}')
        check(open(victim, 'rb').read() == b'keep me\n', 'a symlink at OUTPUT.tmp is not followed')
        check(os.path.islink(out + '.tmp'), 'OUTPUT.tmp is left alone')
        check(len(open(out, 'rb').read().splitlines()) > 80, 'the output is written')
        check(leftovers(d, ['victim', 'facts.jsonl', 'facts.jsonl.tmp']) == [], f'left: {leftovers(d, ["victim", "facts.jsonl", "facts.jsonl.tmp"])}')
        os.unlink(out + '.tmp')
        write(out + '.tmp', b'someone else\'s file\n')
        code, _, _ = run(['extract', '--output', out] + FILES)
        check(code == 0 and open(out + '.tmp', 'rb').read() == b'someone else\'s file\n', 'an existing OUTPUT.tmp is not overwritten')
        # A symlink as the output: the file it points at is replaced, the link kept.
        real = write(os.path.join(d, 'real.jsonl'), b'old\n')
        link = os.path.join(d, 'current.jsonl')
        os.symlink('real.jsonl', link)
        code, _, _ = run(['extract', '--output', link, FILES[0]])
        check(code == 0 and os.path.islink(link) and open(real, 'rb').read().startswith(b'{'), 'output through a symlink')
        # Mode: as a new file would get (0666 & ~umask).
        um = os.umask(0)
        os.umask(um)
        check(stat.S_IMODE(os.stat(out).st_mode) == 0o666 & ~um, f'mode {oct(os.stat(out).st_mode)}')
        # Unwritable folder: exit 1, a message.
        code, _, err = run(['extract', '--output', os.path.join(d, 'no', 'such', 'x.json'), FILES[0]])
        check(code == 1 and 'cannot write' in err, f'missing folder: {code} {err!r}')
        code, _, err = run(['extract', '--output', d, FILES[0]])
        check(code == 1 and 'cannot write' in err, f'a folder as output: {code} {err!r}')
        code, out_b, err = run(['extract', '--output', '/dev/stdout', FILES[0]])
        check(code == 0 and out_b.count(b'\n') > 5, f'--output /dev/stdout: {code} {err!r}')


def test_signals_remove_temporary_file():
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, 'facts.jsonl')
            p = subprocess.Popen([BIN, 'extract', '--output', out, '-'], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 preexec_fn=lambda: [signal.signal(s, signal.SIG_DFL) for s in
                                                     (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE)])
            p.stdin.write(SEEDS[:5000])
            p.stdin.flush()
            deadline = time.time() + 10
            while not os.listdir(d) and time.time() < deadline:
                time.sleep(0.02)
            check(len(os.listdir(d)) == 1, f'{sig.name}: a temporary file while running: {os.listdir(d)}')
            p.send_signal(sig)
            code = p.wait(timeout=30)
            p.stdin.close()
            check(code == -sig, f'{sig.name}: ends by the signal ({code})')
            check(os.listdir(d) == [], f'{sig.name}: nothing left: {os.listdir(d)}')


# ---- inputs ---------------------------------------------------------------------------------------

def claims_by_article(out):
    arts = {}
    for l in out.splitlines():
        c = json.loads(l)
        arts[c['article']] = arts.get(c['article'], 0) + 1
    return arts


def test_directory_input():
    with tempfile.TemporaryDirectory() as d:
        sub = os.path.join(d, 'folder.txt')
        os.mkdir(sub)
        code, out, err = run(['extract', sub, FILES[0]])
        check(code == 1 and 'folder.txt' in err and 'directory' in err, f'directory: exit {code}, {err!r}')
        check(list(claims_by_article(out)) == [os.path.basename(FILES[0])[:-4]], 'the other file is processed')


def test_fifo_input():
    with tempfile.TemporaryDirectory() as d:
        fifo = os.path.join(d, 'pipe.txt')
        os.mkfifo(fifo)
        t0 = time.time()
        code, out, err = run(['extract', fifo, FILES[0]], env={'FACTLENS_FIFO_TIMEOUT': '1'}, timeout=20)
        took = time.time() - t0
        check(code == 1 and 'pipe.txt' in err and 'no writer' in err, f'FIFO without writer: exit {code}, {err!r}')
        check(took < 10, f'skipped after the timeout ({took:.1f} s)')
        check(code is not None and list(claims_by_article(out)) == [os.path.basename(FILES[0])[:-4]], 'the other file is processed')

        # With a writer that starts late (but within the timeout), the FIFO is read.
        def writer():
            time.sleep(0.5)
            with open(fifo, 'wb') as f:
                f.write(b'Sales rose 5% to 3 billion yuan in 2025.\n')
        t = threading.Thread(target=writer)
        t.start()
        code, out, err = run(['extract', fifo], env={'FACTLENS_FIFO_TIMEOUT': '5'}, timeout=20)
        t.join()
        check(code == 0 and claims_by_article(out).get('pipe') == 3, f'FIFO with a writer: exit {code}, {out[:200]!r} {err!r}')


def test_binary_input():
    with tempfile.TemporaryDirectory() as d:
        elf = shutil.copy(BIN, os.path.join(d, 'tool.txt'))
        png = write(os.path.join(d, 'image.txt'), b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + b'Revenue rose 5 percent. ' * 50)
        rnd = write(os.path.join(d, 'noise.txt'), bytes((i * 7919 + 13) % 128 + 128 for i in range(4096)) + b' 5 percent 2025')
        utf16 = write(os.path.join(d, 'wide.txt'), '\ufeffSales rose 5% in 2025.'.encode('utf-16-le'))
        latin1 = write(os.path.join(d, 'latin.txt'), 'Le café a gagné 5 % en 2025, à 3 milliards d\'euros. Sales rose 7 percent.'.encode('latin-1'))
        code, out, err = run(['extract', elf, png, rnd, utf16, latin1, FILES[0]])
        arts = claims_by_article(out)
        check(code == 1, f'binary inputs: exit {code}')
        for name in ('tool', 'image', 'noise', 'wide'):
            check(name not in arts, f'{name}: no claims from a binary file ({arts.get(name)})')
            check(f'{name}.txt' in err, f'{name}: named on stderr')
        check('binary' in err and 'UTF-16' in err and 'not UTF-8' in err, f'reasons: {err!r}')
        check('latin' in arts and 'replaced' in err, 'a text with a few bad bytes is still read (U+FFFD)')
        check(os.path.basename(FILES[0])[:-4] in arts, 'the text file is processed')


def test_duplicate_ids():
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for sub in ('x', 'y', 'z'):
            os.mkdir(os.path.join(d, sub))
            paths.append(write(os.path.join(d, sub, 'report.txt'), b'Sales rose 5% to 3 billion yuan in 2025.\n'))
        paths.append(write(os.path.join(d, 'report-2.md'), b'Costs fell 2 percent.\n'))
        code, out, err = run(['extract'] + paths)
        arts = claims_by_article(out)
        check(code == 0, f'exit {code}')
        check(set(arts) == {'report', 'report-2', 'report-3', 'report-2-2'}, f'unique ids: {sorted(arts)}')
        check(err.count('renamed') == 3 and '"report-2"' in err, f'renamings reported: {err!r}')


def test_compare_and_diff_inputs():
    # compare and diff read their inputs as extract does: a directory or a binary file is refused
    # with a message (exit 1) instead of being read as empty text; compare still compares the rest
    # and makes repeated ids unique.
    with tempfile.TemporaryDirectory() as d:
        folder = os.path.join(d, 'folder.txt')
        os.mkdir(folder)
        elf = shutil.copy(BIN, os.path.join(d, 'tool.txt'))
        os.mkdir(os.path.join(d, 'again'))
        twin = shutil.copy(FILES[0], os.path.join(d, 'again', os.path.basename(FILES[0])))
        code, out, err = run(['compare', folder, elf, FILES[0], FILES[1], twin])
        check(code == 1 and 'folder.txt: is a directory' in err and 'tool.txt: binary file' in err, f'compare: exit {code}, {err!r}')
        try:
            ids = [a['id'] for a in json.loads(out)['articles']]
        except Exception as e:
            ids = [f'no JSON: {e}']
        first = os.path.basename(FILES[0])[:-4]
        check(ids == [first, os.path.basename(FILES[1])[:-4], first + '-2'], f'compare: the rest compared, ids unique: {ids}')
        check('renamed' in err, f'compare: the renaming is reported: {err!r}')
        for bad, why in ((folder, 'is a directory'), (elf, 'binary file')):
            code, out, err = run(['diff', bad, FILES[0]])
            check(code == 1 and why in err and out == b'', f'diff {os.path.basename(bad)}: exit {code}, {err!r}')


def test_jsonl_input():
    lines = [
        json.dumps({'id': 'a1', 'text': 'Sales rose 5% to 3 billion yuan on Wednesday.', 'published': '2026-01-21'}),
        '{"id": "broken", "text": ',
        '',
        '[1, 2]',
        json.dumps({'text': 'no id 5 percent'}),
        json.dumps({'id': 'b2', 'text': 'Costs fell 2 percent.', 'published': '2026-02-30'}),
        json.dumps({'id': 7, 'text': 'Profit rose 9 percent in 2025.', 'published': None, 'url': 'http://x'}) + '\r',
        json.dumps({'id': 'a1', 'text': 'Again 4 percent.'}),
        json.dumps({'id': 'u\u2028v', 'text': 'Line\u2028sep 3 percent'}, ensure_ascii=False),
    ]
    data = ('\n'.join(lines)).encode()
    with tempfile.TemporaryDirectory() as d:
        f = write(os.path.join(d, 'articles.jsonl'), data)
        for args, stdin, name in ((['extract', '--input-format', 'jsonl', f], b'', 'articles.jsonl'),
                                  (['extract', '--input-format=jsonl', '-'], data, 'stdin')):
            code, out, err = run(args, stdin=stdin)
            check(code == 1, f'{name}: exit 1 for malformed lines (got {code}, {err!r})')
            for n in (2, 4, 5, 6):
                check(f'{name}:{n}:' in err, f'{name}: line {n} reported: {err!r}')
            check(f'{name}:3:' not in err and f'{name}:7:' not in err, f'{name}: good and blank lines not reported')
            claims = [json.loads(l) for l in out.splitlines()]
            arts = {c['article'] for c in claims}
            check(arts == {'a1', '7', 'a1-2', 'u\u2028v'}, f'{name}: articles {arts}')
            wed = [c for c in claims if c['article'] == 'a1' and c['kind'] == 'date']
            check(wed and wed[0]['period'] == {'start': '2026-01-21', 'end': '2026-01-21'}, f'{name}: published used: {wed}')
            check(b'\\u2028' in out, f'{name}: U+2028 escaped')
        # CSV from JSON Lines, and an unknown input format.
        code, out, err = run(['extract', '--input-format', 'jsonl', '--format', 'csv', f])
        check(code == 1 and out.decode().splitlines()[0].startswith('article,kind'), 'csv from jsonl')
        code, _, _ = run(['extract', '--input-format', 'xml', f])
        check(code == 2, 'unknown --input-format: exit 2')


def test_parallel_recipe():
    """The README's recipe: find ... -print0 | xargs -0 -n N -P 2 factlens extract > all.jsonl, and
    the same into a pipe: whole lines, every claim once."""
    with tempfile.TemporaryDirectory() as d:
        corpus = os.path.join(d, 'corpus')
        os.mkdir(corpus)
        for i in range(8):
            write(os.path.join(corpus, f'part{i}.txt'), b'\n'.join([SEEDS] * (6 + i)))
        code, seq, _ = run(['extract'] + sorted(os.path.join(corpus, f) for f in os.listdir(corpus)))
        want = sorted(seq.splitlines())
        for sink in ('> all.jsonl', '| cat > all.jsonl'):
            cmd = f"find corpus -name '*.txt' -print0 | xargs -0 -n 2 -P 2 '{BIN}' extract {sink}"
            p = subprocess.run(['bash', '-c', 'set -o pipefail; ' + cmd], cwd=d, capture_output=True, timeout=300)
            check(p.returncode == 0, f'{sink}: exit {p.returncode} {p.stderr[:200]!r}')
            got = open(os.path.join(d, 'all.jsonl'), 'rb').read().splitlines()
            ok = True
            for l in got:
                try:
                    json.loads(l)
                except ValueError:
                    ok = False
            check(ok, f'{sink}: every line is one whole JSON object')
            check(sorted(got) == want, f'{sink}: the same claims as one process ({len(got)} vs {len(want)})')


def test_past_4_gib():
    with tempfile.TemporaryDirectory() as d:
        big = os.path.join(d, 'huge.txt')
        with open(big, 'wb') as f:
            f.truncate(5 << 30)  # sparse: no disk, no time
            f.seek((5 << 30) - 64)
            f.write(b'Revenue rose 5 percent to 3 billion yuan in 2025.\n')
        small = write(os.path.join(d, 'small.txt'), b'Sales rose 5% in 2025.\n')
        lim = 2 << 30
        t0 = time.time()
        # Under a 2 GiB address-space limit, so that a binary that tries to read it fails fast
        # instead of filling the machine's memory (a sanitizer build cannot start under one: then
        # without).
        code, out, err = run(['extract', big, small], preexec=lambda: resource.setrlimit(resource.RLIMIT_AS, (lim, lim)), timeout=60)
        if 'Sanitizer' in err:
            code, out, err = run(['extract', big, small], timeout=60)
        check(code == 1 and 'huge.txt' in err and '4 GiB' in err, f'5 GiB input: exit {code}, {err[-300:]!r}')
        check(code is not None and set(claims_by_article(out)) == {'small'}, 'no claim from it, the other file processed')
        check(time.time() - t0 < 20, 'refused before reading it')


TESTS = [test_writer_format, test_write_errors, test_sigpipe, test_output_is_input, test_temporary_file,
         test_signals_remove_temporary_file, test_directory_input, test_fifo_input, test_binary_input,
         test_duplicate_ids, test_compare_and_diff_inputs, test_jsonl_input, test_parallel_recipe, test_past_4_gib]

only = set(sys.argv[3:])
for t in TESTS:
    if only and t.__name__ not in only:
        continue
    current = t.__name__
    n = len(failures)
    try:
        t()
    except Exception as e:  # a crash of the test is a failure of it, the others still run
        check(False, f'raised {type(e).__name__}: {e}')
    print(f'{"ok  " if len(failures) == n else "FAIL"} {t.__name__}')

print(f'{len(failures)} failed')
sys.exit(1 if failures else 0)
