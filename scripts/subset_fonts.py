"""Makes the kiosk's script fonts in resources/fonts/ from Debian's Noto packages (never at run time).

    apt-get install -y --no-install-recommends fonts-noto-core fonts-noto-cjk
    .venv/bin/python scripts/subset_fonts.py        # about three minutes: the CJK subsets are slow
    .venv/bin/python scripts/font_coverage.py       # then the coverage table kiosk check reads

Arabic (also Farsi and Urdu letters), Hebrew and Ethiopic (Amharic, Tigrinya) are copied unmodified
(Regular and Bold, under 0.7 MB a script). The CJK fonts are 19 MB a weight, so they are subset with
fontTools (pinned in the `test` and `build` extras), Regular only (Qt draws bold titles by
emboldening the outlines), and renamed "... Subset" so a clinic's full font in content/fonts/ never
shares their name:

- Simplified Chinese (SC face): every Hanzi of GB 2312, 6,763 characters, the set mainland text has
  been written in since 1980 (level 1 alone, 3,755, misses words such as 瘾 "addiction");
- Traditional Chinese (TC face): Big5's level 1, the 5,401 "frequently used" characters;
- Korean (KR face): all 11,172 Hangul syllables and the Hangul jamo (no Hanja: Korean patient
  material is written in Hangul);
- in each: CJK punctuation (U+3000-303F) and the fullwidth forms (U+FF01-FF60, U+FFE0-FFE6).

The character lists come from Python's own codecs (gb2312, big5), so nothing is downloaded. The
output is byte-for-byte the same on every run (no timestamps), and README.md says the sizes.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts"
CORE = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
COPIED = [f"NotoSans{script}-{weight}.ttf" for script in ("Arabic", "Hebrew", "Ethiopic") for weight in ("Regular", "Bold")]
# Face numbers inside Debian's NotoSansCJK-Regular.ttc (checked against their names below).
FACES = {"SC": 2, "TC": 3, "KR": 1}


def _decoded(codec: str, rows: range, cells: list[int]) -> list[str]:
    """Every character a double-byte codec defines in these lead bytes (rows) and trail bytes (cells)."""
    found = []
    for row in rows:
        for cell in cells:
            try:
                found.append(bytes((row, cell)).decode(codec))
            except UnicodeDecodeError:
                continue
    return found


def gb2312_hanzi() -> list[str]:
    return _decoded("gb2312", range(0xB0, 0xF8), list(range(0xA1, 0xFF)))


def big5_level1() -> list[str]:
    chars = _decoded("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    return [c for c in chars if c.encode("big5") <= b"\xc6\x7e"]  # level 1 ends at C67E


def hangul() -> list[str]:
    return [chr(c) for c in [*range(0xAC00, 0xD7A4), *range(0x1100, 0x1200), *range(0x3131, 0x318F)]]


PUNCTUATION = [chr(c) for c in [*range(0x3000, 0x3040), *range(0xFF01, 0xFF61), *range(0xFFE0, 0xFFE7)]]
SUBSETS = {"SC": gb2312_hanzi, "TC": big5_level1, "KR": hangul}


def family(face: str) -> str:
    """The subset's family name, as kiosk.core.fonts lists it."""
    return f"Noto Sans CJK {face} Subset"


def file_name(face: str) -> str:
    return f"NotoSansCJK{face.lower()}-Subset-Regular.otf"


def _rename(font: TTFont, face: str) -> None:
    """A new family name everywhere a font says its name (name table and the CFF table)."""
    name = family(face)
    postscript = name.replace(" ", "") + "-Regular"
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 16):
            table.setName(name, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 4):
            table.setName(f"{name} Regular", record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            table.setName(postscript, record.nameID, record.platformID, record.platEncID, record.langID)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName, top.FamilyName = f"{name} Regular", name


def make_subset(face: str) -> Path:
    font = TTFont(str(CJK), fontNumber=FACES[face], recalcTimestamp=False)
    source = font["name"].getDebugName(1)
    if source != f"Noto Sans CJK {face}":
        raise SystemExit(f"{CJK}: face {FACES[face]} is {source!r}, not Noto Sans CJK {face}")
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the copyright, licence and version records
    options.name_languages = ["*"]
    options.hinting = False  # CFF hints: Qt renders without them at kiosk sizes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in SUBSETS[face]() + PUNCTUATION])
    subsetter.subset(font)
    _rename(font, face)
    target = OUT / file_name(face)
    font.save(str(target))
    return target


def main() -> None:
    missing = [str(p) for p in [CJK, *(CORE / name for name in COPIED)] if not p.exists()]
    if missing:
        raise SystemExit("missing (apt-get install fonts-noto-core fonts-noto-cjk): " + ", ".join(missing))
    for name in COPIED:
        shutil.copyfile(CORE / name, OUT / name)
        print(f"copied {name} ({(OUT / name).stat().st_size / 1e6:.2f} MB)")
    for face in sys.argv[1:] or list(FACES):
        target = make_subset(face)
        print(f"wrote {target.name} ({target.stat().st_size / 1e6:.2f} MB)", flush=True)


if __name__ == "__main__":
    main()
