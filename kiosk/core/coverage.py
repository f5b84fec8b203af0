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

from kiosk.core.fonts import BODY_FONTS, FALLBACK_FILES, FONT_FILES
from kiosk.core.paths import read_resource
from kiosk.core.sfnt import Ranges

# The text fonts the kiosk ships and registers (kiosk.ui.theme.load_fonts) are listed in
# kiosk.core.fonts. Icon fonts are not: their glyphs sit at private-use code points that are not text.
__all__ = ["BODY_FONTS", "COVERAGE_FILE", "FALLBACK_FILES", "FONT_FILES", "drawable", "undrawable"]
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


def _in(ranges: tuple[tuple[int, ...], tuple[int, ...]], code: int) -> bool:
    starts, ends = ranges
    index = bisect.bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


@functools.lru_cache(maxsize=4096)
def drawable(char: str) -> bool:
    """True if a bundled font has a glyph for `char` (or it needs none)."""
    return not needs_glyph(char) or _in(_table(), ord(char))


def _split(extra: Ranges) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(first for first, _ in extra), tuple(last for _, last in extra)


def undrawable(text: str, extra: Ranges = ()) -> list[str]:
    """The distinct characters of `text` that no bundled font, nor a font with the `extra` ranges (a
    clinic's own, kiosk.core.content_fonts), can draw, in order of appearance."""
    if text.isascii():  # the common case: Noto Sans has every printable ASCII character (tested)
        return []
    missing = {char for char in set(text) if not drawable(char)}
    if missing and extra:
        added = _split(extra)
        missing = {char for char in missing if not _in(added, ord(char))}
    return list(dict.fromkeys(char for char in text if char in missing)) if missing else []


def undrawable_message(chars: list[str], limit: int = 5) -> str:
    """Staff-facing words for characters no font of the kiosk has."""
    shown = ", ".join(f"U+{ord(c):04X}" + (f" '{c}'" if c.isprintable() else "") for c in chars[:limit])
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    noun = "character" if len(chars) == 1 else "characters"
    return (f"{noun} {shown}{more} cannot be shown by the kiosk's fonts (patients would see an empty box);"
            " remove or replace it, or add a font that has it to content/fonts/")
