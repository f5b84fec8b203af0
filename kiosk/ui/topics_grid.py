"""The topics grid of a topic library: one large tile per topic, and a patient opens a deck with one tap.

Usability work on touch kiosks for anxious, older and low-literacy users favours one screen of large
targets over menus: so 2 to 8 tiles (icon, title, one-line summary), two columns in portrait and
up to four in landscape, and a further topic pages the grid ("More topics") instead of shrinking
the tiles or scrolling them.

How large: a tile is never shorter than `MIN_TILE_AT_1080` px at 1080 px of shorter side, that is
11% of the screen's shorter side (theme.Metrics). On the densest kiosk panel we know, 15.6 inches at
1920x1080 (0.18 mm pixels), that is 2.0 cm; on the usual 21.5 to 32 inch 1080p panels 2.7 to 4.1 cm,
and on a 17 inch 1280x1024 panel 2.8 cm. In practice tiles take the room there is and are far taller
(about 8 cm on a 24 inch panel with eight topics); where the largest text cannot fit a row of tiles
at that height, fewer tiles go on a page and the rest follow on the next.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.core.tuning import TOPICS_PER_PAGE
from kiosk.ui.buttons import TouchButton
from kiosk.ui.compact import set_compact
from kiosk.ui.flow import FlowLayout, Role, height_needed
from kiosk.ui.glyphs import glyph_icon
from kiosk.ui.named import named
from kiosk.ui.page import Page
from kiosk.ui.theme import Theme
from kiosk.ui.topic_tile import Tile, TopicTile

MIN_TILE_AT_1080 = 120  # px at 1080 px of shorter side: 2 cm on a 15.6" 1080p panel (see the module docstring)
MAX_TILE_AT_1080 = 440  # taller, and a few topics would each be a wall of empty white
MIN_TILE_WIDTH_AT_1080 = 300  # narrower, and a title of two short words no longer fits on a line
MAX_TILE_WIDTH_AT_1080 = 760  # wider, and one or two topics on a landscape screen are long bars


class TopicsGrid(Page):
    """Shows the tiles it is given, a page of them at a time; emits the topic a patient taps."""

    topic_chosen = Signal(str)  # the folder name of the topic tapped

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__("TopicsGrid", parent)
        self.theme = theme
        self.tiles: list[Tile] = []
        self.page = 0
        self.per_page = TOPICS_PER_PAGE
        self.columns = 2
        self._needed = 0  # the height the fullest tile's text needs at the chosen look
        self._views: list[TopicTile] = []
        self._cells: dict[int, tuple[int, int]] = {}  # id(tile) -> (row, column) it sits in
        self.heading = named("TopicsTitle", QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter))
        self.empty = named("TopicsEmpty", QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter))
        self.cells = QGridLayout()
        self.previous = TouchButton(objectName="TopicsPrevious")
        self.more = TouchButton(objectName="TopicsMore")
        self.more.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the arrow after the words
        self.count = named("PageCount", QLabel(alignment=Qt.AlignmentFlag.AlignCenter))
        self.pages_row = named("TopicsPages", QWidget())
        self._pages_flow = row = FlowLayout(self.pages_row)  # the count on a row of its own when they cannot share one
        row.add(self.previous)
        row.add(self.count, Role.MIDDLE)
        row.add(self.more, Role.END)
        self._outer = layout = self.page_layout(QVBoxLayout(self))
        layout.addStretch(1)  # the heading and the tiles stand together in the middle
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addLayout(self.cells)
        layout.addStretch(1)
        layout.addWidget(self.pages_row)
        self.previous.clicked.connect(lambda: self.show_page(self.page - 1))
        self.more.clicked.connect(lambda: self.show_page(self.page + 1))
        self._strings: Strings | None = None
        self.set_theme(theme)

    # --- data in ---------------------------------------------------------------------------------

    def set_content(self, tiles: Sequence[Tile], strings: Strings) -> None:
        """The tiles to offer, in order; the page shown stays while its tiles are still there."""
        self.tiles = list(tiles)
        self._strings = strings
        self.heading.setText(strings["topics_title"])
        self.empty.setText(strings["topics_none"])
        self.previous.setText(f" {strings['topics_previous']} ")
        self.more.setText(f" {strings['topics_more']} ")
        self._arrange()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        metrics = theme.metrics
        margin = metrics.margin
        self._outer.setContentsMargins(margin, round(margin * 0.25), margin, round(margin * 0.4))
        self._outer.setSpacing(metrics.px(32))
        self.cells.setSpacing(metrics.px(32))
        self._pages_flow.set_spacing(metrics.px(24))
        size = metrics.px(40)
        self.previous.setIcon(glyph_icon("fa5s.arrow-left", theme.palette.accent, size))
        self.more.setIcon(glyph_icon("fa5s.arrow-right", theme.palette.on_accent, size))
        for button in (self.previous, self.more):
            button.setIconSize(QSize(size, size))
        for view in self._views:
            view.set_theme(theme)
        self._arrange()

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, self.page_count - 1))
        self._place()

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(len(self.tiles) / self.per_page))

    def reset(self) -> None:
        """Back to the first page, for the next patient."""
        self.show_page(0)

    # --- layout ----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._arrange()  # text or sizes may have changed while another page was on screen

    def _arrange(self) -> None:
        """How many columns, which look and how many tiles a page holds, so every tile fits.

        The looks in order: the icon above the title, beside it, and (larger text only) the tile's
        text at the normal size; for the preferred number of columns first, then fewer (wider tiles
        need less height). The first that puts every tile on one page wins; else the one that puts
        the most on a page; and where nothing fits (a small panel at the largest text), the last.
        """
        self.ensurePolished()
        while len(self._views) < min(len(self.tiles), TOPICS_PER_PAGE):
            view = TopicTile(self.theme, self)
            view.clicked.connect(lambda _checked=False, v=view: self.topic_chosen.emit(v.tile.name))
            self._views.append(view)
        metrics = self.theme.metrics
        margins = self._outer.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        spacing = self.cells.spacing()
        count = min(len(self.tiles), TOPICS_PER_PAGE)
        landscape = self.width() > self.height()
        wanted = (1, 1, 2, 3, 2, 3, 3, 4, 4)[count] if landscape else min(2, max(1, count))
        fitting = max(1, (width + spacing) // (metrics.px(MIN_TILE_WIDTH_AT_1080, scaled_text=True) + spacing))
        looks = [(False, False), (True, False)] + ([(True, True)] if metrics.text_scale > 1.0 else [])
        candidates = [(columns, *look) for columns in range(max(1, min(wanted, fitting)), 0, -1) for look in looks]
        best: tuple[int, tuple[int, bool, bool]] | None = None
        for candidate in candidates:
            per_page = self._try(*candidate, count, width, spacing)
            if per_page and (best is None or per_page > best[0]):
                best = (per_page, candidate)
            if per_page >= count:
                break
        per_page, chosen = best or (self.columns, candidates[-1])
        self._try(*chosen, count, width, spacing)
        self.per_page = max(1, per_page)
        self.show_page(self.page)

    def _try(self, columns: int, beside: bool, compact: bool, count: int, width: int, spacing: int) -> int:
        """Lay the tiles out so; how many fit on a page (0: not one row)."""
        self.columns = columns
        for view in self._views:
            if view.beside != beside:
                view.set_beside(beside)
        set_compact([label for view in self._views for label in (view.title, view.summary)], compact)
        if count == 0:
            return TOPICS_PER_PAGE
        cell_width = max(1, (width - spacing * (columns - 1)) // columns)
        self._needed = max(self.theme.metrics.px(MIN_TILE_AT_1080), *(self._tile_height(tile, cell_width) for tile in self.tiles))
        for paged in (False, True):
            rows = min(math.ceil(count / columns), (self._grid_room(paged) + spacing) // (self._needed + spacing))
            if rows * columns >= len(self.tiles) or paged:
                return min(TOPICS_PER_PAGE, rows * columns)
        return 0

    def _tile_height(self, tile: Tile, width: int) -> int:
        probe = self._views[0]
        shown = probe.tile
        probe.show_tile(tile)
        height = probe.needed_height(width)
        probe.show_tile(shown)
        return height

    def _grid_room(self, paged: bool) -> int:
        layout = self._outer
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        used = margins.top() + margins.bottom() + self.heading.heightForWidth(width)
        if paged:
            self.previous.setVisible(True)  # measured with both buttons, as on a middle page
            self.more.setVisible(True)
            used += layout.spacing() + height_needed(self._pages_flow, width)
        return self.height() - used - layout.spacing()

    def _place(self) -> None:
        """Put this page's tiles in their cells; the others are hidden. A tile that keeps its cell is
        left alone (hiding it would cancel a finger's press on it: a reload must not eat a tap)."""
        shown = self.tiles[self.page * self.per_page:(self.page + 1) * self.per_page]
        for index, view in enumerate(self._views):
            cell = (index // self.columns, index % self.columns)
            if index >= len(shown):
                self.cells.removeWidget(view)
                self._cells.pop(id(view), None)
                view.hide()
                continue
            if view.tile != shown[index]:
                view.show_tile(shown[index])
            if self._cells.get(id(view)) != cell or self.cells.indexOf(view) < 0:
                self.cells.removeWidget(view)
                self.cells.addWidget(view, *cell, alignment=Qt.AlignmentFlag.AlignCenter)
                self._cells[id(view)] = cell
            view.show()
        for column in range(self.cells.columnCount()):
            self.cells.setColumnStretch(column, 1 if column < self.columns else 0)
        self.empty.setVisible(not self.tiles)
        paged = self.page_count > 1
        rows = max(1, math.ceil(len(shown) / self.columns))
        spacing = self.cells.spacing()
        room = (self._grid_room(paged) - spacing * (rows - 1)) // rows
        metrics = self.theme.metrics
        # What the fullest tile needs and a little air, within the room there is, never under the minimum.
        height = max(metrics.px(MIN_TILE_AT_1080), min(room, self._needed + metrics.px(48), metrics.px(MAX_TILE_AT_1080, scaled_text=True)))
        margins = self._outer.contentsMargins()
        width = min((self.width() - margins.left() - margins.right() - spacing * (self.columns - 1)) // self.columns,
                    metrics.px(MAX_TILE_WIDTH_AT_1080, scaled_text=True))
        for view in self._views:
            view.setFixedSize(max(1, width), height)  # every tile of the page alike; the rows stand together, centred
        self.pages_row.setVisible(paged)
        self.previous.setVisible(self.page > 0)
        self.more.setVisible(self.page < self.page_count - 1)
        if self._strings is not None:
            self.count.setText(self._strings.page_of(self.page + 1, self.page_count))
        self._outer.activate()

    def visible_tiles(self) -> list[TopicTile]:
        """The tiles on the page shown, in reading order (for tests and Listen's order)."""
        return [view for view in self._views if not view.isHidden()]
