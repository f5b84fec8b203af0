"""For `bench/startup.py --try-fix` only: a stand-in for the `qtawesome` module, to measure what the kiosk
would save by drawing its Font Awesome icons itself instead of importing qtawesome (which imports qtpy,
whose `from PySide6.QtX import *` materialises every Qt class and enum, and which loads and MD5-checks
all twelve bundled icon fonts on first use).

It loads only the two Font Awesome 5 fonts the kiosk uses, straight from qtawesome's font folder (found
with importlib.util.find_spec, which does not run qtawesome's __init__), and draws each glyph once into
a QPixmap. Not the kiosk's code: a sketch of a `kiosk/ui/glyphs.py`.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from functools import lru_cache
from pathlib import Path

_SPEC = importlib.util.find_spec("qtawesome")
_DIR = Path(_SPEC.origin).parent
_FONTS = (
    ("fa5", "fontawesome5-regular-webfont-5.15.4.ttf", "fontawesome5-regular-webfont-charmap-5.15.4.json"),
    ("fa5s", "fontawesome5-solid-webfont-5.15.4.ttf", "fontawesome5-solid-webfont-charmap-5.15.4.json"),
)


@lru_cache(maxsize=None)
def _font(prefix: str):
    from PySide6.QtGui import QFontDatabase

    _name, ttf, charmap = next(f for f in _FONTS if f[0] == prefix)
    font_id = QFontDatabase.addApplicationFont(str(_DIR / "fonts" / ttf))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    chars = json.loads((_DIR / "fonts" / charmap).read_text(encoding="utf-8"))
    return family, chars


@lru_cache(maxsize=256)
def _icon(name: str, color: str):
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

    prefix, _, glyph = name.partition(".")
    family, chars = _font(prefix)
    side = 128
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont(family)
    font.setPixelSize(round(side * 0.875))
    if prefix == "fa5s":
        font.setWeight(QFont.Weight.Black)
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(QRect(0, 0, side, side), int(Qt.AlignmentFlag.AlignCenter), chr(int(chars[glyph], 16)))
    painter.end()
    return QIcon(pixmap)


def icon(name: str, color="#000000", **_options):
    return _icon(name, str(color))


def install() -> None:
    module = types.ModuleType("qtawesome")
    module.__file__ = _SPEC.origin
    module._BUNDLED_FONTS = _FONTS
    module.icon = icon
    sys.modules["qtawesome"] = module
