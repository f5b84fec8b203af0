"""Marks the block Listen is reading: a tinted background behind it, scrolled into view.

The highlight is an extra selection over the card's document, so the document itself (and its
layout) never changes while it is read; a table row is marked cell by cell across the row.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser, QTextEdit

FIND_CHARS = 80  # enough of a block's start to find it, short enough to stay within one line break


def find_block(document: QTextDocument, shown: str) -> QTextCursor | None:
    """A selection over the whole block (or table row) whose text starts with `shown`."""
    if not shown:
        return None
    cursor = document.find(shown[:FIND_CHARS], 0, QTextDocument.FindFlag.FindCaseSensitively)
    if cursor.isNull():
        return None
    table = cursor.currentTable()
    if table is not None:
        row = table.cellAt(cursor).row()
        start = table.cellAt(row, 0).firstCursorPosition().position()
        end = table.cellAt(row, table.columns() - 1).lastCursorPosition().position()
    else:
        block = document.findBlock(cursor.selectionStart())
        start, end = block.position(), block.position() + max(0, block.length() - 1)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def highlight_block(browser: QTextBrowser, shown: str, colour: str) -> bool:
    """Tint the block starting with `shown` and scroll it into view; '' clears. False if not found."""
    cursor = find_block(browser.document(), shown)
    if cursor is None:
        browser.setExtraSelections([])
        return False
    selection = QTextEdit.ExtraSelection()
    selection.cursor = cursor
    selection.format.setBackground(QColor(colour))
    browser.setExtraSelections([selection])
    _scroll_into_view(browser, cursor)
    return True


def _scroll_into_view(browser: QTextBrowser, cursor: QTextCursor) -> None:
    start, end = QTextCursor(cursor), QTextCursor(cursor)
    start.setPosition(cursor.selectionStart())
    end.setPosition(cursor.selectionEnd())
    top, bottom = browser.cursorRect(start).top(), browser.cursorRect(end).bottom()
    height = browser.viewport().height()
    bar = browser.verticalScrollBar()
    if top < 0 or bottom > height:
        bar.setValue(bar.value() + top - height // 8)


def mark_label(label: QLabel, reading: bool) -> None:
    """The style sheet tints a QLabel whose `reading` property is true."""
    if bool(label.property("reading")) == reading:
        return
    label.setProperty("reading", reading)
    label.style().unpolish(label)
    label.style().polish(label)
