"""Visits per day as bars: heights follow the counts, an empty chart says so."""

from __future__ import annotations

from PySide6.QtGui import QColor

from kiosk.usage.ui.chart import BarChart
from kiosk.ui.theme import Metrics, Theme

THEME = Theme(Metrics(1080))


def chart(qtbot, bars) -> BarChart:
    widget = BarChart(THEME)
    widget.empty_text = "No visits in these days."
    widget.resize(700, 230)
    widget.set_bars(bars)
    qtbot.addWidget(widget)
    return widget


def bar_height(image, x: int) -> int:
    accent = QColor(THEME.palette.accent).rgb()
    return sum(1 for y in range(image.height()) if image.pixel(x, y) == accent)


def test_bar_heights_follow_the_counts(qtbot):
    widget = chart(qtbot, [("Mon", 2), ("Tue", 0), ("Wed", 4), ("Thu", 1)])
    image = widget.grab().toImage()
    slot = widget.width() / 4
    heights = [bar_height(image, int(slot * (i + 0.5))) for i in range(4)]
    assert heights[1] == 0 and heights[2] > 0
    # within a few pixels: a bar's top edge is antialiased, and not of the accent colour exactly
    assert abs(heights[0] * 2 - heights[2]) <= 4 and abs(heights[3] * 4 - heights[2]) <= 8
    assert widget.accessibleDescription() == "Mon: 2, Tue: 0, Wed: 4, Thu: 1"


def test_no_visits_draws_no_bars(qtbot):
    widget = chart(qtbot, [("Mon", 0), ("Tue", 0)])
    image = widget.grab().toImage()
    assert all(bar_height(image, x) == 0 for x in range(0, widget.width(), 25))
