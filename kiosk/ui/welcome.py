"""The first screen a patient sees: what the kiosk is about and an unmistakable 'Touch to start'."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.tuning import DEFAULT_TIMING
from kiosk.core.config import Config
from kiosk.core.strings import Strings
from kiosk.ui.glyphs import glyph_pixmap
from kiosk.ui.page import Page
from kiosk.ui.theme import Theme

DEFAULT_ATTRACT_MS = DEFAULT_TIMING.attract_ms


class WelcomeScreen(Page):
    """A touch anywhere on this screen starts the visit.

    While nobody is using the kiosk, a gentle attract loop shows the topics inside, one at a time:
    one label change every few seconds, so it costs next to no CPU.
    """

    start_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, attract_ms: int = DEFAULT_ATTRACT_MS) -> None:
        super().__init__("WelcomeScreen", parent)
        self.theme = theme
        metrics = theme.metrics
        centre = Qt.AlignmentFlag.AlignCenter
        self.icon = QLabel(objectName="WelcomeIcon", alignment=centre)
        self.title = QLabel(objectName="WelcomeTitle", alignment=centre, wordWrap=True)
        self.subtitle = QLabel(objectName="WelcomeSubtitle", alignment=centre, wordWrap=True)
        self.start = QFrame(objectName="StartButton")
        self.start.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.start_icon = QLabel(objectName="StartIcon")
        self.start_text = QLabel(objectName="StartText")
        inside = QHBoxLayout(self.start)
        inside.setContentsMargins(metrics.px(56), metrics.px(28), metrics.px(64), metrics.px(28))
        inside.setSpacing(metrics.px(24))
        inside.addWidget(self.start_icon)
        inside.addWidget(self.start_text)
        self.clinic = QLabel(objectName="WelcomeClinic", alignment=centre, wordWrap=True)
        self.hint = QLabel(objectName="WelcomeHint", alignment=centre, wordWrap=True)
        self.attract_icon = QLabel(objectName="AttractIcon")
        self.attract_title = QLabel(objectName="AttractTitle")
        self._attract_items: list[tuple[str, str]] = []
        self._attract_index = 0
        self._attract_prefix = ""
        self._attract_timer = QTimer(self, interval=attract_ms)
        self._attract_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._attract_timer.timeout.connect(self.show_next_topic)

        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start)
        start_row.addStretch(1)
        layout = QVBoxLayout(self)
        margin = metrics.margin
        layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        layout.setSpacing(metrics.px(28))
        layout.addStretch(2)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(metrics.px(40))
        layout.addLayout(start_row)
        layout.addSpacing(metrics.px(24))
        attract_row = QHBoxLayout()
        attract_row.setSpacing(metrics.px(20))
        attract_row.addStretch(1)
        attract_row.addWidget(self.attract_icon)
        attract_row.addWidget(self.attract_title)
        attract_row.addStretch(1)
        layout.addLayout(attract_row)
        layout.addStretch(3)
        layout.addWidget(self.clinic)
        layout.addWidget(self.hint)
        self._paint_icons()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._paint_icons()
        self._show_topic()

    def _paint_icons(self) -> None:
        palette, metrics = self.theme.palette, self.theme.metrics
        size, hand = metrics.px(150), metrics.px(56)
        self.icon.setPixmap(glyph_pixmap("fa5s.book-medical", palette.accent, size))
        self.start_icon.setPixmap(glyph_pixmap("fa5s.hand-pointer", palette.on_accent, hand))

    def set_content(self, config: Config, strings: Strings, language: str) -> None:
        title, subtitle = config.welcome.for_language(language)
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.start_text.setText(strings["touch_to_start"])
        self.clinic.setText(config.clinic.name)
        self.hint.setText(strings["welcome_hint"])
        self._attract_prefix = strings["attract_inside"]

    def set_topics(self, topics: list[tuple[str, str]]) -> None:
        """(title, icon name) of each card, for the attract loop."""
        self._attract_items = topics
        self._attract_index = -1
        self.show_next_topic()

    def show_next_topic(self) -> None:
        if not self._attract_items:
            self.attract_title.clear()
            self.attract_icon.clear()
            return
        self._attract_index = (self._attract_index + 1) % len(self._attract_items)
        self._show_topic()

    def _show_topic(self) -> None:
        if not 0 <= self._attract_index < len(self._attract_items):
            return
        title, icon = self._attract_items[self._attract_index]
        size = self.theme.metrics.title
        self.attract_icon.setPixmap(glyph_pixmap(icon, self.theme.palette.accent, size))
        self.attract_title.setText(f"{self._attract_prefix} {title}")

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._attract_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._attract_timer.stop()

    def attract_running(self) -> bool:
        return self._attract_timer.isActive()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.start_requested.emit()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()
