"""Icon pixmaps drawn from the Font Awesome fonts that come with qtawesome, once per name, colour and size.

Importing qtawesome costs about 0.3 s and 40 MB at start-up (it loads every Qt class through qtpy and
all twelve icon fonts on first use) while the kiosk needs one or two fonts. And handing QLabel a new
pixmap on every reload or attract-loop tick filled Qt's pixmap cache by ~10 MB over hours; the
cache here gives Qt the same pixmap each time.
"""

from __future__ import annotations

from functools import lru_cache, cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap

from kiosk.core.icons import DEFAULT_ICON, FONT_AWESOME_5, charmap
from kiosk.core.paths import icon_fonts_dir

# qtawesome draws a glyph at this share of the icon's height; matching it keeps icons the same size.
GLYPH_SCALE = 0.875


@cache
def _family(prefix: str) -> str | None:
    font_id = QFontDatabase.addApplicationFont(str(icon_fonts_dir() / FONT_AWESOME_5[prefix][0]))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


@lru_cache(maxsize=512)
def glyph_pixmap(name: str, color: str, size: int) -> QPixmap:
    """`name` like 'fa5s.capsules' drawn `size` px square in `color`; unknown names draw the default icon."""
    prefix, _, glyph = name.partition(".")
    if prefix not in FONT_AWESOME_5:
        import qtawesome  # other icon sets: rare, so the slow path is acceptable

        try:
            return qtawesome.icon(name, color=color).pixmap(size, size)
        except Exception:  # qtawesome raises its own types for unknown names
            return glyph_pixmap(DEFAULT_ICON, color, size)
    code = charmap(prefix).get(glyph)
    family = _family(prefix)
    if code is None or family is None:
        return glyph_pixmap(DEFAULT_ICON, color, size) if name != DEFAULT_ICON else QPixmap()
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(family)
    font.setPixelSize(max(1, round(size * GLYPH_SCALE)))
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    if prefix == "fa5s":
        font.setWeight(QFont.Weight.Black)  # the solid style lives at weight 900 in Font Awesome 5
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, chr(int(code, 16)))
    painter.end()
    return pixmap


def glyph_icon(name: str, color: str, size: int) -> QIcon:
    return QIcon(glyph_pixmap(name, color, size))
