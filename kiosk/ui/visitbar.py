"""The strip along the top of every screen: language buttons and the 'Aa' text size and colour control.

Each language is named in itself ("English", "Español") so a patient finds their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.theme import Theme


class VisitBar(QWidget):
    language_requested = Signal(str)  # language code
    display_requested = Signal()  # the 'Aa' button
    background_tapped = Signal()  # a tap on the bar outside its buttons

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VisitBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        metrics = theme.metrics
        self.language_buttons: dict[str, TouchButton] = {}
        self.languages_row = QHBoxLayout()
        self.languages_row.setSpacing(metrics.px(16))
        self.display = TouchButton(objectName="DisplayButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(metrics.margin, metrics.px(16), metrics.margin, 0)
        layout.setSpacing(metrics.px(16))
        layout.addStretch(1)
        layout.addLayout(self.languages_row)
        layout.addWidget(self.display)
        self.display.clicked.connect(self.display_requested)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.background_tapped.emit()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

    def set_strings(self, strings: Strings) -> None:
        self.display.setText(strings["display_button"])
        self.display.setAccessibleName(strings["display_name"])

    def set_languages(self, languages: list[tuple[str, str]], current: str) -> None:
        """(code, name in that language) for each configured language; hidden with only one."""
        codes = [code for code, _name in languages]
        if list(self.language_buttons) != codes:
            for button in self.language_buttons.values():
                self.languages_row.removeWidget(button)
                button.setParent(None)
                button.deleteLater()
            self.language_buttons = {}
            for code, name in languages:
                button = TouchButton(name, objectName="LanguageButton", checkable=True)
                button.setAccessibleName(name)
                button.clicked.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
                self.languages_row.addWidget(button)
                self.language_buttons[code] = button
        for code, button in self.language_buttons.items():
            button.setChecked(code == current)
            button.setVisible(len(languages) > 1)
