"""Card text at kiosk sizes: tables inside the card, quotes as callout boxes, a comfortable measure."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_card
from PySide6.QtGui import QTextTable
from helpers.colours import contrast

from kiosk.core.cards import load_card
from kiosk.core.strings import english
from kiosk.ui.card import CardView
from kiosk.ui.card_style import MEASURE_CHARS, qt_markup, rule, tint
from kiosk.ui.theme import HIGH_CONTRAST, NORMAL, Theme, apply_theme, load_fonts

WIDE_TABLE = """---
title: Costs
---
| What to ask | Who to ask | Where | Web page |
|---|---|---|---|
| What will each session cost, and is it covered? | Your insurer and our front desk | Front desk | https://calliope.health/patients/first-visit/insurance-and-costs |
| Can I keep taking my usual medicines? | Your care team | Clinic | Pneumonoultramicroscopicsilicovolcanoconiosis-and-more-words-joined |

> Questions? Call us.
"""
PARAGRAPH = """---
title: Long
---
""" + "Ketamine is a medicine that doctors have used for many years, and it may help some people with anxiety. " * 4


@pytest.fixture
def styled(qapp):
    """The kiosk's fonts and application style sheet, as the running kiosk has them; reset after."""
    load_fonts()
    yield lambda theme: apply_theme(qapp, theme)
    qapp.setStyleSheet("")


def card_view(qtbot, styled, root: Path, text: str, size: tuple[int, int], theme: Theme) -> CardView:
    styled(theme)
    path = write_card(root, "10-card.md", text)
    card = load_card(path, root).card
    assert card is not None
    view = CardView.from_card(card, root, theme, english())
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def tables(view: CardView) -> list[QTextTable]:
    root = view.body.document().rootFrame()
    found: list[QTextTable] = []
    pending = list(root.childFrames())
    while pending:
        frame = pending.pop()
        if isinstance(frame, QTextTable):
            found.append(frame)
        pending.extend(frame.childFrames())
    return found


@pytest.mark.parametrize("size", [(1080, 1920), (1280, 1024), (1920, 1080)])
@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_wide_table_stays_inside_the_card_at_the_largest_text_size(qtbot, styled, tmp_path, size, high_contrast):
    theme = Theme.for_screen(size[1], "largest", high_contrast)
    view = card_view(qtbot, styled, tmp_path, WIDE_TABLE, size, theme)
    layout = view.body.document().documentLayout()
    found = tables(view)
    assert len(found) == 2  # the table and the callout box
    viewport = view.body.viewport().width()
    assert view.body.document().size().width() <= viewport  # a table wider than its column widens this
    for table in found:
        for row in range(table.rows()):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                block = cell.firstCursorPosition().block()
                while block.isValid() and block.position() <= cell.lastPosition():
                    box = layout.blockBoundingRect(block)
                    assert box.left() >= 0 and box.right() <= viewport, (row, column, box, viewport)
                    block = block.next()
    assert view.body.horizontalScrollBar().maximum() == 0
    body = view.body.geometry()
    assert body.left() >= 0 and body.right() <= view.width()


def test_table_header_row_has_the_header_style(qtbot, styled, tmp_path):
    view = card_view(qtbot, styled, tmp_path, WIDE_TABLE, (1920, 1080), Theme.for_screen(1080))
    table = next(t for t in tables(view) if t.columns() == 4)
    assert table.rows() == 3
    header = table.cellAt(0, 0).format().background().color().name().upper()
    assert header == tint(view.theme)
    assert table.cellAt(1, 0).format().background().style().name == "NoBrush"


def test_a_quote_is_a_callout_box(qtbot, styled, tmp_path):
    view = card_view(qtbot, styled, tmp_path, "---\ntitle: Q\n---\nIntro.\n\n> Questions? Call us.\n", (1920, 1080), Theme.for_screen(1080))
    [box] = tables(view)
    cell = box.cellAt(0, 0)
    assert cell.format().background().color().name().upper() == tint(view.theme)
    assert cell.firstCursorPosition().block().text() == "Questions? Call us."
    assert cell.format().toTableCellFormat().leftBorder() > 0


def test_qt_markup_only_adds_layout_attributes():
    html = "<blockquote>\n<p>Hi</p>\n</blockquote>\n<table>\n<tr><td>x</td></tr></table>"
    assert qt_markup(html) == (
        '<table class="callout" width="100%" cellspacing="0"><tr><td class="callout">\n<p>Hi</p>\n</td></tr></table>\n'
        '<table width="99.9%" cellspacing="0">\n<tr><td>x</td></tr></table>'
    )


@pytest.mark.parametrize("size", [(1920, 1080), (2560, 1080)])
def test_body_lines_keep_a_comfortable_measure_and_are_centred(qtbot, styled, tmp_path, size):
    view = card_view(qtbot, styled, tmp_path, PARAGRAPH, size, Theme.for_screen(size[1]))
    layout = view.body.document().firstBlock().layout()
    full_lines = [layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
    assert len(full_lines) >= 4
    assert 60 <= sum(full_lines) / len(full_lines) <= 75, full_lines
    assert max(full_lines) <= MEASURE_CHARS + 5
    body = view.body.geometry()
    assert abs((body.left() + body.right()) / 2 - view.width() / 2) <= 2


def test_narrow_screens_keep_the_normal_margins(qtbot, styled, tmp_path):
    view = card_view(qtbot, styled, tmp_path, PARAGRAPH, (1080, 1920), Theme.for_screen(1080))
    assert view.layout().contentsMargins().left() == view.theme.metrics.margin
    assert view.body.document().firstBlock().layout().lineAt(0).textLength() <= MEASURE_CHARS + 10


@pytest.mark.parametrize(("palette", "text_ratio"), [(NORMAL, 4.5), (HIGH_CONTRAST, 7.0)])
def test_table_and_callout_colours_keep_contrast(palette, text_ratio):
    theme = Theme.for_screen(1080, high_contrast=palette is HIGH_CONTRAST)
    assert contrast(palette.text, tint(theme)) >= text_ratio
    assert contrast(rule(theme), palette.background) >= 3.0
    assert contrast(palette.accent, palette.background) >= 3.0


def test_emoji_and_symbols_in_a_card_are_drawn_by_the_bundled_fonts(qtbot, styled, tmp_path):
    view = card_view(qtbot, styled, tmp_path, "---\ntitle: E\n---\nSmile 🙂 check ✓ arrow → star ★\n", (1920, 1080), Theme.for_screen(1080))
    block = view.body.document().firstBlock()
    line = block.layout().lineAt(0)

    def drawn_by(char: str) -> set[str]:
        def utf16(text: str) -> int:  # Qt counts positions in UTF-16 code units
            return len(text.encode("utf-16-le")) // 2

        text = block.text()
        start = utf16(text[: text.index(char)])
        return {run.rawFont().familyName() for run in line.glyphRuns(start, utf16(char))}

    assert drawn_by("S") == {"Noto Sans"}
    assert drawn_by("🙂") == {"Noto Emoji"}
    assert drawn_by("✓") == {"Noto Sans Symbols2"}
    assert drawn_by("★") == {"Noto Sans Symbols2"}
    assert drawn_by("→") == {"Noto Sans Symbols"}
