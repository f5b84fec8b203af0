"""Which characters the kiosk's own fonts can draw, so `kiosk check` can name the ones they cannot.

A character no bundled font has shows as an empty box (or in whatever font the machine happens to
have), so staff get a warning with file and line. The coverage is a table of code point ranges
made at build time from the fonts' cmaps (`scripts/font_coverage.py`, fontTools) and shipped
beside the fonts as `resources/fonts/coverage.txt`: the kiosk never parses a font, never imports
Qt or fontTools for this, and a test rebuilds the table from the fonts so it cannot go stale.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata

from kiosk.core.paths import read_resource

# The text fonts the kiosk ships and registers (kiosk.ui.theme.load_fonts), body font first, then
# the fallbacks Qt tries for a character the body font lacks. Icon fonts are not here: their
# glyphs sit at private-use code points that are not text.
BODY_FONTS = ("fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf")
FALLBACK_FONTS = (
    "fonts/NotoEmoji-VariableFont_wght.ttf",
    "fonts/NotoSansSymbols-Regular.ttf",
    "fonts/NotoSansSymbols2-Regular.ttf",
)
FONT_FILES = BODY_FONTS + FALLBACK_FONTS
COVERAGE_FILE = "fonts/coverage.txt"

# Characters that are never drawn as a glyph of their own: variation selectors (which pick text or
# emoji style) and, by category, controls, format characters (joiners, bidi marks, soft hyphen)
# and line or paragraph separators.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


def parse_ranges(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The table's `START-END` hex lines as sorted starts and ends (comments start with '#')."""
    starts: list[int] = []
    ends: list[int] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            first, _, last = line.partition("-")
            starts.append(int(first, 16))
            ends.append(int(last or first, 16))
    return tuple(starts), tuple(ends)


@functools.cache
def _table() -> tuple[tuple[int, ...], tuple[int, ...]]:
    return parse_ranges(read_resource(COVERAGE_FILE))


def needs_glyph(char: str) -> bool:
    code = ord(char)
    if any(first <= code <= last for first, last in _VARIATION_SELECTORS):
        return False
    return unicodedata.category(char) not in _INVISIBLE_CATEGORIES


@functools.lru_cache(maxsize=4096)
def drawable(char: str) -> bool:
    """True if a bundled font has a glyph for `char` (or it needs none)."""
    if not needs_glyph(char):
        return True
    starts, ends = _table()
    index = bisect.bisect_right(starts, ord(char)) - 1
    return index >= 0 and ord(char) <= ends[index]


def undrawable(text: str) -> list[str]:
    """The distinct characters of `text` that no bundled font can draw, in order of appearance."""
    if text.isascii():  # the common case: Noto Sans has every printable ASCII character (tested)
        return []
    missing = {char for char in set(text) if not drawable(char)}
    return list(dict.fromkeys(char for char in text if char in missing)) if missing else []


def undrawable_message(chars: list[str], limit: int = 5) -> str:
    """Staff-facing words for characters no bundled font has."""
    shown = ", ".join(f"U+{ord(c):04X}" + (f" '{c}'" if c.isprintable() else "") for c in chars[:limit])
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    noun = "character" if len(chars) == 1 else "characters"
    return (f"{noun} {shown}{more} cannot be shown by the kiosk's fonts (patients would see an empty box);"
            " remove or replace it")
