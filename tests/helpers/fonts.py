"""Fonts for tests: a tiny real font made with fontTools, and which font each drawn glyph came from."""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


def make_font(path: Path, chars: str, family: str = "Kiosk Test Font") -> Path:
    """A TrueType font with a square glyph for each of `chars`, named `family`."""
    chars = "".join(dict.fromkeys(chars))
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0)), pen.lineTo((100, 700)), pen.lineTo((600, 700)), pen.lineTo((600, 0)), pen.closePath()
    square = pen.glyph()
    builder.setupGlyf({name: square for name in names})
    builder.setupHorizontalMetrics({name: (700, 100) for name in names})
    builder.setupHorizontalHeader(ascent=900, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=900, usWinAscent=900, usWinDescent=200)
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path


def glyph_runs(text: str, font) -> list[tuple[str, list[int]]]:
    """(family, glyph indexes) of each run Qt draws `text` with in `font`."""
    from PySide6.QtGui import QTextLayout

    layout = QTextLayout(text, font)
    layout.beginLayout()
    while layout.createLine().isValid():
        pass
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def _runs_of(widget) -> list[tuple[str, str, list[int]]]:
    """(text, family, glyph indexes) for each run of text drawn by `widget` (a label, button or text view)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit

    if isinstance(widget, QTextEdit):
        runs = []
        block = widget.document().begin()
        while block.isValid():
            layout = block.layout()
            if block.text().strip() and layout is not None:
                runs += [(block.text(), run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]
            block = block.next()
        return runs
    if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
        return [(widget.text(), family, glyphs) for family, glyphs in glyph_runs(widget.text(), widget.font())]
    return []


def glyph_sources(widget) -> tuple[set[str], list[str]]:
    """The font families the visible text under `widget` is drawn with, and the texts that draw an
    empty box (glyph 0) anywhere."""
    from PySide6.QtWidgets import QWidget

    families: set[str] = set()
    boxes: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget.window()) and child is not widget:
            continue
        for text, family, glyphs in _runs_of(child):
            families.add(family)
            if 0 in glyphs:
                boxes.append(text)
    return families, boxes
