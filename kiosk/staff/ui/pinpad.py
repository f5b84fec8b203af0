"""The staff PIN pad: big on-screen digits, because a kiosk has no keyboard.

On a landscape screen the keys stand beside the title and message, on a portrait one under them,
so the pad fits a short 800x480 panel as well as a tall floor stand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.pin import MAX_DIGITS
from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.named import named
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme


class PinPad(Overlay):
    """Collects digits and emits `submitted`; the wiring checks them and calls `show_message`."""

    submitted = Signal(str)  # the digits typed

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setObjectName("PinPad")  # staff read it: the patient's text size does not apply
        self.title = named("OverlayTitle", QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.display = named("PinDisplay", QLabel(alignment=Qt.AlignmentFlag.AlignCenter))
        self.message = named("PinMessage", QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.digit_buttons: dict[str, TouchButton] = {}
        self.grid = grid = QGridLayout()
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit(digit), index // 3, index % 3)
        self.clear_button = TouchButton(objectName="PinClear")
        self.ok_button = TouchButton(objectName="NextButton")
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit("0"), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        for key in (*self.digit_buttons.values(), self.clear_button, self.ok_button):
            key.setProperty("key", True)  # the style sheet drops the wide minimum of other buttons
        self.cancel_button = TouchButton(objectName="PinCancel")
        self.words = QVBoxLayout()
        for widget in (self.title, self.display, self.message):
            self.words.addWidget(widget)
        self.words.addStretch(1)
        self.words.addWidget(self.cancel_button)
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.columns.addLayout(self.words)
        self.columns.addLayout(grid)
        self.columns.setAlignment(grid, Qt.AlignmentFlag.AlignCenter)
        self.panel_layout.addLayout(self.columns)
        self.clear_button.clicked.connect(self.clear)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self._cancel)
        self._digits = ""
        self._strings: Strings | None = None
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        metrics = theme.metrics
        self.grid.setSpacing(metrics.px(16))
        self.columns.setSpacing(metrics.px(48))
        self._size_keys()

    def _size_keys(self) -> None:
        """Square keys, all one width: as wide as the widest label (Spanish "Aceptar") needs."""
        size = self.theme.metrics.px(110)
        keys = (*self.digit_buttons.values(), self.clear_button, self.ok_button)
        for key in keys:
            key.setMinimumSize(0, 0)
            key.setMaximumSize(16777215, 16777215)
            key.ensurePolished()
        width = max(size, *(key.sizeHint().width() for key in keys))
        for key in keys:
            key.setFixedSize(width, size)

    def _arrange(self, width: int, height: int) -> None:
        landscape = width > height
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if landscape else QBoxLayout.Direction.TopToBottom)

    def _digit(self, digit: str) -> TouchButton:
        button = TouchButton(digit, objectName="PinDigit")
        button.clicked.connect(lambda _checked=False, d=digit: self.add_digit(d))
        self.digit_buttons[digit] = button
        return button

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        self.read_in(strings.language)
        self.title.setText(strings["pin_title"])
        self.ok_button.setText(strings["pin_ok"])
        self.clear_button.setText(strings["pin_clear"])
        self.cancel_button.setText(strings["cancel"])
        self._size_keys()

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
