"""The kiosk's one top-level window: the swipe pager above the navigation bar, plus keyboard keys.

The window is always exactly the size it is given (the screen, in kiosk mode): its contents never
force it wider or taller. When that size changes (a screen rotated or swapped at run time, a window
resized) it says so once the resizing settles, so the wiring can size text and buttons afresh.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QLayout, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.core.visit import Screen, Screens
from kiosk.ui.flow import Align, FlowLayout
from kiosk.ui.navbar import NavBar
from kiosk.ui.pager import DEFAULT_ANIMATION_MS, PageSource, SwipePager
from kiosk.ui.slots import SlotWidget, as_widget
from kiosk.ui.theme import Metrics, Theme
from kiosk.ui.visitbar import VisitBar


class KioskWindow(QWidget):
    """The pages of `Screens` (welcome, the topics grid in a library, the cards, contact) in the pager,
    with the bars around them."""

    size_settled = Signal(object)  # Metrics for the window's new size, once a burst of resizes is over

    def __init__(self, theme: Theme, *, animation_ms: int = DEFAULT_ANIMATION_MS) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle("Patient information")
        self.visit_bar = VisitBar(theme, self)
        self.pager = SwipePager(self, animation_ms=animation_ms)
        self.navbar = NavBar(theme, self)
        self.screens = Screens()
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._resize_settle = QTimer(self, singleShot=True, interval=0)
        self._resize_settle.timeout.connect(lambda: self.size_settled.emit(Metrics.for_size(self.width(), self.height())))
        # The top-row slot: features' controls (Listen) beside the language and text-size buttons,
        # the patient's own controls; above them when one row cannot hold both (kiosk/ui/flow.py).
        self._top = top = FlowLayout(align=Align.END)
        self._top_widgets: list[SlotWidget] = []
        top.add(self.visit_bar)
        layout.addLayout(top)
        layout.addWidget(self.pager, 1)
        layout.addWidget(self.navbar)
        self.navbar.hide()

        self.navbar.back_requested.connect(self.pager.previous)
        self.navbar.next_requested.connect(self.pager.next)
        self.navbar.home_requested.connect(self.go_home)
        self.navbar.page_requested.connect(lambda dot: self.pager.go_to(self.screens.page_of_dot(dot)))
        self.pager.current_changed.connect(self._sync_navbar)
        # On the welcome screen a touch anywhere starts, the strip above it included.
        self.visit_bar.background_tapped.connect(lambda: self.start() if self.current_index() == 0 else None)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def add_top(self, widget: SlotWidget) -> None:
        """The top-row slot: a feature's control before the visit's own buttons, kept in the
        visit's language and look (the window calls its set_strings and set_theme)."""
        self._top_widgets.append(widget)
        self._top.insert(self._top.index_of(self.visit_bar), as_widget(widget))

    def set_strings(self, strings: Strings) -> None:
        self.navbar.set_strings(strings)
        self.visit_bar.set_strings(strings)
        for widget in self._top_widgets:
            widget.set_strings(strings)
        self._sync_navbar()

    def set_theme(self, theme: Theme) -> None:
        self.navbar.set_theme(theme)
        for widget in self._top_widgets:
            widget.set_theme(theme)
        self.visit_bar.set_theme(theme)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._resize_settle.start()

    def set_pages(self, pages: Sequence[PageSource], screens: Screens, current: int = 0) -> None:
        """One widget per screen of `screens`, in order; shows page `current`."""
        assert len(pages) == screens.count
        self.screens = screens
        self.navbar.set_home_is_grid(screens.grid)
        self.navbar.set_page_count(screens.dot_count)
        self.pager.set_pages(pages, current)
        self._sync_navbar()

    def current_index(self) -> int:
        return self.pager.current_index()

    def current_screen(self) -> Screen:
        return self.screens.at(min(self.current_index(), self.screens.count - 1))

    def start(self) -> None:
        """From the welcome screen to the topics grid or the first card ("Touch to start")."""
        self.go_to(self.screens.first)

    def go_to(self, index: int, *, animate: bool = True) -> None:
        if not 0 <= index < self.pager.count():
            return
        if self.screens.dot_of(index) is not None:
            self.navbar.show()
        self.pager.go_to(index, animate=animate)

    def go_home(self) -> None:
        """Home: the topics grid in a library, else the welcome screen."""
        self.go_to(self.screens.home)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """The top strip beside its buttons belongs to the window: on the welcome screen it starts too."""
        if event.button() == Qt.MouseButton.LeftButton and self.current_index() == 0:
            self.start()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Keys that children leave unhandled arrive here: arrows turn pages (the arrow pointing the
        reading way goes forward: Left on a right-to-left screen), Home goes to the start."""
        key = event.key()
        forward, back = (Qt.Key.Key_Left, Qt.Key.Key_Right) if self.layoutDirection() == Qt.LayoutDirection.RightToLeft \
            else (Qt.Key.Key_Right, Qt.Key.Key_Left)
        if key == forward:
            self.go_to(self.pager.current_index() + 1)
        elif key == back:
            self.go_to(self.pager.current_index() - 1)
        elif key == Qt.Key.Key_Home:
            self.go_home()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focused := self.focusWidget(), QAbstractButton):
            focused.animateClick()  # Enter presses the focused button, as Space does
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.pager.current_index() == 0:
            self.start()
        else:
            super().keyPressEvent(event)

    def _sync_navbar(self) -> None:
        index = self.pager.current_index()
        dot = self.screens.dot_of(index)
        self.navbar.setVisible(dot is not None and self.pager.count() > 1)
        if dot is not None:
            self.navbar.set_position(dot)
