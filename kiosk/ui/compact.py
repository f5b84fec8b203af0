"""When a patient's larger text cannot fit a screen, its headings and captions go back to normal size.

The larger text sizes are for reading; on a short screen (800x480, a 1366x768 laptop panel) a
title at 150% can take half the height and push the rest off the bottom. Such a screen first tries
everything at the patient's size; only what does not fit falls back to the normal size, never
smaller, and the card text itself keeps the patient's size (it scrolls). The sizes are the style
sheet's `[compact="true"]` rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget


def set_compact(widgets: Iterable[QWidget], compact: bool) -> None:
    for widget in widgets:
        # Unset counts as False (the style sheet has only [compact="true"] rules): polishing a widget
        # again costs, and the first call makes PySide6 build its Python types for QStyle (~5 ms).
        if bool(widget.property("compact")) != compact:
            widget.setProperty("compact", compact)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
