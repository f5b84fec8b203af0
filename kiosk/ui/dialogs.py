"""Dialogs staff open (a folder chooser) and leave on screen: the idle reset closes every one."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog


def open_dialogs() -> list[QDialog]:
    """Dialogs on screen now: while one is, staff are there (their idle limit applies, not a patient's)."""
    return [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, QDialog) and widget.isVisible()]


def close_dialogs() -> None:
    """As Cancel would: the next patient must never meet a file browser."""
    for dialog in open_dialogs():
        dialog.reject()
