"""A row of full-screen pages that follows the finger: drag, flick or tap buttons to move one page.
On a right-to-left screen the row runs the other way (see `_forward`).

Qt's QSwipeGesture needs three fingers, so the pager reads mouse events itself, as the last stage of
the application's input router (kiosk/runtime/input_router.py): touchscreens deliver either real
mouse events or mouse events that Qt synthesises from unhandled touches, and both arrive here. Taps pass through to the widget under
the finger; once a drag is recognised it belongs to the pager (horizontal: change page) or to the
scroll area under the finger (vertical: scroll the card), and the widget that saw the press never
sees a click.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from enum import Enum, auto

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPointF,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QWidget,
)

from kiosk.ui.drag_track import DragTrack
from kiosk.ui.lazy_pages import LazyPages, PageSource

from kiosk.core.tuning import DEFAULT_TIMING, PREPARE_NEIGHBOURS_MS, TAP_SLOP_MIN_PX, TAP_SLOP_SHARE
from kiosk.runtime.input_router import Stage, input_router

DEFAULT_ANIMATION_MS = DEFAULT_TIMING.animation_ms
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)  # a quick second tap is a "double click"
SWIPE_FRACTION = 0.25  # dragged past a quarter of the width: change page
FLICK_MIN_FRACTION = 0.06  # a fast flick still has to travel this far
FLICK_SPEED = 0.5  # px per ms
EDGE_RESISTANCE = 0.3  # how far the first/last page follows a drag past the end


class _Drag(Enum):
    NONE = auto()
    PRESSED = auto()
    HORIZONTAL = auto()
    VERTICAL = auto()


class SwipePager(QWidget):
    """Shows one page at a time; changes page by drag, flick, or `go_to`."""

    current_changed = Signal(int)  # index of the page now shown, after any animation
    kinds = frozenset({*_PRESSES, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease})

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        animation_ms: int = DEFAULT_ANIMATION_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SwipePager")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.animation_ms = animation_ms
        self._clock = clock
        self._pages = LazyPages(self)
        self._current = 0
        self._offset = 0.0
        self._target: int | None = None
        self._drag = _Drag.NONE
        self._press_pos = QPointF()
        self._pressed_widget: QWidget | None = None
        self._scroll_area: QAbstractScrollArea | None = None
        self._scroll_start = 0
        self._track = DragTrack()
        self._animation = QVariantAnimation(self)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._on_animation_value)
        self._animation.finished.connect(self._on_animation_finished)
        # A moment after the page settles: its own first frames come first (and snapshots never pay).
        self._prepare_timer = QTimer(self, singleShot=True)
        self._prepare_timer.timeout.connect(self._prepare_neighbours)
        input_router().add(Stage.PAGER, self)

    # --- pages -------------------------------------------------------------------------------

    def set_pages(self, pages: Sequence[PageSource], current: int = 0) -> None:
        """Show `pages`: widgets, or callables that build one when first needed (see lazy_pages); those no
        longer listed are hidden. The ones beside the page shown are prepared soon after, while nothing moves."""
        self._stop_animation()
        self._pages.replace(pages)
        self._current = max(0, min(current, len(self._pages) - 1))
        self._offset = 0.0
        self._layout()
        self._prepare_soon()

    def page(self, index: int) -> QWidget:
        """Page `index`, built now if it was not yet."""
        return self._pages.get(index)

    def is_built(self, index: int) -> bool:
        return self._pages.is_built(index)

    def pages(self) -> list[QWidget]:
        return self._pages.all()  # building those not built yet

    def count(self) -> int:
        return len(self._pages)

    def current_index(self) -> int:
        return self._current

    def current_page(self) -> QWidget | None:
        return self._pages.get(self._current) if len(self._pages) else None

    def _prepare_soon(self, *, fresh: bool = True, delay_ms: int = PREPARE_NEIGHBOURS_MS) -> None:
        if fresh:
            self._pages.forget_prepared()
        if len(self._pages):
            self._prepare_timer.start(delay_ms)

    def _prepare_neighbours(self) -> None:
        """One step per turn of the event loop, so a touch waits at most for one of them."""
        if self._drag is not _Drag.NONE or self.is_animating():
            self._prepare_soon(fresh=False)  # never in the middle of a gesture: again once it is over
        elif self._pages.prepare_step((self._current + 1, self._current - 1), self.size()):
            self._prepare_soon(fresh=False, delay_ms=0)

    def is_animating(self) -> bool:
        return self._target is not None or self._animation.state() == QVariantAnimation.State.Running

    def go_to(self, index: int, *, animate: bool = True) -> None:
        if not self._pages or not 0 <= index < len(self._pages) or index == self._current:
            return
        self._stop_animation()
        self._target = index
        end = -self.width() if index > self._current else self.width()
        self._animate(self._offset, end, animate)

    def next(self) -> None:
        self.go_to(self._current + 1)

    def previous(self) -> None:
        self.go_to(self._current - 1)

    # --- geometry ----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._layout()
        self._prepare_soon()

    def _forward(self) -> float:
        """1 where pages run left to right; -1 on a right-to-left screen (Arabic, Hebrew), where the
        next page comes in from the left and the forward swipe goes to the right. Offsets and drags
        are worked out along the reading direction and mirrored only where they meet the screen."""
        return -1.0 if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else 1.0

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._layout()

    def _layout(self) -> None:
        if not len(self._pages):
            return  # no page yet: a resize or a mirroring before the content arrives (Arabic first)
        width, height = self.width(), self.height()
        shown: dict[int, float] = {self._current: self._offset}
        if self._target is not None:
            shown[self._target] = self._offset + (width if self._target > self._current else -width)
        elif self._offset < 0 and self._current + 1 < len(self._pages):
            shown[self._current + 1] = self._offset + width
        elif self._offset > 0 and self._current > 0:
            shown[self._current - 1] = self._offset - width
        self._pages.hide_unless(set(shown))
        for index, x in shown.items():
            page = self._pages.get(index)
            page.setGeometry(round(x * self._forward()), 0, width, height)
            page.show()

    # --- animation ---------------------------------------------------------------------------

    def _animate(self, start: float, end: float, animate: bool) -> None:
        if not animate or self.animation_ms <= 0 or self.width() <= 0:
            self._offset = end
            self._on_animation_finished()
            return
        self._animation.setDuration(self.animation_ms)
        self._animation.setStartValue(float(start))
        self._animation.setEndValue(float(end))
        self._animation.start()
        # The first step now, not a timer tick later: a released finger sees the page move at once.
        self._animation.setCurrentTime(min(16, self.animation_ms // 2))

    def _stop_animation(self) -> None:
        if self._animation.state() == QVariantAnimation.State.Running:
            self._animation.stop()
            self._on_animation_finished()

    def _on_animation_value(self, value: float) -> None:
        self._offset = float(value)
        self._layout()

    def _on_animation_finished(self) -> None:
        target, self._target = self._target, None
        if target is not None:
            self._current = target
        self._offset = 0.0
        self._layout()
        if target is not None:
            self._prepare_soon()
            self.current_changed.emit(self._current)

    # --- input -------------------------------------------------------------------------------

    def handle(self, watched: QObject, event: QEvent) -> bool:
        """Presses, moves and releases over the pager, after every earlier stage let them through."""
        kind = event.type()
        if not isinstance(watched, QWidget) or not (watched is self or self.isAncestorOf(watched)) or not self.isVisible():
            return False
        assert isinstance(event, QMouseEvent)
        if kind in _PRESSES:
            return self._on_press(watched, event)
        if kind == QEvent.Type.MouseMove:
            return self._on_move(event)
        return self._on_release()

    def _on_press(self, widget: QWidget, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.globalPosition()
        if self._drag is _Drag.PRESSED and pos == self._press_pos:
            return False  # the same press, propagating to a parent widget
        if self.is_animating():
            return True
        self._drag = _Drag.PRESSED
        self._press_pos = pos
        self._pressed_widget = widget
        self._scroll_area = self._scroll_area_at(widget)
        self._track.start(self._clock(), pos.x() * self._forward())
        return False

    def _on_move(self, event: QMouseEvent) -> bool:
        if self._drag is _Drag.NONE:
            return False
        pos = event.globalPosition()
        dx, dy = (pos.x() - self._press_pos.x()) * self._forward(), pos.y() - self._press_pos.y()
        self._track.add(self._clock(), pos.x() * self._forward())
        if self._drag is _Drag.PRESSED:
            slop = max(TAP_SLOP_MIN_PX, self.width() * TAP_SLOP_SHARE)
            if max(abs(dx), abs(dy)) < slop:
                return False
            self._drag = _Drag.HORIZONTAL if abs(dx) > abs(dy) else _Drag.VERTICAL
            self._cancel_press()
            if self._scroll_area is not None:
                self._scroll_start = self._scroll_area.verticalScrollBar().value()
        if self._drag is _Drag.HORIZONTAL:
            self._offset = self._resisted(dx)
            self._layout()
        elif self._scroll_area is not None:
            self._scroll_area.verticalScrollBar().setValue(round(self._scroll_start - dy))
        return True

    def _on_release(self) -> bool:
        drag, self._drag = self._drag, _Drag.NONE
        self._pressed_widget = None
        if drag is _Drag.HORIZONTAL:
            self._settle()
            return True
        return drag is _Drag.VERTICAL

    def _resisted(self, dx: float) -> float:
        at_start = dx > 0 and self._current == 0
        at_end = dx < 0 and self._current >= len(self._pages) - 1
        return dx * EDGE_RESISTANCE if at_start or at_end else dx

    def _settle(self) -> None:
        width = max(1, self.width())
        velocity = self._track.velocity()
        flick = abs(velocity) >= FLICK_SPEED and abs(self._offset) >= width * FLICK_MIN_FRACTION
        far = abs(self._offset) >= width * SWIPE_FRACTION
        step = 0
        if far or flick:
            step = 1 if self._offset < 0 else -1
            if flick and not far and (velocity < 0) != (self._offset < 0):
                step = 0  # flicked back towards where it started
        target = self._current + step
        if step and 0 <= target < len(self._pages):
            self._target = target
            self._animate(self._offset, -width if step > 0 else width, True)
        else:
            self._animate(self._offset, 0.0, True)

    def _cancel_press(self) -> None:
        """The press turned into a drag: the button under the finger must not click."""
        widget = self._pressed_widget
        while widget is not None and widget is not self:
            if isinstance(widget, QAbstractButton):
                widget.setDown(False)
                break
            widget = widget.parentWidget()

    def _scroll_area_at(self, widget: QWidget | None) -> QAbstractScrollArea | None:
        while widget is not None and widget is not self:
            if isinstance(widget, QAbstractScrollArea):
                return widget
            widget = widget.parentWidget()
        return None
