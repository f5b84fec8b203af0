"""Kiosk mode: escape keys, close requests, context menus and tooltips are refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QHelpEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.ops.runtime.lockdown import Lockdown


class Recorder(QLabel):
    def __init__(self) -> None:
        super().__init__("x")
        self.seen: list[str] = []
        self.setToolTip("a tooltip")

    def contextMenuEvent(self, event) -> None:
        self.seen.append("context")

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self.seen.append("tooltip")
        return super().event(event)


@pytest.fixture
def locked(qtbot):
    window = QWidget()
    window.fired = []
    recorder = Recorder()
    QVBoxLayout(window).addWidget(recorder)
    window.recorder = recorder
    for keys in ("Ctrl+Q", "Ctrl+W", "Alt+F4", "Esc"):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.activated.connect(lambda k=keys: window.fired.append(k))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lockdown = Lockdown(window)
    lockdown.engage()
    yield window, lockdown
    lockdown.release()


@pytest.mark.parametrize(
    ("key", "modifier"),
    [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
     (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)],
)
def test_escape_keys_are_refused(locked, qtbot, key, modifier):
    window, _ = locked
    window.activateWindow()
    qtbot.keyClick(window, key, modifier)
    assert window.fired == []
    assert window.isVisible()


def test_other_keys_still_work(locked, qtbot):
    window, _ = locked
    shortcut = QShortcut(QKeySequence("Right"), window)
    hits = []
    shortcut.activated.connect(lambda: hits.append(1))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert hits == [1]


def test_close_requests_are_refused_until_released(locked):
    window, lockdown = locked
    assert window.close() is False
    assert window.isVisible()
    lockdown.release()
    assert window.close() is True


def test_no_context_menu_and_no_tooltip(locked):
    window, _ = locked
    recorder = window.recorder
    QApplication.sendEvent(recorder, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2), recorder.mapToGlobal(QPoint(2, 2))))
    QApplication.sendEvent(recorder, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), recorder.mapToGlobal(QPoint(2, 2))))
    assert recorder.seen == []


def test_cursor_hidden_and_window_frameless_on_top_covering_the_screen(locked):
    window, lockdown = locked
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.geometry() == window.screen().geometry()
    lockdown.release()
    assert QApplication.overrideCursor() is None


def test_cursor_can_be_kept_for_mouse_kiosks(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    lockdown = Lockdown(window, show_cursor=True)
    lockdown.engage()
    assert QApplication.overrideCursor() is None
    assert window.geometry() == window.screen().geometry()
    # Someone else's cursor (a busy cursor, say) survives: release pops only what engage pushed.
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        lockdown.release()
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
    finally:
        QApplication.restoreOverrideCursor()
