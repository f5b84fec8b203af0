"""Knows which qtawesome icon names exist without creating any Qt object, for `kiosk check`."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DEFAULT_ICON = "fa5s.info-circle"


@lru_cache(maxsize=1)
def _charmaps() -> dict[str, frozenset[str]]:
    import qtawesome  # imported lazily: it loads Qt modules

    fonts = Path(qtawesome.__file__).parent / "fonts"
    names: dict[str, frozenset[str]] = {}
    for prefix, _ttf, charmap in qtawesome._BUNDLED_FONTS:
        try:
            names[prefix] = frozenset(json.loads((fonts / charmap).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            names[prefix] = frozenset()
    return names


def icon_exists(name: str) -> bool:
    prefix, _, glyph = name.partition(".")
    return bool(glyph) and glyph in _charmaps().get(prefix, frozenset())
