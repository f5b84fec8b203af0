"""The first screen a patient sees: what the kiosk is about and an unmistakable 'Touch to start'."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from kiosk.core.languages import in_reading_order
from kiosk.core.tuning import DEFAULT_TIMING
from kiosk.core.config import Config
from kiosk.core.strings import Strings
from kiosk.ui.compact import set_compact
from kiosk.ui.flow import height_needed
from kiosk.ui.glyphs import glyph_pixmap
from kiosk.ui.named import named
from kiosk.ui.page import Page
from kiosk.ui.theme import Theme

DEFAULT_ATTRACT_MS = DEFAULT_TIMING.attract_ms


class WelcomeScreen(Page):
    """A touch anywhere on this screen starts the visit.

    While nobody is using the kiosk, a gentle attract loop shows the topics inside, one at a time:
    one label change every few seconds, so it costs next to no CPU.

    Every line wraps to the screen's width. Where the height cannot hold everything (a small
    landscape panel at the largest text) the decorations give way, least needed first: the big
    icon, the attract line, the hint; then the text goes back to normal size (kiosk/ui/compact.py).
    The title, the clinic and "Touch to start" always stay.
    """

    start_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, attract_ms: int = DEFAULT_ATTRACT_MS) -> None:
        super().__init__("WelcomeScreen", parent)
        self.theme = theme
        centre = Qt.AlignmentFlag.AlignCenter
        self.icon = named("WelcomeIcon", QLabel(alignment=centre))
        self.title = named("WelcomeTitle", QLabel(alignment=centre, wordWrap=True))
        self.subtitle = named("WelcomeSubtitle", QLabel(alignment=centre, wordWrap=True))
        self.start = named("StartButton", QFrame())
        self.start.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.start_icon = named("StartIcon", QLabel())
        self.start_text = named("StartText", QLabel(wordWrap=True))
        self._start_inside = inside = QHBoxLayout(self.start)
        inside.addWidget(self.start_icon)
        inside.addWidget(self.start_text)
        # In the start button's place when there is nothing to start (no card yet, a content folder that
        # has not answered): a button that does nothing would be the worst thing to offer.
        self.nothing = named("WelcomeNothing", QLabel(alignment=centre, wordWrap=True))
        self.nothing.hide()
        self._hint = ""
        self.clinic = named("WelcomeClinic", QLabel(alignment=centre, wordWrap=True))
        self.hint = named("WelcomeHint", QLabel(alignment=centre, wordWrap=True))
        self.attract_icon = named("AttractIcon", QLabel())
        self.attract_title = named("AttractTitle", QLabel(wordWrap=True))
        self._attract_items: list[tuple[str, str]] = []
        self._attract_index = 0
        self._attract_prefix = ""
        self._attract_timer = QTimer(self, interval=attract_ms)
        self._attract_timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._attract_timer.timeout.connect(self.show_next_topic)

        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start)
        start_row.addWidget(self.nothing, 6)
        start_row.addStretch(1)
        self._outer = layout = self.page_layout(QVBoxLayout(self))
        layout.addStretch(2)
        layout.addWidget(self.icon)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        # Gaps above and below "Touch to start", sized by set_theme (as addSpacing(0) would make them).
        self._above_start, self._below_start = (QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed) for _ in range(2))
        layout.addSpacerItem(self._above_start)
        layout.addLayout(start_row)
        layout.addSpacerItem(self._below_start)
        self._attract_row = attract_row = QHBoxLayout()
        attract_row.addStretch(1)
        attract_row.addWidget(self.attract_icon)
        attract_row.addWidget(self.attract_title, 0)
        attract_row.addStretch(1)
        self._attract_box = named("AttractRow", QWidget())  # hidden as one when space is short
        self._attract_box.setLayout(attract_row)
        attract_row.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._attract_box)
        layout.addStretch(3)
        layout.addWidget(self.clinic)
        layout.addWidget(self.hint)
        # What gives way first when the height runs short.
        self._optional: list[QWidget] = [self.icon, self._attract_box, self.hint]
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        metrics = theme.metrics
        layout = self._outer
        margin = metrics.margin
        layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        layout.setSpacing(metrics.px(28))
        self._above_start.changeSize(0, metrics.px(40))
        self._below_start.changeSize(0, metrics.px(24))
        self._start_inside.setContentsMargins(metrics.px(56), metrics.px(28), metrics.px(64), metrics.px(28))
        self._start_inside.setSpacing(metrics.px(24))
        self._attract_row.setSpacing(metrics.px(20))
        layout.invalidate()
        self._paint_icons()
        self._show_topic()
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Show every optional part that fits, in order of need; `_optional` says what goes first."""
        self.ensurePolished()
        layout = self._outer
        width, height = self.width(), self.height()
        texts = (self.title, self.subtitle, self.start_text, self.nothing, self.attract_title, self.clinic, self.hint)
        for compact in (False, True):
            set_compact(texts, compact)
            for widget in self._optional:
                widget.setVisible(True)
            for widget in self._optional:
                if height_needed(layout, width) <= height:
                    break
                widget.setVisible(False)
            if height_needed(layout, width) <= height or self.theme.metrics.text_scale == 1.0:
                break
        layout.activate()

    def _paint_icons(self) -> None:
        palette, metrics = self.theme.palette, self.theme.metrics
        size, hand = metrics.px(150), metrics.px(56)
        self.icon.setPixmap(glyph_pixmap("fa5s.book-medical", palette.accent, size))
        self.start_icon.setPixmap(glyph_pixmap("fa5s.hand-pointer", palette.on_accent, hand))

    def set_content(self, config: Config, strings: Strings, language: str) -> None:
        title, subtitle = config.welcome.for_language(language)
        self.title.setText(in_reading_order(title, language))
        self.subtitle.setText(in_reading_order(subtitle, language))
        self.subtitle.setVisible(bool(subtitle))
        self.start_text.setText(strings["touch_to_start"])
        self.nothing.setText(strings["topics_none"])
        self.clinic.setText(config.clinic.name)
        self._hint = strings["welcome_hint"]
        self.hint.setText(self._hint if self.startable else "")
        self._attract_prefix = strings["attract_inside"]
        if self.isVisible():
            self._fit_height()

    def set_startable(self, startable: bool) -> None:
        """Whether "Touch to start" leads anywhere; if not, the screen says so in its place."""
        self.start.setVisible(startable)
        self.nothing.setVisible(not startable)
        self.hint.setText(self._hint if startable else "")  # "Swipe or tap the buttons…" has nothing to move between

    @property
    def startable(self) -> bool:
        return not self.nothing.isVisibleTo(self)

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
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._fit_height()  # text or sizes may have changed while another page was on screen
        self._attract_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._attract_timer.stop()

    def attract_running(self) -> bool:
        return self._attract_timer.isActive()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()) and self.startable:
            self.start_requested.emit()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

