"""A layer over the whole window (dimmed backdrop, centred panel) for prompts that must not be missed.

The panel is never wider or taller than the window less a margin, whatever its contents ask for,
and it follows the window when the screen changes size while it is open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPaintEvent, QPainter
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.direction import direction_of
from kiosk.ui.theme import Theme
from kiosk.ui.named import named


class Overlay(QWidget):
    """Covers its parent window and swallows every touch so nothing underneath reacts.

    `width_at_1080`: how wide the panel likes to be on a 1080p screen (0: as its contents need).
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, opacity: int = 170, width_at_1080: int = 0) -> None:
        super().__init__(parent)
        self._backdrop = QColor(0, 0, 0, opacity)
        self._width_at_1080 = width_at_1080
        self.panel = named("OverlayPanel", QFrame(self))
        self.panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel_layout = QVBoxLayout(self.panel)
        self.panel.installEventFilter(self)  # its contents changed: place it again
        self.theme = theme
        self._space_panel()
        if parent is not None:
            parent.installEventFilter(self)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._space_panel()
        self._fit_panel()

    def _space_panel(self) -> None:
        metrics = self.theme.metrics
        pad = metrics.px(48)
        self.panel_layout.setContentsMargins(pad, pad, pad, pad)
        self.panel_layout.setSpacing(metrics.px(28))

    def read_in(self, language: str) -> None:
        """Lay this overlay out for `language` whatever the window's direction: the staff's overlays
        read in the clinic's language (left to right for English) over a patient's Arabic screen."""
        self.setLayoutDirection(direction_of(language))

    def open(self) -> None:
        self._fit_panel()
        self.show()
        self.raise_()

    def _fit_panel(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self._arrange(parent.width(), parent.height())
        self.setGeometry(parent.rect())
        self._place_panel()

    def _place_panel(self) -> None:
        """Centred; as wide as it likes within the window less a margin, as tall as that width needs.

        Placed by hand: a box layout gives a word-wrapping panel its minimum height, not the
        height its lines need at the width it got, and the last line would be cut off."""
        margin = self.theme.metrics.px(32)
        room_w, room_h = max(1, self.width() - 2 * margin), max(1, self.height() - 2 * margin)
        self.panel_layout.activate()
        width = min(max(self.panel.sizeHint().width(), self.theme.metrics.px(self._width_at_1080)), room_w)
        height = self.panel.heightForWidth(width) if self.panel.hasHeightForWidth() else self.panel.sizeHint().height()
        height = min(max(height, self.panel.minimumSizeHint().height()), room_h)
        self.panel.setGeometry((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    def _arrange(self, width: int, height: int) -> None:
        """Subclasses lay their panel out for a window this size (side by side when landscape, say)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._fit_panel()
        elif watched is self.panel and event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._place_panel()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        QPainter(self).fillRect(self.rect(), self._backdrop)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()
