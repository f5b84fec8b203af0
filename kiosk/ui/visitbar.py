"""The strip along the top of every screen: language buttons and the 'Aa' text size and colour control.

Each language is named in itself ("English", "Español") so a patient finds their own, and the one
on screen always shows as chosen: tapping it again keeps it chosen. The buttons sit at the right
and wrap onto a second row when a narrow screen cannot hold them in one. With more than
MAX_LANGUAGE_BUTTONS languages they would crowd the strip: one button, the language on screen with a
globe, opens a grid of them all instead (kiosk.ui.overlays.language_picker).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QButtonGroup, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import Align, FlowLayout
from kiosk.ui.glyphs import glyph_icon
from kiosk.ui.theme import Theme

MAX_LANGUAGE_BUTTONS = 3
GLOBE = "fa5s.globe"


class VisitBar(QWidget):
    language_requested = Signal(str)  # language code
    picker_requested = Signal()  # the globe button, with more languages than buttons
    display_requested = Signal()  # the 'Aa' button
    background_tapped = Signal()  # a tap on the bar outside its buttons

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VisitBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.language_buttons: dict[str, TouchButton] = {}
        # Exclusive: a tap on the language already chosen leaves it chosen instead of clearing it.
        self._language_group = QButtonGroup(self)
        self._language_group.setExclusive(True)
        self.display = TouchButton(objectName="DisplayButton")
        self.picker = TouchButton(objectName="LanguagePickerButton")
        self.picker.hide()
        self.picker.clicked.connect(self.picker_requested)
        self._language_word = ""
        self.buttons = FlowLayout(align=Align.END)
        self.buttons.add(self.picker)
        self.buttons.add(self.display)
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self.buttons)
        self.display.clicked.connect(self.display_requested)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        metrics = theme.metrics
        size = metrics.px(40, scaled_text=True)
        self.picker.setIcon(glyph_icon(GLOBE, theme.palette.accent, size))
        self.picker.setIconSize(QSize(size, size))
        self._outer.setContentsMargins(metrics.margin, metrics.px(16), metrics.margin, 0)
        self.buttons.set_spacing(metrics.px(16))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.background_tapped.emit()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        event.accept()

    def set_strings(self, strings: Strings) -> None:
        self.display.setText(strings["display_button"])
        self.display.setAccessibleName(strings["display_name"])
        self._language_word = strings["language_switch"]
        self.picker.setAccessibleName(f"{self.picker.text().strip()}: {self._language_word}")

    def set_languages(self, languages: list[tuple[str, str]], current: str) -> None:
        """(code, name in that language) for each configured language: a button each, or with more
        than MAX_LANGUAGE_BUTTONS the globe button; none with only one."""
        many = len(languages) > MAX_LANGUAGE_BUTTONS
        name = dict(languages).get(current, current)
        self.picker.setText(f" {name} ")  # spaces keep the name clear of the globe
        self.picker.setAccessibleName(f"{name}: {self._language_word}" if self._language_word else name)
        self.picker.setVisible(many)
        codes = [code for code, _name in languages]
        if list(self.language_buttons) != codes:
            for button in self.language_buttons.values():
                self._language_group.removeButton(button)
                self.buttons.removeWidget(button)
                button.setParent(None)
                button.deleteLater()
            self.language_buttons = {}
            for index, (code, own_name) in enumerate(languages):
                button = TouchButton(own_name, objectName="LanguageButton", checkable=True)
                button.setAccessibleName(own_name)
                button.clicked.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
                self._language_group.addButton(button)
                self.buttons.insert(index, button)
                self.language_buttons[code] = button
        if current in self.language_buttons:
            self.language_buttons[current].setChecked(True)  # the group unchecks the others
        for button in self.language_buttons.values():
            button.setVisible(1 < len(languages) <= MAX_LANGUAGE_BUTTONS)
