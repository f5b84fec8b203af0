"""The bar under every topic card: Back, Start, page dots with '3 of 7', and Next.

On a screen too narrow for one row (portrait, 5:4, the largest text) the page dots and count go on
a row of their own above the buttons, and the buttons wrap if they must. On a landscape screen,
where height is what is short, the dots give way to the count alone before the bar takes a second
row; anywhere, they give way when even a row of their own cannot hold them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPaintEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import FlowLayout, Role
from kiosk.ui.glyphs import glyph_icon
from kiosk.ui.named import named
from kiosk.ui.theme import Theme

# Past this many pages the dots would crowd the bar (and push Next off a small screen): "12 of 30"
# alone then says where the patient is.
MAX_DOTS = 12


class PageDot(QAbstractButton):
    """A dot the width of a fingertip; filled for the page being shown."""

    def __init__(self, index: int, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PageDot")
        self.index = index
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.palette_ = theme.palette
        metrics = theme.metrics
        self._diameter = metrics.px(22)
        self.setFixedSize(metrics.px(40), metrics.target)  # narrower than before so ten dots fit; still about 1 cm at 1080p
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette_
        colour = QColor(palette.accent if self.isChecked() else palette.dot_off)
        painter.setPen(colour)
        painter.setBrush(colour if self.isChecked() else QColor(palette.bar))
        d = self._diameter
        painter.drawEllipse((self.width() - d) // 2, (self.height() - d) // 2, d, d)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor(palette.focus_ring))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))


class NavBar(QWidget):
    """Emits what the patient asked for; the window decides what it means."""

    back_requested = Signal()
    next_requested = Signal()
    home_requested = Signal()
    page_requested = Signal(int)  # index among the dots (0 = first card)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = theme
        self.back = TouchButton(objectName="BackButton")
        self.home = TouchButton(objectName="HomeButton")
        self.next = TouchButton(objectName="NextButton")
        self.count = named("PageCount", QLabel(alignment=Qt.AlignmentFlag.AlignCenter))
        self.position = named("PagePosition", QWidget())  # the dots and "3 of 7", kept together
        self._position_row = position_row = QHBoxLayout(self.position)
        position_row.setContentsMargins(0, 0, 0, 0)
        self.dots_row = QHBoxLayout()
        self.dots_row.setSpacing(0)
        position_row.addLayout(self.dots_row)
        position_row.addWidget(self.count)
        self.dots: list[PageDot] = []
        self.page_count = 0
        self.controls = FlowLayout()
        self.controls.add(self.back)
        self.controls.add(self.home)
        self.controls.add(self.position, Role.MIDDLE)
        self.controls.add(self.next, Role.END)
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self.controls)
        self.back.clicked.connect(self.back_requested)
        self.next.clicked.connect(self.next_requested)
        self.home.clicked.connect(self.home_requested)
        self._strings: Strings | None = None
        self._home_is_grid = False
        self.set_theme(theme)

    def set_home_is_grid(self, on: bool) -> None:
        """In a topic library Home goes back to the topics grid, and says so ("Topics")."""
        if on != self._home_is_grid:
            self._home_is_grid = on
            self._paint_icons()
            if self._strings is not None:
                self.set_strings(self._strings)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        metrics = theme.metrics
        self._paint_icons()
        icon_size = QSize(metrics.px(40), metrics.px(40))
        for button in (self.back, self.home, self.next):
            button.setIconSize(icon_size)
        for dot in self.dots:
            dot.set_theme(theme)
        pad = metrics.px(20)
        self._outer.setContentsMargins(metrics.margin, pad, metrics.margin, pad)
        self.controls.set_spacing(metrics.px(24))
        self._fit_dots()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_dots()

    def _fit_dots(self) -> None:
        """Dots only while they fit (see the module docstring); past MAX_DOTS the count says it alone.

        Worked out from widths, not by showing and measuring: showing them changes the bar's height,
        which resizes the bar and would bring us back here."""
        margins = self._outer.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        count = self.count.sizeHint().width() if not self.count.isHidden() else 0
        spacing = self._position_row.spacing()
        position = sum(dot.width() for dot in self.dots) + (spacing + count if count else 0)
        others = [w for w in self.controls.widgets() if w is not self.position and not w.isHidden()]
        one_row = sum(w.sizeHint().width() for w in others) + position + self.controls.spacing() * len(others)
        window = self.window()
        landscape = window.width() > window.height()
        show = position <= room and (one_row <= room or not landscape)
        for dot in self.dots:
            if dot.isHidden() == show:
                dot.setVisible(show)

    def _paint_icons(self) -> None:
        """Arrows point the reading way: Next's forward, after its word (on a right-to-left screen,
        to the left of it); Back's backward, before its word."""
        palette = self.theme.palette
        size = self.theme.metrics.px(40)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        backward, forward = ("fa5s.arrow-right", "fa5s.arrow-left") if rtl else ("fa5s.arrow-left", "fa5s.arrow-right")
        self.back.setIcon(glyph_icon(backward, palette.accent, size))
        self.home.setIcon(glyph_icon("fa5s.th-large" if self._home_is_grid else "fa5s.home", palette.accent, size))
        self.next.setIcon(glyph_icon(forward, palette.on_accent, size))
        # A button draws its icon before its text in its own direction: Next's runs the other way.
        self.next.setLayoutDirection(Qt.LayoutDirection.LeftToRight if rtl else Qt.LayoutDirection.RightToLeft)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._paint_icons()

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        for button, key in ((self.back, "back"), (self.home, "topics_home" if self._home_is_grid else "home"), (self.next, "next")):
            button.setText(f" {strings[key]} ")  # spaces keep the label clear of its icon
            button.setAccessibleName(strings[key])

    def set_page_count(self, count: int) -> None:
        """`count` dots, one per page after the welcome screen; none past MAX_DOTS."""
        self.page_count = count
        if count > MAX_DOTS:
            count = 0
        while len(self.dots) > count:
            dot = self.dots.pop()
            self.dots_row.removeWidget(dot)
            dot.setParent(None)
            dot.deleteLater()
        while len(self.dots) < count:
            dot = PageDot(len(self.dots), self.theme)
            dot.clicked.connect(lambda _checked=False, i=dot.index: self.page_requested.emit(i))
            self.dots_row.addWidget(dot)
            self.dots.append(dot)
        self._fit_dots()

    def set_position(self, index: int) -> None:
        """Show page `index` (0-based among the dots); "N of M" counts the same pages as the dots."""
        for dot in self.dots:
            dot.setChecked(dot.index == index)
            dot.setAccessibleName(f"{dot.index + 1}")
        self.count.setText(self._strings.page_of(index + 1, self.page_count) if self._strings else "")
        self.next.setVisible(index < self.page_count - 1)
        self._fit_dots()
