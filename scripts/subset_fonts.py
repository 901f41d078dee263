#!/usr/bin/env python3
"""Subsets the fonts listed in assets/fonts/fonts.json into OUT_DIR/<name>.ttf, and writes
OUT_DIR/<name>.txt: every code point the subset maps, as UTF-8 text. The app hands that text to
ImGui as the font's glyph ranges, so building the atlas looks up only glyphs that exist.

usage: subset_fonts.py FONTS_JSON OUT_DIR
Runs with Debian's python3 and python3-fonttools (installed by scripts/setup.sh)."""
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


def parse_unicodes(spec: str):
    cps = set()
    for part in filter(None, (p.strip() for p in spec.split(','))):
        part = part.upper().removeprefix('U+')
        lo, _, hi = part.partition('-')
        lo_i = int(lo, 16)
        hi_i = int(hi.removeprefix('U+'), 16) if hi else lo_i
        cps.update(range(lo_i, hi_i + 1))
    return cps


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    config_path, out_dir = sys.argv[1], sys.argv[2]
    with open(config_path, encoding='utf-8') as f:
        config = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    for font in config['fonts']:
        src = font['source']
        if not os.path.exists(src):
            print(f"subset_fonts: {src} is missing: install Debian package {font['package']}", file=sys.stderr)
            return 1
        cps = parse_unicodes(font.get('unicodes', ''))
        cps.update(ord(c) for c in font.get('text', ''))
        options = subset.Options()
        options.layout_features = ['kern', 'liga']
        options.hinting = False          # ImGui's stb_truetype rasterizer ignores hinting anyway
        options.name_IDs = [0, 1, 2, 4, 6]  # keep copyright and names (license attribution)
        options.notdef_outline = True
        options.font_number = font.get('font_number', 0)
        ttfont = TTFont(src, fontNumber=options.font_number, lazy=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(cps))
        subsetter.subset(ttfont)
        out = os.path.join(out_dir, font['name'] + '.ttf')
        tmp = out + '.tmp'
        ttfont.save(tmp)
        os.replace(tmp, out)
        mapped = sorted(cp for cp in ttfont.getBestCmap() if 0x20 <= cp <= 0xFFFF)
        with open(os.path.join(out_dir, font['name'] + '.txt'), 'w', encoding='utf-8') as f:
            f.write(''.join(chr(cp) for cp in mapped if not 0xD800 <= cp <= 0xDFFF))
    return 0


if __name__ == '__main__':
    sys.exit(main())
