"""What a feature's widget offers to sit in a kernel slot (the card footer, the window's top row).

The kernel keeps slot widgets in the visit's language and look, so a feature never has to find
them again when the language, the text size or the colours change.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from kiosk.core.strings import Strings
from kiosk.ui.theme import Theme


class SlotWidget(Protocol):
    """A QWidget with the two calls the kernel makes on every widget it shows."""

    def set_strings(self, strings: Strings) -> None: ...
    def set_theme(self, theme: Theme) -> None: ...


def as_widget(widget: SlotWidget) -> QWidget:
    assert isinstance(widget, QWidget)
    return widget
