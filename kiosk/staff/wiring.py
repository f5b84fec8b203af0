"""The hidden way in for staff: a long press in the corner, the PIN pad, then the staff panel.

The PIN is checked on a worker thread (scrypt takes several frames); the pad shows "Checking" and
takes no keys meanwhile. While the pad is locked it says how long to wait, in the visit's language,
counting down once a second.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.staff.core.info import StaffInfo
from kiosk.staff.core.pin_guard import STATE_FILE, PinGuard, PinResult
from kiosk.core.strings import Strings, english
from kiosk.core.tuning import DEFAULT_TIMING, Timing
from kiosk.staff.runtime.corner import CornerLongPress
from kiosk.staff.runtime.pin_check import PinCheck
from kiosk.ui.dialogs import close_dialogs, open_dialogs
from kiosk.ui.theme import Theme

if TYPE_CHECKING:  # the pad and the panel load when staff first ask for them
    from kiosk.staff.ui.panel import StaffPanel
    from kiosk.staff.ui.pinpad import PinPad

log = logging.getLogger(__name__)


def wait_text(strings: Strings, seconds: int) -> str:
    """"45 seconds", "1 minute", "15 minutes" in the visit's language (minutes rounded up)."""
    if seconds < 60:
        return strings["pin_wait_second"] if seconds == 1 else strings["pin_wait_seconds"].format(n=seconds)
    minutes = math.ceil(seconds / 60)
    return strings["pin_wait_minute"] if minutes == 1 else strings["pin_wait_minutes"].format(n=minutes)


