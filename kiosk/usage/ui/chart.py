"""Visits per day as bars, painted with QPainter (QtCharts is an Addons module the kiosk does not ship)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.theme import Theme


class BarChart(QWidget):
    """One bar per (label, value), the largest value written above the tallest bar, labels under the
    bars (every n-th when they would crowd). An empty chart says `empty_text` instead."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BarChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._theme = theme
        self._bars: list[tuple[str, int]] = []
        self.empty_text = ""
        self.setFixedHeight(theme.metrics.px(200))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._theme.metrics.px(1300), self._theme.metrics.px(200))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self._bars = list(bars)
        described = ", ".join(f"{label}: {value}" for label, value in self._bars)
        self.setAccessibleDescription(described)
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        return list(self._bars)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        palette, metrics = self._theme.palette, self._theme.metrics
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont("Noto Sans")
        font.setPixelSize(metrics.small)
        painter.setFont(font)
        text_h = painter.fontMetrics().height()
        area = QRectF(self.rect()).adjusted(0, text_h * 1.2, 0, -text_h * 1.4)
        painter.setPen(QColor(palette.border))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        top = max((value for _label, value in self._bars), default=0)
        if top == 0:
            painter.setPen(QColor(palette.muted))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        slot = area.width() / len(self._bars)
        gap = min(slot * 0.25, metrics.px(12))
        widest = max(painter.fontMetrics().horizontalAdvance(label) for label, _ in self._bars)
        every = max(1, int((widest + metrics.px(12)) // slot) + 1)  # label every n-th bar when crowded
        for index, (label, value) in enumerate(self._bars):
            x = area.left() + index * slot
            height = area.height() * value / top
            bar = QRectF(x + gap / 2, area.bottom() - height, slot - gap, height)
            painter.fillRect(bar, QColor(palette.accent))
            if value == top:
                painter.setPen(QColor(palette.text))
                painter.drawText(QRectF(x - slot, bar.top() - text_h * 1.2, slot * 3, text_h),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(value))
            if (len(self._bars) - 1 - index) % every == 0:  # the newest day always has its label
                painter.setPen(QColor(palette.muted))
                painter.drawText(QRectF(x - slot, area.bottom() + text_h * 0.2, slot * 3, text_h),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        painter.end()
