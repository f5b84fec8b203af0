"""The Listen controls on every screen: Listen (then Pause / Keep listening), Stop, and volume − and +.

One large button keeps its place and changes what it does (Listen → Pause → Keep listening), so a
patient who cannot read finds it again by position and icon. Volume is a pair of large buttons with
a meter between them: rising bars, drawn, and under them the word "Volume" in the visit's language,
so the − and + say what they change.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPaintEvent, QPainter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import Align, FlowLayout
from kiosk.ui.glyphs import glyph_icon
from kiosk.ui.named import named
from kiosk.ui.theme import Theme

_MAIN_ICONS = {"idle": "fa5s.volume-up", "speaking": "fa5s.pause", "paused": "fa5s.play"}
_MAIN_TEXT = {"idle": "listen", "speaking": "listen_pause", "paused": "listen_resume"}


class VolumeMeter(QWidget):
    """Rising bars, filled up to the visit's volume, with their caption ("Volume") under them."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VolumeMeter")
        self.theme = theme
        self.level = 0.7
        self.caption = ""
        self._size()

    def set_level(self, level: float) -> None:
        self.level = level
        self.update()

    def set_caption(self, caption: str) -> None:
        self.caption = caption
        self._size()
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._size()
        self.update()

    def _caption_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(self.theme.metrics.px(24))  # the staff-panel size: a label, not text to read
        return font

    def _size(self) -> None:
        metrics = self.theme.metrics
        caption = QFontMetrics(self._caption_font()).horizontalAdvance(self.caption) if self.caption else 0
        self.setFixedSize(max(metrics.px(88), caption + metrics.px(8)), metrics.target)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        bars = 5
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.theme.palette
        span = self.theme.metrics.px(88)  # the bars keep their width; a longer caption centres them
        left = (self.width() - span) / 2
        gap = span / (bars * 3)
        width = (span - gap * (bars - 1)) / bars
        captioned = bool(self.caption)
        tallest = self.height() * (0.45 if captioned else 0.6)
        bottom = self.height() * (0.58 if captioned else 0.8)
        if captioned:
            painter.setFont(self._caption_font())
            painter.setPen(QColor(palette.text))
            painter.drawText(QRectF(0, bottom, self.width(), self.height() - bottom), Qt.AlignmentFlag.AlignCenter, self.caption)
        for index in range(bars):
            height = tallest * (index + 1) / bars
            on = self.level >= (index + 1) / bars - 1e-6
            painter.setPen(QColor(palette.accent))
            painter.setBrush(QColor(palette.accent if on else palette.bar))
            painter.drawRoundedRect(QRectF(left + index * (width + gap), bottom - height, width, height), 2, 2)


class ListenBar(QWidget):
    """Emits what the patient asked for; the wiring tells it what the speaker is doing."""

    listen_requested = Signal()  # read this screen aloud from the start
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()
    volume_step_requested = Signal(int)  # -1 quieter, +1 louder

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ListenBar")
        self.theme = theme
        self.state = "idle"
        self.main = TouchButton(objectName="ListenButton")
        self.stop = TouchButton(objectName="ListenStop")
        self.quieter = TouchButton(objectName="VolumeButton")
        self.louder = TouchButton(objectName="VolumeButton")
        self.meter = VolumeMeter(theme)
        self.not_working = named("ListenNotWorking", QLabel())  # in the controls' place while speech is restarted
        self.working = True
        self._strings: Strings | None = None
        # A row that wraps (kiosk/ui/flow.py) so a narrow screen or the largest text never cuts a control.
        self.controls = FlowLayout(align=Align.END)
        # Stop appears on the left of the main button, in room kept for it, and the main button is as
        # wide as its widest label: Listen, Pause and Resume stay under the same finger, and the row
        # never re-wraps when speech starts.
        policy = self.stop.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.stop.setSizePolicy(policy)
        for widget in (self.stop, self.main, self.quieter, self.meter, self.louder, self.not_working):
            self.controls.add(widget)
        self.not_working.hide()
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self.controls)
        self.main.clicked.connect(self._on_main)
        self.stop.clicked.connect(self.stop_requested)
        self.quieter.clicked.connect(lambda: self.volume_step_requested.emit(-1))
        self.louder.clicked.connect(lambda: self.volume_step_requested.emit(1))
        self._paint_icons()
        self._space()
        self.set_state("idle")

    def _on_main(self) -> None:
        {"idle": self.listen_requested, "speaking": self.pause_requested, "paused": self.resume_requested}[self.state].emit()

    def set_state(self, state: str) -> None:
        """'idle', 'speaking' or 'paused', as the speaker reports it."""
        self.state = state
        self.stop.setVisible(state != "idle" and self.working)
        self._paint_icons()
        if self._strings is not None:
            self.set_strings(self._strings)

    def set_working(self, working: bool) -> None:
        """False while the speech engine is restarted: a plain sentence says so, and no button that would do nothing."""
        self.working = working
        for widget in (self.main, self.quieter, self.meter, self.louder):
            widget.setVisible(working)
        self.stop.setVisible(working and self.state != "idle")
        self.not_working.setVisible(not working)

    def set_volume(self, percent: int, *, can_lower: bool, can_raise: bool) -> None:
        self.meter.set_level(percent / 100)
        self.quieter.setEnabled(can_lower)
        self.louder.setEnabled(can_raise)
        if self._strings is not None:
            self.meter.setAccessibleName(self._strings["volume_name"].format(percent=percent))

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        widths = []
        for key in _MAIN_TEXT.values():
            self.main.setText(f" {strings[key]} ")
            widths.append(self.main.sizeHint().width())
        self.main.setMinimumWidth(max(widths))
        self.main.setText(f" {strings[_MAIN_TEXT[self.state]]} ")
        self.stop.setText(f" {strings['listen_stop']} ")
        self.not_working.setText(strings["listen_not_working"])
        self.quieter.setText("\u2212")
        self.louder.setText("+")
        self.quieter.setAccessibleName(strings["volume_down"])
        self.louder.setAccessibleName(strings["volume_up"])
        self.meter.setAccessibleName(strings["volume_name"].format(percent=round(self.meter.level * 100)))
        self.meter.set_caption(strings["volume_label"])

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.meter.set_theme(theme)
        self._paint_icons()
        self._space()

    def _space(self) -> None:
        metrics = self.theme.metrics
        self._outer.setContentsMargins(0, metrics.px(16), metrics.margin, 0)  # right edge in line with the language buttons
        self.controls.set_spacing(metrics.px(16))

    def _paint_icons(self) -> None:
        palette, size = self.theme.palette, self.theme.metrics.px(40)
        self.main.setIcon(glyph_icon(_MAIN_ICONS[self.state], palette.on_accent, size))
        self.stop.setIcon(glyph_icon("fa5s.stop", palette.accent, size))
        for button in (self.main, self.stop):
            button.setIconSize(QSize(size, size))
