"""The kiosk's input stages on the real kiosk, with real mouse, touch and key events.

Each part that looks at input is built here in the order that, with one application event filter
each, would have put it last (Qt asks the newest filter first): the router's stages must win anyway.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers.gestures import mouse_drag, touch_drag, touch_tap
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.tuning import Timing
from kiosk.ops.runtime.lockdown import Lockdown
from kiosk.ops.runtime.screen_schedule import ScreenSchedule
from kiosk.runtime.input_router import Stage, input_router

INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.KeyPress,
})


class Witness:
    """Sits at a stage and writes down every input event that gets that far (it takes none)."""

    kinds = INPUT

    def __init__(self) -> None:
        self.seen: list[QEvent.Type] = []

    def handle(self, obj: QObject, event: QEvent) -> bool:
        self.seen.append(event.type())
        return False


@pytest.fixture
def witnesses():
    """A witness just after the idle monitor's stage and one after the pager's, so they see what those see."""
    idle, pager = Witness(), Witness()
    input_router().add(Stage.IDLE, idle)  # after the kiosk's own IDLE handler, which is added first
    input_router().add(Stage.PAGER, pager)
    yield idle, pager
    input_router().remove(idle)
    input_router().remove(pager)


class Dark:
    def __init__(self) -> None:
        self.calls: list[bool] = []

    def set_on(self, on: bool) -> str:
        self.calls.append(on)
        return "fake display"


@pytest.fixture
def dark_first(make_kiosk):
    """A dark screen whose schedule was built before the kiosk (so before its idle monitor and pager)."""
    power = Dark()
    schedule = ScreenSchedule(power, now=lambda: datetime(2026, 12, 1, 22, 0), check_ms=60_000, wake_ms=60_000)
    schedule.set_hours("20:00", "07:00")
    kiosk = make_kiosk(timing=Timing(animation_ms=0))
    kiosk.window.go_to(2)
    yield kiosk, schedule, power
    schedule.stop()


def swipe_left(window) -> None:
    y = window.height() // 2
    touch_drag(window, QPoint(window.width() * 3 // 4, y), QPoint(window.width() // 8, y))


def test_a_touch_that_wakes_the_screen_reaches_neither_idle_nor_the_pager(dark_first, witnesses):
    kiosk, schedule, power = dark_first
    idle, pager = witnesses
    assert schedule.asleep
    swipe_left(kiosk.window)
    assert power.calls == [False, True] and not schedule.asleep
    assert idle.seen == [] and pager.seen == [], "the waking swipe is the schedule's alone"
    assert kiosk.window.current_index() == 2, "and it turned no page"
    swipe_left(kiosk.window)
    assert QEvent.Type.MouseButtonRelease in idle.seen or QEvent.Type.TouchEnd in idle.seen
    assert kiosk.window.current_index() == 3, "the next swipe, on a lit screen, turns the page"


def test_a_mouse_press_that_wakes_the_screen_does_not_restart_the_idle_countdown(dark_first, witnesses):
    kiosk, schedule, _ = dark_first
    idle, _pager = witnesses
    kiosk.idle.is_idle = True  # as after the idle timeout
    activity: list[bool] = []
    kiosk.idle.activity.connect(lambda: activity.append(True))
    y = kiosk.window.height() // 2
    mouse_drag(kiosk.window, QPoint(100, y), QPoint(400, y))
    assert not schedule.asleep and activity == [] and idle.seen == []
    assert kiosk.window.current_index() == 2


def test_an_escape_key_the_lockdown_refuses_is_not_a_patient_using_the_kiosk(make_kiosk, witnesses):
    kiosk = make_kiosk()
    lockdown = Lockdown(kiosk.window, show_cursor=True)
    lockdown.engage()
    try:
        idle, _pager = witnesses
        QApplication.sendEvent(kiosk.window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
        assert idle.seen == []
        QApplication.sendEvent(kiosk.window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier))
        assert idle.seen == [QEvent.Type.KeyPress]
    finally:
        lockdown.release()


def _mouse(kind: QEvent.Type, window, point: QPoint, buttons: Qt.MouseButton) -> None:
    target = window.childAt(point) or window
    event = QMouseEvent(kind, target.mapFrom(window, point).toPointF(), window.mapToGlobal(point).toPointF(),
                        Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)


def test_the_release_that_ends_the_staff_long_press_reaches_neither_idle_nor_the_pager(make_kiosk, qtbot, witnesses):
    kiosk = make_kiosk(timing=Timing(animation_ms=0, hold_ms=50))
    idle, pager = witnesses
    corner = QPoint(10, 10)
    _mouse(QEvent.Type.MouseButtonPress, kiosk.window, corner, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(kiosk.staff.pin_pad.isVisible, timeout=2000)
    del idle.seen[:], pager.seen[:]
    _mouse(QEvent.Type.MouseButtonRelease, kiosk.window, corner, Qt.MouseButton.NoButton)
    assert idle.seen == [] and pager.seen == []
    assert kiosk.staff.pin_pad.isVisible()


def test_a_touch_on_a_lit_screen_goes_through_every_stage(make_kiosk, witnesses):
    kiosk = make_kiosk()
    idle, pager = witnesses
    touch_tap(kiosk.window, kiosk.window.rect().center())
    assert idle.seen and idle.seen == pager.seen
    assert kiosk.window.current_index() == 1, "Touch to start started the visit"
