"""The hidden way in for staff: a long press in the corner, the PIN pad, then the staff panel."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.runtime.gestures import DEFAULT_HOLD_MS, CornerLongPress
from kiosk.core.pin import PinGuard, PinResult
from kiosk.core.strings import Strings, english
from kiosk.ui.overlays.pinpad import PinPad
from kiosk.ui.overlays.staff_panel import StaffInfo, StaffPanel
from kiosk.ui.theme import Theme

log = logging.getLogger(__name__)


class StaffAccess(QObject):
    """Owns the corner gesture, the PIN check and the two staff overlays of one window."""

    reload_requested = Signal()  # staff pressed Reload content
    exit_requested = Signal()  # staff pressed Exit kiosk

    def __init__(
        self,
        window: QWidget,
        theme: Theme,
        info: Callable[[], StaffInfo],
        *,
        hold_ms: int = DEFAULT_HOLD_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._theme = theme
        self._info = info
        self._strings = english()
        self.corner = CornerLongPress(window, round(theme.metrics.target * 1.5), hold_ms=hold_ms)
        self.guard = PinGuard(None, clock=clock)
        # Built on first use: staff come rarely, and patients should not wait for these at start-up.
        self._pin_pad: PinPad | None = None
        self._panel: StaffPanel | None = None
        self.corner.triggered.connect(self.on_gesture)

    @property
    def pin_pad(self) -> PinPad:
        if self._pin_pad is None:
            self._pin_pad = PinPad(self._theme, self._window)
            self._pin_pad.set_strings(self._strings)
            self._pin_pad.submitted.connect(self.on_pin)
        return self._pin_pad

    @property
    def panel(self) -> StaffPanel:
        if self._panel is None:
            self._panel = StaffPanel(self._theme, self._window)
            self._panel.set_strings(self._strings)
            self._panel.reload_requested.connect(self.reload_requested)
            self._panel.exit_requested.connect(self.exit_requested)
        return self._panel

    def _built(self) -> list[PinPad | StaffPanel]:
        return [overlay for overlay in (self._pin_pad, self._panel) if overlay is not None]

    def set_theme(self, theme: Theme) -> None:
        """New sizes (the screen changed) or a patient's text size: the corner and both overlays follow."""
        self._theme = theme
        self.corner.size = round(theme.metrics.target * 1.5)
        for overlay in self._built():
            overlay.set_theme(theme)

    def set_pin_hash(self, sha256: str | None) -> None:
        self.guard.expected = sha256

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        for overlay in self._built():
            overlay.set_strings(strings)

    def is_open(self) -> bool:
        return any(overlay.isVisible() for overlay in self._built())

    def close(self) -> None:
        for overlay in self._built():
            overlay.hide()

    def refresh(self) -> None:
        """Show fresh facts (after a reload) if the panel is open."""
        if self._panel is not None and self._panel.isVisible():
            self._panel.set_info(self._info())

    def on_gesture(self) -> None:
        self.pin_pad.start()
        enabled = self.guard.enabled
        self.pin_pad.set_enabled_keys(enabled)
        if not enabled:
            self.pin_pad.show_message(self._strings["pin_disabled"])
            log.info("staff exit asked for, but no staff_pin_sha256 is configured")

    def on_pin(self, pin: str) -> None:
        result = self.guard.check(pin)
        if result is PinResult.OK:
            log.info("staff PIN accepted")
            self.pin_pad.hide()
            self.panel.set_info(self._info())
            self.panel.open()
        elif result is PinResult.WRONG:
            log.warning("wrong staff PIN")
            self.pin_pad.show_message(self._strings["pin_wrong"])
        else:
            log.warning("staff PIN pad locked after too many wrong PINs")
            self.pin_pad.show_message(self._strings["pin_locked"].format(seconds=self.guard.locked_for()))
