#!/usr/bin/env python3
"""Writes a deterministic, news-like UTF-8 benchmark corpus for the fact extractor.

Usage: scripts/make_bench_corpus.py OUT_FILE SIZE_MB [--seed N]

The output is at least SIZE_MB MiB (it stops at the first sentence boundary past that size) and
is the same bytes for the same SIZE_MB, --seed and Python 3 minor version. For one seed, a smaller
corpus is a prefix of a larger one (up to its last sentence), so timings at different sizes
measure the same kind of text.

Content: the five seed articles in assets/corpus/*.txt (about 5% of the bytes, whole, at random
places) and paragraphs of generated sentences: about 55% number-free prose (so that claims are
about 1.5x as dense as in the seed articles, not one in every sentence), the rest with numeric
claims and traps: $ EUR GBP JPY HK$
US$ yuan/RMB amounts, spelled numbers, percents and percentage points, hedges (about, over,
nearly, ...), dates in several formats, year ranges (2026-2030, 2026–2030), conversions
("X yuan (about $Y billion)"), URLs with digits, version-like names (6G, COVID-19, 5G+AI),
ordinals, phone numbers, times, tickers, and the punctuation of real news text (’ “ ” ‑ – —,
NBSP, thin and narrow no-break spaces, …, ×, −). Everything is valid UTF-8.

Speed: a pool of generated sentences is built once, then blocks are assembled from random picks
of it with random.choices (C speed): about 1-3 s per 100 MiB.
"""
import argparse
import glob
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIB = 1 << 20
POOL_SIZE = 40_000          # distinct generated sentences
BLOCK_SENTENCES = 20_000    # picks per block (~2.5 MB); RNG use per block is fixed -> prefix property
SEED_ARTICLE_EVERY = 1_500  # on average one whole seed article per this many sentences

NBSP, THIN, NNBSP, NBHY = "\u00a0", "\u2009", "\u202f", "\u2011"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth", "twentieth", "twenty-first", "hundredth"]
SCALES = ["million", "billion", "trillion"]
HEDGES = ["about", "around", "roughly", "nearly", "almost", "over", "more than", "less than",
          "at least", "up to", "some", "an estimated", "close to", "just under", "well over", ""]
SUBJECTS = ["China's AI sector", "The ministry", "Beijing", "The State Council", "Huawei",
            "Alibaba Cloud", "Baidu", "The European Commission", "Tokyo-based SoftBank",
            "Hong Kong's exchange", "The central bank", "Shenzhen", "The IMF", "Analysts at Nomura",
            "The World Bank", "Tencent", "BYD", "The provincial government", "MIIT", "The Fed",
            "Samsung", "TSMC", "Nvidia", "The consortium", "Regulators in Brussels",
            "Li Lecheng’s ministry", "Zhang Yunming", "The Bank of England", "Toyota"]
THINGS = ["AI companies", "smart glasses", "data centres", "5G base stations", "6G trials",
          "electric vehicles", "robots", "chip plants", "start-ups", "patents", "users",
          "subscribers", "jobs", "high-tech firms", "SMEs", "charging piles", "satellites",
          "exaflops of computing power", "shipments", "visitors"]
VERBS_UP = ["rose", "grew", "climbed", "jumped", "increased", "surged", "expanded"]
VERBS_DOWN = ["fell", "dropped", "declined", "slipped", "shrank", "contracted"]
PRODUCTS = ["6G", "5G+AI", "COVID-19", "H100", "A320neo", "iPhone 17", "Windows 11",
            "Python 3.12", "GPT-4", "Kirin 9000S", "Model 3", "Boeing 737 MAX", "B2B", "Web3",
            "4K", "Wi-Fi 7", "USB-C", "PM2.5", "Covid-19", "H5N1", "F-35", "Chang'e-6", "C919",
            "Long March 5", "Snapdragon 8 Gen 3", "M4", "RTX 4090", "24/7", "TL;DR", "Q&A",
            "G20", "G7", "3D", "Industry 4.0", "Top 10", "Fortune 500", "S&P 500", "Nasdaq-100"]
DOMAINS = ["www.globaltimes.cn", "news.example.com", "www.chinadaily.com.cn", "english.news.cn",
           "www.ecns.cn", "reuters.example.org", "www.scmp.com", "data.stats.gov.cn"]
TICKERS = ["(NASDAQ: BIDU)", "(HKEX: 0700)", "(SSE: 600519)", "0700.HK", "9988.HK",
           "(NYSE: BABA)", "(SZSE: 002594)", "(TYO: 7203)"]
