"""Puts the kiosk's fonts, and a clinic's own from content/fonts/, into Qt's font database.

The bundled fonts are registered once. A clinic's fonts follow the content: registered at start and
on each reload that finds them added or changed, dropped when they are removed, only after
kiosk.core.content_fonts has checked that each file really is a font. Their families then go at the
end of the font-family list (kiosk.core.fonts.font_families; the style sheet, kiosk.ui.theme).
"""

from __future__ import annotations

import logging

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase

from kiosk.core.content_fonts import MAX_FONT_BYTES, ContentFont
from kiosk.core.files import FileUnreadable, read_regular
from kiosk.core.sfnt import NotAFont, font_ranges
from kiosk.core.fonts import BODY_FAMILY, EMOJI_FAMILY, FONT_FILES, substitute_families
from kiosk.core.paths import resource_path

log = logging.getLogger(__name__)

_bundled_loaded = False
_content: dict[str, tuple[ContentFont, int, tuple[str, ...]]] = {}  # by path: the font, Qt's id, its families


def load_bundled_fonts() -> None:
    """Register the kiosk's own fonts once; Noto Emoji is the emoji font."""
    global _bundled_loaded
    if _bundled_loaded:
        return
    _bundled_loaded = True
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFont(str(resource_path(name))) < 0:
            log.error("the bundled font %s could not be loaded", name)
    QFont.insertSubstitutions(BODY_FAMILY, list(substitute_families()))
    QFontDatabase.setApplicationEmojiFontFamilies([EMOJI_FAMILY])


def use_content_fonts(fonts: tuple[ContentFont, ...]) -> tuple[str, ...]:
    """Make exactly `fonts` the clinic's registered fonts; their families, in file-name order."""
    load_bundled_fonts()
    wanted = {str(font.path): font for font in fonts}
    for path, (font, font_id, _families) in list(_content.items()):
        if wanted.get(path) != font:
            QFontDatabase.removeApplicationFont(font_id)
            del _content[path]
    for path, font in wanted.items():
        if path in _content:
            continue
        font_id = _add(font.path)
        families = tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()
        if not families:
            log.warning("content font %s could not be loaded; it is left out", path)
        else:
            log.info("content font %s loaded: %s", path, ", ".join(families))
        _content[path] = (font, font_id, families)
    return content_families()


def _add(path: Path) -> int:
    """Qt's id for the font at `path`, or -1. Qt gets the bytes read and checked now, never the file:
    a file swapped since the content was read is checked again before Qt's font loader sees it."""
    try:
        data = read_regular(path, MAX_FONT_BYTES)
        font_ranges(data)
    except (FileUnreadable, NotAFont):
        return -1
    return QFontDatabase.addApplicationFontFromData(QByteArray(data))


def content_families() -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for path in sorted(_content) for f in _content[path][2]))
