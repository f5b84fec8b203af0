"""The staff PIN pad: big on-screen digits, because a kiosk has no keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from kiosk.core.pin import MAX_DIGITS
from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme


class PinPad(Overlay):
    """Collects digits and emits `submitted`; the wiring checks them and calls `show_message`."""

    submitted = Signal(str)  # the digits typed

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        metrics = theme.metrics
        self.title = QLabel(objectName="OverlayTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.display = QLabel(objectName="PinDisplay", alignment=Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(objectName="PinMessage", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.digit_buttons: dict[str, TouchButton] = {}
        grid = QGridLayout()
        grid.setSpacing(metrics.px(16))
        size = metrics.px(120)
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit(digit, size), index // 3, index % 3)
        self.clear_button = TouchButton(objectName="PinClear")
        self.ok_button = TouchButton(objectName="NextButton")
        for button in (self.clear_button, self.ok_button):
            button.setFixedSize(size, size)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit("0", size), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        self.cancel_button = TouchButton(objectName="PinCancel")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(grid)
        row.addStretch(1)
        for widget in (self.title, self.display, self.message):
            self.panel_layout.addWidget(widget)
        self.panel_layout.addLayout(row)
        self.panel_layout.addWidget(self.cancel_button)
        self.clear_button.clicked.connect(self.clear)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self._cancel)
        self._digits = ""
        self._strings: Strings | None = None

    def _digit(self, digit: str, size: int) -> TouchButton:
        button = TouchButton(digit, objectName="PinDigit")
        button.setFixedSize(size, size)
        button.clicked.connect(lambda _checked=False, d=digit: self.add_digit(d))
        self.digit_buttons[digit] = button
        return button

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        self.title.setText(strings["pin_title"])
        self.ok_button.setText(strings["pin_ok"])
        self.clear_button.setText(strings["pin_clear"])
        self.cancel_button.setText(strings["cancel"])

    def start(self) -> None:
        self.clear()
        self.show_message(self._strings["pin_prompt"] if self._strings else "")
        self.open()

    def add_digit(self, digit: str) -> None:
        if len(self._digits) < MAX_DIGITS:
            self._digits += digit
            self.display.setText("\u25cf " * len(self._digits))

    def clear(self) -> None:
        self._digits = ""
        self.display.setText(" ")

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def set_enabled_keys(self, enabled: bool) -> None:
        for button in (*self.digit_buttons.values(), self.ok_button, self.clear_button):
            button.setEnabled(enabled)

    def _submit(self) -> None:
        digits = self._digits
        self.clear()
        self.submitted.emit(digits)

    def _cancel(self) -> None:
        self.clear()
        self.hide()
