"""The bar under every topic card: Back, Start, page dots with '3 of 7', and Next."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.glyphs import glyph_icon
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
        self.palette_ = theme.palette
        metrics = theme.metrics
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._diameter = metrics.px(22)
        self.setFixedSize(metrics.px(40), metrics.target)  # narrower than before so ten dots fit; still about 1 cm at 1080p

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.size()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
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
        metrics = theme.metrics
        icon_size = QSize(metrics.px(40), metrics.px(40))
        self.back = TouchButton(objectName="BackButton")
        self.home = TouchButton(objectName="HomeButton")
        self.next = TouchButton(objectName="NextButton")
        self.next.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._paint_icons()
        for button in (self.back, self.home, self.next):
            button.setIconSize(icon_size)
        self.count = QLabel(objectName="PageCount", alignment=Qt.AlignmentFlag.AlignCenter)
        self.dots_row = QHBoxLayout()
        self.dots_row.setSpacing(0)
        self.dots: list[PageDot] = []
        self.page_count = 0

        layout = QHBoxLayout(self)
        pad = metrics.px(20)
        layout.setContentsMargins(metrics.margin, pad, metrics.margin, pad)
        layout.setSpacing(metrics.px(24))
        layout.addWidget(self.back)
        layout.addWidget(self.home)
        layout.addStretch(1)
        layout.addLayout(self.dots_row)
        layout.addWidget(self.count)
        layout.addStretch(1)
        layout.addWidget(self.next)
        self.back.clicked.connect(self.back_requested)
        self.next.clicked.connect(self.next_requested)
        self.home.clicked.connect(self.home_requested)
        self._strings: Strings | None = None

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._paint_icons()
        for dot in self.dots:
            dot.palette_ = theme.palette
            dot.update()

    def _paint_icons(self) -> None:
        palette = self.theme.palette
        size = self.theme.metrics.px(40)
        self.back.setIcon(glyph_icon("fa5s.arrow-left", palette.accent, size))
        self.home.setIcon(glyph_icon("fa5s.home", palette.accent, size))
        self.next.setIcon(glyph_icon("fa5s.arrow-right", palette.on_accent, size))

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        for button, key in ((self.back, "back"), (self.home, "home"), (self.next, "next")):
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

    def set_position(self, index: int) -> None:
        """Show page `index` (0-based among the dots); "N of M" counts the same pages as the dots."""
        for dot in self.dots:
            dot.setChecked(dot.index == index)
            dot.setAccessibleName(f"{dot.index + 1}")
        self.count.setText(self._strings.page_of(index + 1, self.page_count) if self._strings else "")
        self.next.setVisible(index < self.page_count - 1)
