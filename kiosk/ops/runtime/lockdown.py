"""Kiosk mode: the window covers the screen and patients cannot leave it, close it, or poke at it.

Alt+Tab and Ctrl+Alt+Del belong to the operating system: on Linux run under a kiosk compositor
(cage) and on Windows under Shell Launcher (see deploy/). This module does what a program can.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCursor, QKeyEvent, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.runtime.input_router import Stage, input_router

log = logging.getLogger(__name__)

_REFUSED_WITH_MODIFIER = {
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
}
_SWALLOWED = {
    QEvent.Type.ContextMenu, QEvent.Type.ToolTip, QEvent.Type.WhatsThis, QEvent.Type.QueryWhatsThis,
    QEvent.Type.StatusTip, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop,
}


def is_escape_key(event: QKeyEvent) -> bool:
    """Esc, Alt+F4, Ctrl+Q and Ctrl+W: the keys people try to leave a program with."""
    key = Qt.Key(event.key())
    if key == Qt.Key.Key_Escape:
        return True
    modifiers = event.modifiers()
    return any(key == k and modifiers & m for k, m in _REFUSED_WITH_MODIFIER)


class Lockdown(QObject):
    kinds = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.Close, *_SWALLOWED})

    def __init__(self, window: QWidget, *, show_cursor: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.show_cursor = show_cursor
        self.engaged = False
        self._screen: QScreen | None = None

    def engage(self) -> None:
        """Frameless, on top, covering the whole screen, with the guards on."""
        self.engaged = True
        self.window.setWindowFlags(
            self.window.windowFlags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        input_router().add(Stage.LOCKDOWN, self)
        if not self.show_cursor:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        self.window.winId()  # creates the native window so its screen can be followed
        handle = self.window.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._follow_screen)
        self._follow_screen(self.window.screen())

    def release(self) -> None:
        """Let the window close (staff exit) and give the cursor back."""
        if not self.engaged:
            return
        self.engaged = False
        if not self.show_cursor:
            QApplication.restoreOverrideCursor()

    def fit_to_screen(self) -> None:
        # WORKAROUND: with no window manager (a plain `xinit` kiosk) showFullScreen() alone leaves a
        # small window, so the geometry is set from the screen as well.
        screen = self._screen or self.window.screen()
        if screen is None:
            return
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()

    def _follow_screen(self, screen: QScreen | None) -> None:
        if self._screen is not None:
            try:
                self._screen.geometryChanged.disconnect(self.fit_to_screen)
            except (RuntimeError, TypeError):
                pass
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self.fit_to_screen)
        self.fit_to_screen()

    def handle(self, watched: QObject, event: QEvent) -> bool:
        if not self.engaged:
            return False
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            if is_escape_key(event):
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()  # an accepted override stops any shortcut bound to the key
                else:
                    log.info("refused a key that would leave the kiosk")
                return True
            return False
        if kind in _SWALLOWED:
            return True
        if kind == QEvent.Type.Close and watched is self.window:
            event.ignore()
            log.info("refused a request to close the kiosk window")
            return True
        return False
