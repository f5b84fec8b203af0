"""One tile of the topics grid: a large button with the topic's icon, title and one-line summary.

Two arrangements of the same three things: the icon above the title (a tile with room to spare),
or beside it (a tile short of height: eight topics on a landscape screen, the largest text). The
grid asks how tall a tile needs to be in each before it decides how many fit on a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import height_needed
from kiosk.ui.glyphs import glyph_pixmap
from kiosk.ui.named import named
from kiosk.ui.theme import Theme


@dataclass(frozen=True)
class Tile:
    """What one tile shows; `name` (the topic's folder) is what a tap on it sends."""

    name: str
    title: str
    summary: str
    icon: str


class TopicTile(TouchButton):
    """The whole tile takes the tap (its labels let the press through); its text wraps."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, objectName="TopicTile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.tile = Tile("", "", "", "")
        self.beside = False
        self.icon_label = named("TopicIcon", QLabel(alignment=Qt.AlignmentFlag.AlignCenter))
        self.title = named("TopicTitle", QLabel(wordWrap=True))
        self.summary = named("TopicSummary", QLabel(wordWrap=True))
        self._grid = QGridLayout(self)
        for label in (self.icon_label, self.title, self.summary):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.theme = theme
        self.set_beside(False)
        self.set_theme(theme)

    def show_tile(self, tile: Tile) -> None:
        self.tile = tile
        self.title.setText(tile.title)
        self.summary.setText(tile.summary)
        self.summary.setVisible(bool(tile.summary))
        self.setAccessibleName(f"{tile.title}. {tile.summary}" if tile.summary else tile.title)
        self._paint_icon()

    def set_beside(self, beside: bool) -> None:
        """The icon beside the title (True) or above it, everything centred (False)."""
        self.beside = beside
        grid = self._grid
        for label in (self.icon_label, self.title, self.summary):
            grid.removeWidget(label)
        # From the top, so the titles of a row line up; the last row takes what height is left.
        if beside:
            grid.addWidget(self.icon_label, 0, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.title, 0, 1)
            grid.addWidget(self.summary, 1, 0, 1, 2)
            grid.setColumnStretch(1, 1)
        else:
            grid.addWidget(self.icon_label, 0, 0, Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(self.title, 1, 0)
            grid.addWidget(self.summary, 2, 0)
            grid.setColumnStretch(1, 0)
        for row in range(4):
            grid.setRowStretch(row, 0)
        grid.setRowStretch(grid.rowCount(), 1)
        align = Qt.AlignmentFlag.AlignLeft if beside else Qt.AlignmentFlag.AlignHCenter
        for label in (self.title, self.summary):
            label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        grid.invalidate()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        metrics = theme.metrics
        pad = metrics.px(24)
        self._grid.setContentsMargins(pad, pad, pad, pad)
        self._grid.setHorizontalSpacing(metrics.px(20))
        self._grid.setVerticalSpacing(metrics.px(10))
        self.icon_label.setFixedSize(metrics.icon, metrics.icon)
        self._paint_icon()

    def _paint_icon(self) -> None:
        if self.tile.icon:
            self.icon_label.setPixmap(glyph_pixmap(self.tile.icon, self.theme.palette.accent, self.theme.metrics.icon))

    def needed_height(self, width: int) -> int:
        """How tall the tile must be at `width`; past any screen when its longest word cannot fit."""
        height = height_needed(self._grid, width)
        return height if self._grid.totalMinimumSize().width() <= width else 1 << 20
