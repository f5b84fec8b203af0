"""The kiosk's push button: a tap never leaves a focus ring behind, the keyboard's Tab still reaches it,
and a screen reader hears its label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget


class TouchButton(QPushButton):
    """Focus comes only from Tab (keyboard and switch users), never from a finger."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, objectName: str, checkable: bool = False  # noqa: N803 (Qt's keyword)
    ) -> None:
        super().__init__(text, parent)
        self.setObjectName(objectName)  # the style sheet's name for it: every kiosk button has one
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(self.text().strip())

    def setText(self, text: str) -> None:  # noqa: N802 (Qt name)
        """The label is also the accessible name, unless a clearer one is set afterwards."""
        super().setText(text)
        self.setAccessibleName(text.strip())
