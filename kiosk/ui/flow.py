"""A row of controls that wraps onto more rows when the screen is too narrow for one.

Fixed rows of buttons are what pushed the kiosk past the edge of portrait and 5:4 screens: their
widths add up, and Qt grows the window rather than cut a button. Here each control keeps the width
its label needs, and the row breaks before the control that would not fit. Adding a control (a
Listen button, volume) needs no arithmetic from the caller.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class Align(Enum):
    """Where the ordinary (START) controls of each row go."""

    START = "start"  # packed to the left
    CENTRE = "centre"  # each row centred
    END = "end"  # packed to the right


class Role(Enum):
    START = "start"  # in order, from the row's start (or as `Align` says)
    MIDDLE = "middle"  # centred between the others; on a row of its own, above them, once they wrap
    END = "end"  # pinned to the end of its row (Next)


class FlowLayout(QLayout):
    """Widgets in order, left to right, wrapping onto more rows; each has a `Role`."""

    def __init__(self, parent: QWidget | None = None, *, align: Align = Align.START, spacing: int = 0) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._roles: dict[int, Role] = {}  # by id of the widget
        self._align = align
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- what callers use ----------------------------------------------------------------------

    def add(self, widget: QWidget, role: Role = Role.START) -> None:
        self.addWidget(widget)
        self._roles[id(widget)] = role

    def insert(self, index: int, widget: QWidget, role: Role = Role.START) -> None:
        """`widget` at `index` among the items (before Next, say), with `role`."""
        self.addChildWidget(widget)
        self._items.insert(max(0, min(index, len(self._items))), QWidgetItem(widget))
        self._roles[id(widget)] = role
        self.invalidate()

    def index_of(self, widget: QWidget) -> int:
        return next((i for i, item in enumerate(self._items) if item.widget() is widget), -1)

    def set_spacing(self, spacing: int) -> None:
        self._spacing = spacing
        self.invalidate()

    def spacing(self) -> int:  # noqa: D102 (QLayout's, kept in step with set_spacing)
        return self._spacing

    def widgets(self) -> list[QWidget]:
        """The controls, in order (hidden ones too)."""
        return [widget for item in self._items if (widget := item.widget()) is not None]

    # --- QLayout ------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        if item.widget() is not None:
            self._roles.pop(id(item.widget()), None)
        return item

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return self._height(self._rows(inner), inner) + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        visible = self._visible()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in visible) + self._spacing * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        """As narrow as the widest single control: everything else can go on another row."""
        margins = self.contentsMargins()
        size = QSize(0, 0)
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        area = self.contentsRect()
        y = area.top()
        for row in self._rows(area.width()):
            row_height = self._row_height(row, area.width())
            self._place_row(row, area.left(), area.width(), y, row_height)
            y += row_height + self._spacing

    # --- arithmetic ----------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _role(self, item: QLayoutItem) -> Role:
        widget = item.widget()
        return self._roles.get(id(widget), Role.START) if widget is not None else Role.START

    def _width(self, items: list[QLayoutItem]) -> int:
        return sum(item.sizeHint().width() for item in items) + self._spacing * max(0, len(items) - 1)

    def _rows(self, width: int) -> list[list[QLayoutItem]]:
        visible = self._visible()
        if not visible:
            return []
        if self._width(visible) <= width:
            return [visible]
        middles = [item for item in visible if self._role(item) is Role.MIDDLE]
        rows: list[list[QLayoutItem]] = [middles] if middles else []
        first_flowing = len(rows)
        used = 0
        for item in (item for item in visible if self._role(item) is not Role.MIDDLE):
            item_width = item.sizeHint().width()
            if len(rows) > first_flowing and used + self._spacing + item_width <= width:
                rows[-1].append(item)
                used += self._spacing + item_width
            else:
                rows.append([item])
                used = item_width
        return rows

    def _height(self, rows: list[list[QLayoutItem]], width: int) -> int:
        heights = [self._row_height(row, width) for row in rows]
        return sum(heights) + self._spacing * max(0, len(heights) - 1)

    @staticmethod
    def _item_size(item: QLayoutItem, limit: int) -> QSize:
        """Its preferred size, no wider than the row; a wrapping label then grows a line or two."""
        hint = item.sizeHint()
        width = min(hint.width(), limit)
        height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
        return QSize(width, height)

    def _row_height(self, row: list[QLayoutItem], width: int) -> int:
        return max(self._item_size(item, width).height() for item in row)

    def _place_row(self, row: list[QLayoutItem], left: int, width: int, top: int, height: int) -> None:
        ends = [item for item in row if self._role(item) is Role.END]
        middles = [item for item in row if self._role(item) is Role.MIDDLE]
        starts = [item for item in row if self._role(item) is Role.START]

        def run_width(items: list[QLayoutItem]) -> int:
            return sum(self._item_size(item, width).width() for item in items) + self._spacing * max(0, len(items) - 1)

        if self._align is Align.CENTRE and not ends and not middles:
            x = left + max(0, (width - run_width(starts)) // 2)
        elif self._align is Align.END and not ends and not middles:
            x = left + max(0, width - run_width(starts))
        else:
            x = left
        spare = width - run_width(row)
        growing = [item for item in starts if item.expandingDirections() & Qt.Orientation.Horizontal]
        for item in starts:
            extra = spare // len(growing) if item in growing and spare > 0 else 0
            x = self._place(item, x, top, height, width, extra) + self._spacing
        gap_start = x if starts else left
        end_x = left + width - run_width(ends)
        gap_end = end_x - (self._spacing if ends else 0)
        x = gap_start + max(0, (gap_end - gap_start - run_width(middles)) // 2)
        for item in middles:
            x = self._place(item, x, top, height, width) + self._spacing
        x = end_x
        for item in ends:
            x = self._place(item, max(x, left), top, height, width) + self._spacing

    def _place(self, item: QLayoutItem, x: int, top: int, row_height: int, limit: int, extra: int = 0) -> int:
        """`extra`: width beyond its preferred one, for a control that likes to grow (a wrapping line).

        Worked out left to right; a right-to-left screen (Arabic, Hebrew) gets the mirror image, as
        Qt's own layouts do: the first control at the right, Next (Role.END) at the left."""
        size = self._item_size(item, limit)
        if extra:
            size = QSize(size.width() + extra, item.heightForWidth(size.width() + extra) if item.hasHeightForWidth() else size.height())
        item_height = min(size.height(), row_height)
        rect = QRect(QPoint(x, top + (row_height - item_height) // 2), QSize(size.width(), item_height))
        parent = self.parentWidget()
        direction = parent.layoutDirection() if parent is not None else Qt.LayoutDirection.LeftToRight
        item.setGeometry(_visual_rect(direction, self.contentsRect(), rect))
        return x + size.width()


def _visual_rect(direction: Qt.LayoutDirection, bounding: QRect, rect: QRect) -> QRect:
    """QStyle.visualRect, without loading QStyle (its Python type and enums cost start-up ~7 ms):
    `rect` as it is, or mirrored inside `bounding` for any direction but left to right."""
    if direction == Qt.LayoutDirection.LeftToRight:
        return rect
    return rect.translated(2 * (bounding.right() - rect.right()) + rect.width() - bounding.width(), 0)


def height_needed(layout: QLayout, width: int) -> int:
    """How tall `layout` wants to be at `width`, wrapped text included, measured afresh."""
    _invalidate_all(layout)  # QLayout.invalidate() alone keeps what its sublayouts worked out
    if layout.hasHeightForWidth():
        return layout.totalHeightForWidth(width)
    return layout.totalSizeHint().height()


def _invalidate_all(layout: QLayout) -> None:
    """Forget every cached size below `layout`: its sublayouts, its items, and the layouts inside
    its widgets (a button-like frame whose label wraps keeps its own)."""
    layout.invalidate()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, sublayout = item.widget(), item.layout()
        if sublayout is not None:
            _invalidate_all(sublayout)
        elif widget is not None and (own := widget.layout()) is not None:
            _invalidate_all(own)
            widget.updateGeometry()  # drops the size its layout item remembers for it, now
