#!/usr/bin/env python3
"""Writes a deterministic pair of texts for the word-diff benchmark (tests/bench/diff_bench.mjs).

Usage: make_diff_pair.py OUT_A OUT_B [--size-mb 1] [--seed 1] [--edit-rate 0.03] [--moves 12]

A: about SIZE_MB MiB of English-like news prose (common English words, names, numbers such as
5.8%, 1,200 and 2025, a little non-ASCII: café, Zürich, €, —, 中国), in paragraphs separated by
blank lines. B: A with EDIT_RATE of its words edited (replaced, deleted, a word inserted after,
or a number changed) and MOVES paragraphs moved elsewhere. The same arguments give the same
bytes (for one Python 3 minor version). Prints a one-line JSON summary to stdout.
"""
import argparse
import json
import random

WORDS = """the of and to in a is that for it as was with be by on not he this are or his from at which
but have an they you were her she there been one all we their has would when if so more no what up out
who said do into than its time only could new them man some these then two first may any like now my
other over such our most after made also did many before must through back years where much your way
well down should because each just those people how too little state good very make world still own see
men work long get here between both life being under never day same another know while last might us
great old year off come since against go came right used take three states himself few house use during
without again place american around however home small found thought went say part once general high upon
school every don does got united left number course war until always away something fact though water less
public put think almost hand enough far took head yet government system better set told nothing night end
why called didn eyes find going look asked later knew point next city business give group toward young let
room president side social given present several order national possible rather second face per among form
important often things looked early white case john become large big need four within felt along children
saw best church ever least power development light thing seemed family interest want members mind country
area others although done open god service certain kind problem began different door thus help sense means
whole matter perhaps itself york times law human line above name example action company hands local show
whether five history gave today either act feet across taken past quite anything seen having death week
experience body word half really field am car words already themselves information tell together college
shall money period held keep sure real probably free seems political cannot behind miss question air office
making brought whose special major heard problems federal became study ago moment available known result
street economic boy position reason change south board individual job areas society west close turn love
community true court force full seem am front nature feel market exports growth investment prices rates
bank central inflation quarter percent trade tariffs industry factory output analysts officials ministry
companies shares revenue profit sales demand supply energy electric vehicles chips data centres""".split()
NAMES = ["Li Qiang", "Beijing", "Shanghai", "Shenzhen", "Zürich", "São Paulo", "Brussels", "the IMF",
         "the World Bank", "Huawei", "Alibaba", "BYD", "Tencent", "Nvidia", "TSMC", "the Fed",
         "the European Commission", "Café Nero", "Nestlé", "中国银行"]
PUNCT_SENT = [". ", ". ", ". ", ". ", "? ", "! "]


def number(rng):
    k = rng.randrange(6)
    if k == 0:
        return f"{rng.randrange(0, 40)}.{rng.randrange(10)}%"
    if k == 1:
        return f"{rng.randrange(1, 999)},{rng.randrange(1000):03d}"
    if k == 2:
        return str(rng.randrange(1990, 2031))
    if k == 3:
        return f"€{rng.randrange(1, 500)}.{rng.randrange(10)} billion"
    if k == 4:
        return f"{rng.randrange(2, 100)} million"
    return str(rng.randrange(2, 1000))


def sentence(rng):
    n = rng.randrange(8, 30)
    words = []
    for i in range(n):
        r = rng.random()
        if r < 0.05:
            words.append(number(rng))
        elif r < 0.08:
            words.append(rng.choice(NAMES))
        else:
            words.append(rng.choice(WORDS))
        if i and i < n - 1 and rng.random() < 0.07:
            words[-1] += rng.choice([",", ",", ";", " —"])
    s = " ".join(words)
    return s[0].upper() + s[1:] + rng.choice(PUNCT_SENT).strip()


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randrange(3, 9)))


def edit(par, rng, rate):
    out = []
    for w in par.split(" "):
        if rng.random() >= rate:
            out.append(w)
            continue
        k = rng.random()
        if k < 0.4:
            out.append(rng.choice(WORDS))
        elif k < 0.6:
            pass  # deleted
        elif k < 0.8:
            out.extend([w, rng.choice(WORDS)])
        else:
            out.append(number(rng))
    return " ".join(out) if out else rng.choice(WORDS)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_a")
    ap.add_argument("out_b")
    ap.add_argument("--size-mb", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--edit-rate", type=float, default=0.03)
    ap.add_argument("--moves", type=int, default=12)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    target = int(args.size_mb * (1 << 20))
    paras, size = [], 0
    while size < target:
        paras.append(paragraph(rng))
        size += len(paras[-1].encode("utf-8")) + 2
    edited = [edit(p, rng, args.edit_rate) for p in paras]
    moved = 0
    for _ in range(args.moves):
        i = rng.randrange(len(edited))
        p = edited.pop(i)
        edited.insert(rng.randrange(len(edited) + 1), p)
        moved += 1
    a = "\n\n".join(paras) + "\n"
    b = "\n\n".join(edited) + "\n"
    with open(args.out_a, "w", encoding="utf-8", newline="\n") as f:
        f.write(a)
    with open(args.out_b, "w", encoding="utf-8", newline="\n") as f:
        f.write(b)
    print(json.dumps({"bytes_a": len(a.encode()), "bytes_b": len(b.encode()), "paragraphs": len(paras),
                      "edit_rate": args.edit_rate, "moves": moved, "seed": args.seed}))


if __name__ == "__main__":
    main()
