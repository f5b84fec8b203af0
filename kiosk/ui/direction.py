"""Which way a language's screen reads: right to left for Arabic, Farsi, Hebrew and Urdu.

Qt mirrors a widget and everything in it that has no direction of its own (its layouts, scroll bars,
the alignment of its text) when its layout direction is RightToLeft; the kiosk's own layout
(kiosk/ui/flow.py) and the pager (kiosk/ui/pager.py) follow the same setting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.core.languages import is_right_to_left


def direction_of(language: str) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if is_right_to_left(language) else Qt.LayoutDirection.LeftToRight