class StaffAccess(QObject):
    """Owns the corner gesture, the PIN check and the two staff overlays of one window."""

    reload_requested = Signal()  # staff pressed Reload content
    exit_requested = Signal()  # staff pressed Exit kiosk
    pin_checked = Signal(object)  # the PinResult of a typed PIN, once the pad shows it
    usage_requested = Signal()  # staff pressed Usage counts

    def __init__(
        self,
        window: QWidget,
        theme: Theme,
        info: Callable[[], StaffInfo],
        timing: Timing = DEFAULT_TIMING,
        state_dir: Path | None = None,  # where the lockout record is kept; None: in memory only
        wall_clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,  # times lockouts while running (wall-clock steps do not)
    ) -> None:
        super().__init__(window)
        self._window = window
        self._theme = theme
        self._info = info
        self._strings = english()
        self._pin_hash: str | None = None
        self.corner = CornerLongPress(window, round(theme.metrics.target * 1.5), hold_ms=timing.hold_ms)
        # No state folder (tests, snapshots): lockouts are kept in memory only.
        self.guard = PinGuard(state_dir / STATE_FILE if state_dir is not None else None, clock=wall_clock, monotonic=monotonic)
        self.checker = PinCheck(self)
        self.checker.finished.connect(self.on_checked)
        self._panel_attempts = ""  # "N wrong PIN attempts since <date>", as of the last good PIN
        self._countdown = QTimer(self, interval=timing.tick_ms)
        self._countdown.timeout.connect(self._show_lock)
        # Built on first use: staff come rarely, and patients should not wait for these at start-up.
        self._pin_pad: PinPad | None = None
        self._panel: StaffPanel | None = None
        self.corner.triggered.connect(self.on_gesture)

    @property
    def pin_pad(self) -> PinPad:
        if self._pin_pad is None:
            from kiosk.staff.ui.pinpad import PinPad

            self._pin_pad = PinPad(self._theme, self._window)
            self._pin_pad.set_strings(self._strings)
            self._pin_pad.submitted.connect(self.on_pin)
        return self._pin_pad

    @property
    def panel(self) -> StaffPanel:
        if self._panel is None:
            from kiosk.staff.ui.panel import StaffPanel

            self._panel = StaffPanel(self._theme, self._window)
            self._panel.set_strings(self._strings)
            self._panel.reload_requested.connect(self.reload_requested)
            self._panel.exit_requested.connect(self.exit_requested)
            self._panel.usage_requested.connect(self.usage_requested)
        return self._panel

    def _built(self) -> list[PinPad | StaffPanel]:
        return [overlay for overlay in (self._pin_pad, self._panel) if overlay is not None]

    def set_theme(self, theme: Theme) -> None:
        """New sizes (the screen changed) or a patient's text size: the corner and both overlays follow."""
        self._theme = theme
        self.corner.size = round(theme.metrics.target * 1.5)
        for overlay in self._built():
            overlay.set_theme(theme)

    def set_pin_hash(self, stored: str | None) -> None:
        self._pin_hash = stored

    @property
    def enabled(self) -> bool:
        """Whether staff exit is on (kiosk.toml has a usable PIN hash)."""
        return bool(self._pin_hash)

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        for overlay in self._built():
            overlay.set_strings(strings)
        if self._pin_pad is not None and self._pin_pad.isVisible() and self.guard.locked_for():
            self._show_lock()

    def is_open(self) -> bool:
        """The PIN pad, the panel or a dialog staff opened from it (a folder chooser) is on screen."""
        return any(overlay.isVisible() for overlay in self._built()) or bool(open_dialogs())

    def close(self) -> None:
        """Everything staff opened, dialogs too: the next patient must never meet a file browser."""
        self._countdown.stop()
        for overlay in self._built():
            overlay.hide()
        close_dialogs()

    def refresh(self) -> None:
        """Show fresh facts (after a reload) if the panel is open."""
        if self._panel is not None and self._panel.isVisible():
            self._panel.set_info(replace(self._info(), pin_attempts=self._panel_attempts))

    def on_gesture(self) -> None:
        self.pin_pad.start()
        if not self._pin_hash:
            self.pin_pad.set_enabled_keys(False)
            self.pin_pad.show_message(self._strings["pin_disabled"])
            log.info("staff exit asked for, but no staff_pin is configured")
        elif self.guard.locked_for():
            self._show_lock()
        else:
            self.pin_pad.set_enabled_keys(True)

    def on_pin(self, pin: str) -> None:
        if self.guard.locked_for():
            self._show_lock()
            self.pin_checked.emit(PinResult.LOCKED)
            return
        if self.checker.busy():
            return
        self.pin_pad.set_enabled_keys(False)
        self.pin_pad.show_message(self._strings["pin_checking"])
        self.checker.start(pin, self._pin_hash)

    def on_checked(self, matched: bool) -> None:
        if not matched:
            result = self.guard.record_wrong()
            if result is PinResult.LOCKED:
                self._show_lock()
            else:
                self.pin_pad.set_enabled_keys(True)
                self.pin_pad.show_message(self._strings["pin_wrong"])
            self.pin_checked.emit(result)
            return
        count, since = self.guard.record_ok()
        self.pin_pad.set_enabled_keys(True)
        if self.pin_pad.isVisible():  # not if the pad was cancelled while the PIN was being checked
            self.pin_pad.hide()
            key = "staff_pin_attempt_one" if count == 1 else "staff_pin_attempts"
            self._panel_attempts = self._strings[key].format(
                count=count, date=datetime.fromtimestamp(since).strftime("%Y-%m-%d %H:%M")
            )
            self.panel.set_info(replace(self._info(), pin_attempts=self._panel_attempts))
            self.panel.open()
        self.pin_checked.emit(PinResult.OK)

    def _show_lock(self) -> None:
        seconds = self.guard.locked_for()
        if self._pin_pad is None or not self._pin_pad.isVisible():
            self._countdown.stop()
            return
        if not seconds:
            self._countdown.stop()
            self._pin_pad.set_enabled_keys(bool(self._pin_hash))
            self._pin_pad.show_message(self._strings["pin_prompt"])
            return
        self._pin_pad.set_enabled_keys(False)
        self._pin_pad.show_message(self._strings["pin_locked"].format(wait=wait_text(self._strings, seconds)))
        if not self._countdown.isActive():
            self._countdown.start()
