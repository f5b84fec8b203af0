"""Knows which icon names exist, for `kiosk check`, without creating a Qt object or importing qtawesome.

Font Awesome 5 names (fa5s.…, fa5.…, fa5b.…) are looked up in the charmaps that come with
qtawesome; other qtawesome sets (mdi6.…, ph.…) are asked of qtawesome itself, which is slower.
"""

from __future__ import annotations

import json
from functools import lru_cache

from kiosk.core.paths import icon_fonts_dir

DEFAULT_ICON = "fa5s.info-circle"
# prefix → (font file, charmap file) as shipped by qtawesome 1.4
FONT_AWESOME_5 = {
    "fa5s": ("fontawesome5-solid-webfont-5.15.4.ttf", "fontawesome5-solid-webfont-charmap-5.15.4.json"),
    "fa5": ("fontawesome5-regular-webfont-5.15.4.ttf", "fontawesome5-regular-webfont-charmap-5.15.4.json"),
    "fa5b": ("fontawesome5-brands-webfont-5.15.4.ttf", "fontawesome5-brands-webfont-charmap-5.15.4.json"),
}


@lru_cache(maxsize=None)
def charmap(prefix: str) -> dict[str, str]:
    """Glyph name → hex code point for a Font Awesome 5 prefix; empty when unknown or unreadable."""
    files = FONT_AWESOME_5.get(prefix)
    if files is None:
        return {}
    try:
        return json.loads((icon_fonts_dir() / files[1]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@lru_cache(maxsize=1)
def _other_sets() -> dict[str, frozenset[str]]:
    import qtawesome  # only for icon sets beyond Font Awesome 5: it loads Qt modules

    names: dict[str, frozenset[str]] = {}
    for prefix, _ttf, charmap_file in qtawesome._BUNDLED_FONTS:
        if prefix in FONT_AWESOME_5:
            continue
        try:
            names[prefix] = frozenset(json.loads((icon_fonts_dir() / charmap_file).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            names[prefix] = frozenset()
    return names


def icon_exists(name: str) -> bool:
    prefix, _, glyph = name.partition(".")
    if not glyph:
        return False
    if prefix in FONT_AWESOME_5:
        return glyph in charmap(prefix)
    return glyph in _other_sets().get(prefix, frozenset())
