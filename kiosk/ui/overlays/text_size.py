"""The 'Aa' panel: three text sizes and a high-contrast theme, for this visit only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import Align, FlowLayout
from kiosk.ui.named import named
from kiosk.ui.overlays.overlay import Overlay
from kiosk.core.tuning import TEXT_SCALES
from kiosk.ui.theme import Theme


class DisplayPanel(Overlay):
    text_size_requested = Signal(str)  # a key of TEXT_SCALES
    contrast_requested = Signal(bool)  # True: high contrast

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent, opacity=120)
        self.title = named("OverlayTitle", QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True))
        self.size_buttons: dict[str, TouchButton] = {}
        # Rows that wrap, centred: three sizes side by side on a wide screen, stacked on a narrow one.
        self.sizes = sizes = FlowLayout(align=Align.CENTRE)
        for name in TEXT_SCALES:
            button = TouchButton(objectName="SizeButton", checkable=True)
            button.setProperty("size", name)  # the style sheet shows each label at its own size
            button.clicked.connect(lambda _checked=False, n=name: self.text_size_requested.emit(n))
            sizes.add(button)
            self.size_buttons[name] = button
        self.standard = TouchButton(objectName="ContrastButton", checkable=True)
        self.high = TouchButton(objectName="ContrastButton", checkable=True)
        self.standard.clicked.connect(lambda: self.contrast_requested.emit(False))
        self.high.clicked.connect(lambda: self.contrast_requested.emit(True))
        self.contrast = contrast = FlowLayout(align=Align.CENTRE)
        contrast.add(self.standard)
        contrast.add(self.high)
        self.done = TouchButton(objectName="NextButton")
        self.done.clicked.connect(self.hide)
        self.panel_layout.addWidget(self.title)
        self.panel_layout.addLayout(sizes)
        self.panel_layout.addLayout(contrast)
        self.panel_layout.addWidget(self.done, 0, Qt.AlignmentFlag.AlignHCenter)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        for row in (self.sizes, self.contrast):
            row.set_spacing(theme.metrics.px(20))

    def set_strings(self, strings: Strings) -> None:
        self.title.setText(strings["display_title"])
        for name, button in self.size_buttons.items():
            button.setText(strings[f"size_{name}"])
            button.setAccessibleName(strings[f"size_{name}"])
        self.standard.setText(strings["contrast_standard"])
        self.high.setText(strings["contrast_high"])
        self.done.setText(strings["done"])

    def set_state(self, text_size: str, high_contrast: bool) -> None:
        for name, button in self.size_buttons.items():
            button.setChecked(name == text_size)
        self.standard.setChecked(not high_contrast)
        self.high.setChecked(high_contrast)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """A tap on the dimmed backdrop, outside the panel, closes it."""
        if not self.panel.geometry().contains(event.position().toPoint()):
            self.hide()
        event.accept()
