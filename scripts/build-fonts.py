"""Subsets Noto CJK SC faces to GBK plus common punctuation (see build-fonts.sh).

Usage: build-fonts.py SOURCE OUTPUT [SOURCE OUTPUT ...]
"""

import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# Characters wanted beyond GBK: typographic punctuation and marks the reports use.
EXTRA = "“”‘’—–…·、。，《》【】（）％✓×÷±≤≥°℃№‰•●○■□◆◇★☆→←↑↓「」『』〔〕〈〉＂＇：；！？"

# Tables the typesetter never reads: hinting, shaping, vertical metrics, colour, signatures.
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG",
               "DSIG", "meta", "STAT", "fvar", "gvar", "avar", "HVAR", "MVAR", "kern"]


def gbk_characters():
    """Every character GBK can encode, found by decoding each double-byte sequence."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for lead in range(0x81, 0xFF):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
            try:
                chars.add(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return chars


def build(source, output, wanted):
    font = TTFont(source, recalcTimestamp=False)
    cmap = font.getBestCmap()
    unicodes = sorted(ord(c) for c in wanted if ord(c) in cmap)
    missing = sorted(c for c in wanted if ord(c) not in cmap and not c.isspace())
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += DROP_TABLES
    options.glyph_names = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(output, reorderTables=True)
    print(f"{output}: {len(unicodes)} characters, {font['maxp'].numGlyphs} glyphs"
          f"; not in the source font: {''.join(missing) or 'none'}")


def main(args):
    if len(args) % 2 or not args:
        sys.exit(__doc__)
    wanted = gbk_characters() | set(EXTRA)
    for source, output in zip(args[::2], args[1::2]):
        build(source, output, wanted)


if __name__ == "__main__":
    main(sys.argv[1:])