QUOTES = [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»")]
DASHES = ["-", "–", "—", NBHY, " – ", " — "]
SPACES = [" ", " ", " ", " ", NBSP, THIN, NNBSP]
# Number-free prose, so that claims are about as dense as in real news (the seed articles have
# one claim per ~150 bytes; this corpus aims at about one per ~100 bytes, a little denser).
PROSE_VERBS = ["said it would strengthen", "plans to expand", "called for deeper", "warned against",
               "is doubling down on", "pledged to support", "announced new rules on", "questioned",
               "welcomed", "highlighted", "is reviewing", "signalled a shift toward", "cut back on",
               "stepped up", "set out priorities for", "will implement initiatives on"]
PROSE_OBJECTS = ["supply-chain self-reliance", "industrial upgrading", "the digital economy",
                 "intelligent manufacturing", "open-source ecosystems", "export controls",
                 "artificial intelligence research", "integrated circuits", "the low-altitude economy",
                 "green hydrogen", "consumer protection", "data security", "talent training",
                 "cross-border e-commerce", "next-generation display technologies",
                 "advanced materials", "biomedicine", "quality inspection", "smart glasses",
                 "autonomous systems", "energy storage", "semiconductor equipment"]
PROSE_TAILS = ["amid global uncertainty", "according to people familiar with the matter",
               "officials said", "analysts noted", "in a statement on its website",
               "at a press conference in Beijing", "citing competition from abroad",
               "as demand slows", "while regulators watch closely", "in the coming years",
               "the report said", "without giving details", "despite safety debates"]
PROSE_OPENERS = ["", "", "", "Meanwhile, ", "However, ", "In a separate statement, ", "Separately, ",
                 "Still, ", "At the same time, ", "Critics say ", "Observers note that "]

CJK = ["人工智能核心产业规模超过1.2万亿元。", "2025年，工业增加值增长5.9%。", "截至11月底，5G基站达到470万个。",
       "同比增长9.2%，高于预期。", "约合1680亿美元。"]


def spelled(n):
    """English words for 0 <= n < 1000."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    rest = n % 100
    return ONES[n // 100] + " hundred" + (" and " + spelled(rest) if rest else "")


def suffix(n):
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def grouped(n, sep=","):
    return f"{n:,}".replace(",", sep)


class Gen:
    def __init__(self, rng):
        self.r = rng

    # --- small pieces ---------------------------------------------------------------------------
    def pick(self, xs):
        return self.r.choice(xs)

    def hedge(self):
        h = self.pick(HEDGES)
        return h + " " if h else ""

    def small_dec(self):
        r = self.r
        return f"{r.randint(1, 999)}.{r.randint(0, 9)}" if r.random() < 0.6 else str(r.randint(1, 999))

    def count(self):
        r = self.r
        k = r.random()
        if k < 0.35:
            return grouped(r.randint(1_000, 999_999), self.pick([",", ",", ",", NBSP, THIN, NNBSP]))
        if k < 0.55:
            return f"{self.small_dec()} {self.pick(SCALES[:2])}"
        if k < 0.75:
            return spelled(r.randint(2, 999))
        if k < 0.85:
            return f"{spelled(r.randint(2, 99))} {self.pick(['thousand', 'million', 'hundred'])}"
        if k < 0.92:
            return self.pick(["a dozen", "dozens of", "hundreds of", "a few thousand", "a million",
                              "half a million", "a couple of hundred", "tens of thousands of"])
        return str(r.randint(2, 99_999))

    def money(self):
        r = self.r
        amount = self.small_dec()
        scale = self.pick(SCALES + ["", "bn", "m", "mn"])
        sp = "" if scale in ("bn", "m", "mn") else " "
        k = r.random()
        tail = (sp + scale) if scale else ""
        if k < 0.22:
            return f"${amount}{tail}"
        if k < 0.32:
            return f"US${amount}{tail}"
        if k < 0.42:
            return f"€{amount}{tail}"
        if k < 0.50:
            return f"£{amount}{tail}"
        if k < 0.57:
            return f"¥{amount}{tail}"
        if k < 0.64:
            return f"HK${amount}{tail}"
        if k < 0.80:
            return f"{amount} {scale + ' ' if scale and len(scale) > 2 else ''}yuan"
        if k < 0.86:
            return f"RMB{amount}{tail}" if r.random() < 0.5 else f"RMB {amount}{tail}"
        if k < 0.90:
            return f"{amount}{self.pick([' ', NBSP])}{self.pick(['EUR', 'USD', 'GBP', 'JPY', 'CNY'])}"
        if k < 0.94:
            return f"{spelled(r.randint(2, 99))}{self.pick(['-', NBHY, ' '])}{self.pick(['billion', 'trillion', 'million'])}{self.pick(['-', NBHY, ' '])}yuan"
        if k < 0.97:
            return f"{r.randint(1, 999)}{self.pick(['p', ' cents', 'c'])}"
        return f"{grouped(r.randint(1_000, 9_999_999))} {self.pick(['dollars', 'euros', 'pounds', 'yen', 'rupees'])}"

    def conversion(self):
        r = self.r
        yuan = f"{self.small_dec()} {self.pick(['billion', 'trillion'])} yuan"
        usd = f"{self.pick(['$', 'US$', 'about $', 'about US$', 'roughly $', '€'])}{self.small_dec()} {self.pick(['million', 'billion'])}"
        shape = r.random()
        if shape < 0.6:
            return f"{yuan} ({usd})"
        if shape < 0.8:
            return f"{yuan}, or {usd},"
        return f"HK${self.small_dec()} billion (US${self.small_dec()} million)"

    def percent(self):
        r = self.r
        v = f"{r.randint(0, 99)}.{r.randint(0, 99)}" if r.random() < 0.5 else str(r.randint(1, 300))
        k = r.random()
        if k < 0.45:
            return f"{v}%"
        if k < 0.55:
            return f"{v}{self.pick([NBSP, THIN, NNBSP])}%"
        if k < 0.75:
            return f"{v} percent"
        if k < 0.82:
            return f"{v} per cent"
        if k < 0.88:
            return f"{spelled(r.randint(1, 99))} percent"
        if k < 0.94:
            return f"{v} percentage points"
        return f"{self.pick(['−', '-', '+'])}{v}%"

    def date(self):
        r = self.r
        y, m, d = r.randint(1990, 2035), r.randint(1, 12), r.randint(1, 28)
        k = r.random()
        if k < 0.25:
            return f"{MONTHS[m - 1]} {d}, {y}"
        if k < 0.40:
            return f"{y}-{m:02d}-{d:02d}"
        if k < 0.50:
            return f"{d} {MON3[m - 1]} {y}"
        if k < 0.58:
            return f"{d}/{m}/{y}"
        if k < 0.64:
            return f"{MONTHS[m - 1]} {y}"
        if k < 0.70:
            return f"Q{r.randint(1, 4)} {y}"
        if k < 0.76:
            return f"the first {self.pick(['three quarters', 'half', 'nine months', 'two months'])} of {y}"
        if k < 0.82:
            return f"{self.pick(WEEKDAYS)}"
        if k < 0.88:
            return f"{MONTHS[m - 1]} {d}{suffix(d)}"
        if k < 0.94:
            return f"{y}{self.pick(DASHES[:4])}{y + r.randint(1, 10)}"
        return f"{self.pick(['FY', 'fiscal '])}{y}"

    def url(self):
        r = self.r
        return (f"https://{self.pick(DOMAINS)}/page/{r.randint(2015, 2026)}{r.randint(1, 12):02d}/"
                f"{r.randint(1_000_000, 9_999_999)}.{self.pick(['shtml', 'html', 'htm'])}")

    def phone(self):
        r = self.r
        return self.pick([
            f"+86 10 {r.randint(1000, 9999)} {r.randint(1000, 9999)}",
            f"({r.randint(200, 999)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}",
            f"400-{r.randint(100, 999)}-{r.randint(1000, 9999)}",
            f"+852{NBSP}{r.randint(2000, 9999)}{NBSP}{r.randint(1000, 9999)}",
            f"+44 20 {r.randint(1000, 9999)} {r.randint(1000, 9999)}",
        ])

    def ordinal(self):
        r = self.r
        n = r.randint(1, 120)
        return f"{n}{suffix(n)}" if r.random() < 0.6 else self.pick(ORD_WORDS)

    def time(self):
        r = self.r
        return self.pick([f"{r.randint(1, 12)}:{r.randint(0, 59):02d} {self.pick(['a.m.', 'p.m.', 'am', 'pm'])}",
                          f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d} {self.pick(['GMT+8', 'UTC', 'CET', 'local time'])}"])

    def quote(self, s):
        a, b = self.pick(QUOTES)
        return f"{a}{s}{b}"

    # --- sentences ------------------------------------------------------------------------------
    def prose(self):
        r, p = self.r, self.pick
        o1, o2 = r.sample(PROSE_OBJECTS, 2)
        opener = p(PROSE_OPENERS)
        subj = p(SUBJECTS)
        if opener and subj.startswith("The "):
            subj = "the " + subj[4:]
        k = r.random()
        if k < 0.4:
            s = f"{opener}{subj} {p(PROSE_VERBS)} {o1} and {o2}, {p(PROSE_TAILS)}."
        elif k < 0.6:
            s = f"{opener}{subj} {p(PROSE_VERBS)} {o1}{p(DASHES[4:])}a move that {p(PROSE_VERBS).split(' ')[0]} {o2}."
        elif k < 0.75:
            a, b = p(QUOTES)
            s = f"{a}This is about {o1}, not just {o2},{b} {p(SUBJECTS)} said{p([',', ''])} {p(PROSE_TAILS)}."
        elif k < 0.9:
            s = f"The {p(['ministry', 'company', 'regulator', 'committee', 'agency'])}’s plan for {o1} relies on {o2} and {p(PRODUCTS)} {p(['pilots', 'networks', 'upgrades', 'rules'])}, {p(PROSE_TAILS)}."
        else:
            s = f"{p(SUBJECTS)} did not respond to a request for comment on {o1}."
        return s.replace("  ", " ")

    def sentence(self):
        if self.r.random() < 0.55:
            return self.prose()
        r, p = self.r, self.pick
        S = p(SUBJECTS)
        k = r.randrange(24)
        sp = p(SPACES)
        if k == 0:
            s = f"{S} said revenue {p(VERBS_UP)} {self.percent()} to {self.money()} in {self.date()}."
        elif k == 1:
            s = f"The core industry is expected to exceed {self.conversion()} an official said {p(WEEKDAYS)}."
        elif k == 2:
            s = f"{S} now has {self.hedge()}{self.count()} {p(THINGS)}, up from {self.count()} a year earlier."
        elif k == 3:
            s = f"Shipments {p(VERBS_DOWN)} {self.hedge()}{self.percent()} year{p(['-', NBHY, ' '])}on{p(['-', NBHY, ' '])}year in {self.date()}, {S.lower()} said."
        elif k == 4:
            s = f"The {r.randint(2024, 2030)}{p(DASHES[:4])}{r.randint(2031, 2040)} plan targets {self.money()} of investment and {self.count()} new {p(THINGS)}."
        elif k == 5:
            s = f"{S} completed the {self.ordinal()} phase of {p(PRODUCTS)} trials on {self.date()}{p(['.', ' and ', ', '])}{p(['the', 'a'])} report is at {self.url()} ."
        elif k == 6:
            s = f"{p(PRODUCTS)} cases rose to {self.count()} on {self.date()}{sp}— the highest since {r.randint(1990, 2024)}."
        elif k == 7:
            s = f"For details call {self.phone()} or visit {self.url()}."
        elif k == 8:
            s = f"{self.quote(f'We expect growth of {self.hedge()}{self.percent()} in {r.randint(2025, 2030)},')} said {p(SUBJECTS)}, citing a {self.money()} fund."
        elif k == 9:
            s = f"A fund with a total size of {self.money()} was launched, {self.hedge()}{self.percent()} of it from {p(['state', 'private', 'foreign'])} investors."
        elif k == 10:
            s = f"Detection accuracy rose to {r.randint(90, 99)}.{r.randint(0, 99):02d}% and per{p(['-', NBHY])}capita productivity by {r.randint(10, 400)}%."
        elif k == 11:
            s = f"Computing power reached {grouped(r.randint(100, 9999))} exaflops, {p(['ranking', 'placing it'])} {self.ordinal()} in the world."
        elif k == 12:
            s = f"Between {r.randint(1, 40)}% and {r.randint(41, 90)}% of the {self.count()} {p(THINGS)} were {p(['sold', 'exported', 'retired'])} by {self.date()}."
        elif k == 13:
            s = f"{S} {p(TICKERS)} shares {p(VERBS_DOWN + VERBS_UP)} {self.percent()} to {self.money()} at {self.time()}."
        elif k == 14:
            s = f"TL;DR: {self.count()} {p(THINGS)}, {self.money()}, and a {self.percent()} margin{p(['…', '...', '.'])}"
        elif k == 15:
            s = f"The {p(['budget', 'deficit', 'order book', 'valuation'])} of {self.money()} is {r.randint(2, 12)}×{sp}last year's {self.money()}."
        elif k == 16:
            s = f"Temperatures of {p(['−', '-', 'minus '])}{r.randint(1, 40)}{p(['°C', ' C', ' degrees'])} and {r.randint(1, 300)}{p(['km', ' km', ' kilometres', 'mm'])} of {p(['rain', 'track', 'cable'])} were recorded."
        elif k == 17:
            s = f"{S} sold {self.hedge()}{self.count()} units of the {p(PRODUCTS)}, {p(['roughly', 'about', 'some'])} {r.randint(1, 9)}/{r.randint(10, 20)} of the market."
        elif k == 18:
            s = f"In {self.date()}, {self.hedge()}{r.randint(2, 9)} in {r.randint(10, 20)} {p(THINGS)} {p(['used', 'reported', 'adopted'])} {p(PRODUCTS)}{p(['', ' (see page ' + str(r.randint(2, 99)) + ')'])}."
        elif k == 19:
            s = f"The index {p(VERBS_UP)} {grouped(r.randint(10, 999))}.{r.randint(0, 99):02d} points, or {self.percent()}, to {grouped(r.randint(1000, 40000))}.{r.randint(0, 99):02d}."
        elif k == 20:
            s = f"{p(CJK)} {S} said output reached {self.money()}{p(['.', ' (preliminary).', ' — a record.'])}"
        elif k == 21:
            s = f"Room {r.randint(100, 999)}, No. {r.randint(1, 300)} {p(['Road', 'Street'])}; {self.ordinal()} floor; ISBN 978-{r.randint(0, 9)}-{r.randint(100, 999)}-{r.randint(10000, 99999)}-{r.randint(0, 9)}."
        elif k == 22:
            s = f"{S} aims to cut emissions {self.hedge()}{self.percent()} by {r.randint(2026, 2060)} and invest {self.conversion()} in {self.date()}."
        else:
            s = f"{S} expects {self.count()} {p(THINGS)} and {self.money()} in {p(['sales', 'orders', 'exports', 'tax revenue'])} from {r.randint(2024, 2030)}{p(DASHES[:4])}{r.randint(31, 40)}."
        return s.replace("  ", " ")


def load_seed_articles():
    paths = sorted(glob.glob(os.path.join(ROOT, "assets", "corpus", "*.txt")))
    if not paths:
        sys.exit("make_bench_corpus: no seed articles in assets/corpus/*.txt")
    arts = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            arts.append(f.read().strip())
    return arts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    target = int(a.size_mb * MIB)

    rng = random.Random(a.seed)
    gen = Gen(rng)
    pool = [gen.sentence() for _ in range(POOL_SIZE)]
    seeds = ["\n\n" + s + "\n\n" for s in load_seed_articles()]
    # Separators after each pick: mostly a space, sometimes a paragraph break or a line break.
    seps = [" "] * 10 + ["\n\n"] * 2 + ["\n"]
    pool_bytes = [s.encode("utf-8") for s in pool]  # encode once; blocks are joined as bytes
    seeds_b = [s.encode("utf-8") for s in seeds]
    seps_b = [s.encode("utf-8") for s in seps]

    written = 0
    tmp = a.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, "wb") as f:
        while written < target:
            picks = rng.choices(pool_bytes, k=BLOCK_SENTENCES)
            sep = rng.choices(seps_b, k=BLOCK_SENTENCES)
            # whole seed articles at a few random positions in this block
            n_seed = max(1, BLOCK_SENTENCES // SEED_ARTICLE_EVERY)
            for pos, art in zip(rng.sample(range(BLOCK_SENTENCES), n_seed), rng.choices(seeds_b, k=n_seed)):
                picks[pos] = art
                sep[pos] = b""
            parts = [None] * (2 * BLOCK_SENTENCES)
            parts[0::2] = picks
            parts[1::2] = sep
            block = b"".join(parts)
            if written + len(block) >= target:
                # cut at the first sentence end past the target
                need = target - written
                cut = len(block)
                for mark in (b". ", b".\n", b"\n\n"):
                    i = block.find(mark, need)
                    if i != -1:
                        cut = min(cut, i + 1)
                block = block[:cut] + b"\n"
            f.write(block)
            written += len(block)
    os.replace(tmp, a.out)
    print(f"make_bench_corpus: {a.out}: {written:,} bytes ({written / MIB:.1f} MiB), seed {a.seed}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
