"""The language grid: every language of the kiosk, each written in itself, for kiosks with many.

With more languages than fit as buttons in the top strip (kiosk.ui.visitbar), one button there
shows the language on screen with a globe, and opens this grid. Each language is named in its own
script ("中文", "العربية", "አማርኛ"), so a patient who reads no English finds theirs at a glance;
the one on screen shows as chosen. A choice closes the grid, as does a tap beside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.named import named
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme

MIN_BUTTON_AT_1080 = 300  # about 7 cm on a 24" panel: the longest names ("Kreyòl ayisyen") fit in one line


class LanguagePicker(Overlay):
    language_requested = Signal(str)  # a language code

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent, opacity=120)
        self.title = named("OverlayTitle", QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.grid = QGridLayout()
        self.buttons: dict[str, TouchButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.close_button = TouchButton(objectName="DoneButton")
        self.close_button.clicked.connect(self.hide)
        self.panel_layout.addWidget(self.title)
        self.panel_layout.addLayout(self.grid)
        self.panel_layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._columns = 0
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        spacing = theme.metrics.px(20)
        self.grid.setHorizontalSpacing(spacing)
        self.grid.setVerticalSpacing(spacing)
        super().set_theme(theme)

    def set_strings(self, strings: Strings) -> None:
        self.title.setText(strings["language_switch"])
        self.close_button.setText(strings["cancel"])

    def set_languages(self, languages: list[tuple[str, str]], current: str) -> None:
        """(code, name in that language) for each language, in kiosk.toml's order; `current` chosen."""
        if [(code, button.text()) for code, button in self.buttons.items()] != languages:
            for button in self.buttons.values():
                self._group.removeButton(button)
                self.grid.removeWidget(button)
                button.setParent(None)
                button.deleteLater()
            self.buttons = {}
            for code, name in languages:
                button = TouchButton(name, objectName="LanguageButton", checkable=True)
                button.setProperty("lang", code)
                button.clicked.connect(lambda _checked=False, c=code: self._choose(c))
                self._group.addButton(button)
                self.buttons[code] = button
            self._columns = 0
            self._fit_panel()
        if current in self.buttons:
            self.buttons[current].setChecked(True)

    def _choose(self, code: str) -> None:
        self.hide()
        self.language_requested.emit(code)

    def _arrange(self, width: int, height: int) -> None:
        """As many columns as buttons of a comfortable width fit across (two at least, four at most)."""
        metrics = self.theme.metrics
        room = width - 2 * metrics.px(32) - 2 * metrics.px(48)
        widest = max([metrics.px(MIN_BUTTON_AT_1080)] + [b.sizeHint().width() for b in self.buttons.values()])
        columns = max(2, min(4, (room + self.grid.horizontalSpacing()) // (widest + self.grid.horizontalSpacing())))
        if columns == self._columns:
            return
        self._columns = columns
        for index, button in enumerate(self.buttons.values()):
            self.grid.removeWidget(button)
            self.grid.addWidget(button, index // columns, index % columns)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """A tap on the dimmed backdrop, outside the panel, closes it."""
        if not self.panel.geometry().contains(event.position().toPoint()):
            self.hide()
        event.accept()
