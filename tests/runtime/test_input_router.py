"""The input router: one application event filter, its handlers asked in stage order, a taken event ending its way."""

from __future__ import annotations

import random

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.runtime.input_router import Stage, input_router, routing_held

MOUSE = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease})


class Recorder:
    """A handler that writes down what reached it, and takes the event types in `takes`."""

    def __init__(self, name: str, seen: list[tuple[str, QEvent.Type]], kinds: frozenset[QEvent.Type] = MOUSE,
                 takes: frozenset[QEvent.Type] = frozenset()) -> None:
        self.name, self.seen, self.kinds, self.takes = name, seen, kinds, takes

    def handle(self, obj: QObject, event: QEvent) -> bool:
        self.seen.append((self.name, event.type()))
        return event.type() in self.takes


class Target(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.pressed = 0

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.pressed += 1
        event.accept()


@pytest.fixture
def target(qtbot):
    widget = Target()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def routed():
    """Add handlers for one test; they leave the router afterwards."""
    added: list[Recorder] = []

    def add(stage: Stage, handler: Recorder) -> Recorder:
        input_router().add(stage, handler)
        added.append(handler)
        return handler

    yield add
    for handler in added:
        input_router().remove(handler)


def press(widget: QWidget) -> None:
    event = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(5, 5), widget.mapToGlobal(QPointF(5, 5)),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_one_router_per_application(qapp):
    assert input_router() is input_router()
    assert QApplication.instance().findChildren(type(input_router())) == [input_router()]


def test_handlers_are_asked_in_stage_order_whatever_order_they_were_added_in(routed, target):
    seen: list[tuple[str, QEvent.Type]] = []
    stages = list(Stage)
    random.Random(19).shuffle(stages)
    assert stages != sorted(stages)
    for stage in stages:
        routed(stage, Recorder(stage.name, seen))
    press(target)
    assert [name for name, _kind in seen] == [stage.name for stage in sorted(Stage)]
    assert target.pressed == 1, "nobody took the press: the widget gets it"


def test_within_a_stage_the_first_added_is_asked_first(routed, target):
    seen: list[tuple[str, QEvent.Type]] = []
    routed(Stage.IDLE, Recorder("first", seen))
    routed(Stage.IDLE, Recorder("second", seen))
    press(target)
    assert [name for name, _kind in seen] == ["first", "second"]


def test_a_taken_event_reaches_no_later_stage_and_not_the_widget(routed, target):
    seen: list[tuple[str, QEvent.Type]] = []
    routed(Stage.PAGER, Recorder("pager", seen))
    routed(Stage.IDLE, Recorder("idle", seen))
    routed(Stage.LOCKDOWN, Recorder("lockdown", seen, takes=frozenset({QEvent.Type.MouseButtonPress})))
    routed(Stage.SCREEN_WAKE, Recorder("wake", seen))
    press(target)
    assert [name for name, _kind in seen] == ["wake", "lockdown"]
    assert target.pressed == 0


def test_a_handler_sees_only_the_event_types_it_asked_for(routed, target):
    seen: list[tuple[str, QEvent.Type]] = []
    routed(Stage.LOCKDOWN, Recorder("keys", seen, kinds=frozenset({QEvent.Type.KeyPress})))
    press(target)
    target.update()
    QApplication.processEvents()  # a paint, a timer or two
    assert seen == []
    QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
    assert seen == [("keys", QEvent.Type.KeyPress)]


class QtRecorder(QObject):
    """A handler with a Qt object behind it, like the kiosk's own (idle monitor, pager)."""

    kinds = MOUSE

    def __init__(self, seen: list[str]) -> None:
        super().__init__()
        self.seen = seen

    def handle(self, obj: QObject, event: QEvent) -> bool:
        self.seen.append("asked")
        return False


def test_a_handler_whose_qt_object_is_gone_is_no_longer_asked(routed, target):
    seen: list[str] = []
    gone = QtRecorder(seen)
    input_router().add(Stage.IDLE, gone)
    shiboken6.delete(gone)  # its window closed: the C++ object is deleted, the Python one lingers
    press(target)
    assert seen == [] and target.pressed == 1
    input_router().remove(gone)


def test_a_handler_nobody_keeps_drops_out(target):
    seen: list[str] = []
    input_router().add(Stage.IDLE, QtRecorder(seen))  # held weakly, as Qt holds event filters
    press(target)
    assert seen == [] and target.pressed == 1


def test_screens_built_while_routing_is_held_get_input_once_the_block_ends(qapp, target):
    """`kiosk run` builds its screens with the router not yet watching (a Python filter that sees rich
    text being built costs start-up ~15 ms); at the end of the block it is installed, before any input."""
    old = qapp.findChild(type(input_router()), "InputRouter")
    qapp.removeEventFilter(old)  # an earlier test's router: start as a fresh kiosk does, with none
    old.setParent(None)
    old.deleteLater()
    seen: list[tuple[str, QEvent.Type]] = []
    handler = Recorder("idle", seen)
    with routing_held():
        router = input_router()
        router.add(Stage.IDLE, handler)
        assert router is not old and not router.installed
        press(target)
        assert seen == []
    assert router.installed and input_router() is router
    press(target)
    assert seen == [("idle", QEvent.Type.MouseButtonPress)]
    router.remove(handler)
