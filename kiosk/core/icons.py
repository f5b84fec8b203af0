"""Knows which icon names exist, for `kiosk check`, without creating a Qt object or importing qtawesome.

Font Awesome 5 names (fa5s.…, fa5.…, fa5b.…) are looked up in the charmaps that come with
qtawesome; the other sets it ships (mdi6.…, ph.…) in their own charmap files beside them.
"""

from __future__ import annotations

import json
from functools import cache

from kiosk.core.paths import icon_fonts_dir

DEFAULT_ICON = "fa5s.info-circle"
# prefix → (font file, charmap file) as shipped by qtawesome 1.4
FONT_AWESOME_5 = {
    "fa5s": ("fontawesome5-solid-webfont-5.15.4.ttf", "fontawesome5-solid-webfont-charmap-5.15.4.json"),
    "fa5": ("fontawesome5-regular-webfont-5.15.4.ttf", "fontawesome5-regular-webfont-charmap-5.15.4.json"),
    "fa5b": ("fontawesome5-brands-webfont-5.15.4.ttf", "fontawesome5-brands-webfont-charmap-5.15.4.json"),
}


@cache
def charmap(prefix: str) -> dict[str, str]:
    """Glyph name → hex code point for a Font Awesome 5 prefix; empty when unknown or unreadable."""
    files = FONT_AWESOME_5.get(prefix)
    if files is None:
        return {}
    try:
        return json.loads((icon_fonts_dir() / files[1]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# The other icon sets of qtawesome 1.4 (pinned): prefix → charmap file. Read directly, because
# importing qtawesome loads Qt, which the core must not; tests/core/test_icons.py checks this table
# against qtawesome's own list, so an upgrade that renames a file is caught.
OTHER_SETS = {
    "fa6": "fontawesome6-regular-webfont-charmap-6.7.2.json",
    "fa6s": "fontawesome6-solid-webfont-charmap-6.7.2.json",
    "fa6b": "fontawesome6-brands-webfont-charmap-6.7.2.json",
    "ei": "elusiveicons-webfont-charmap-2.0.json",
    "mdi": "materialdesignicons5-webfont-charmap-5.9.55.json",
    "mdi6": "materialdesignicons6-webfont-charmap-6.9.96.json",
    "ph": "phosphor-charmap-1.3.0.json",
    "ri": "remixicon-charmap-2.5.0.json",
    "msc": "codicon-charmap-0.0.36.json",
}


@cache
def _other_set(prefix: str) -> frozenset[str]:
    charmap_file = OTHER_SETS.get(prefix)
    if charmap_file is None:
        return frozenset()
    try:
        return frozenset(json.loads((icon_fonts_dir() / charmap_file).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return frozenset()


def icon_exists(name: str) -> bool:
    prefix, _, glyph = name.partition(".")
    if not glyph:
        return False
    if prefix in FONT_AWESOME_5:
        return glyph in charmap(prefix)
    return glyph in _other_set(prefix)
