"""A layer over the whole window (dimmed backdrop, centred panel) for prompts that must not be missed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme


class Overlay(QWidget):
    """Covers its parent window and swallows every touch so nothing underneath reacts."""

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, opacity: int = 170) -> None:
        super().__init__(parent)
        metrics = theme.metrics
        self._backdrop = QColor(0, 0, 0, opacity)
        self.panel = QFrame(self, objectName="OverlayPanel")
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel_layout = QVBoxLayout(self.panel)
        pad = metrics.px(56)
        self.panel_layout.setContentsMargins(pad, pad, pad, pad)
        self.panel_layout.setSpacing(metrics.px(28))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        QPainter(self).fillRect(self.rect(), self._backdrop)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()
