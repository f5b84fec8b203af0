"""`kiosk preview`'s window for staff: the card being edited as patients see it, beside its problems.

A normal desktop window (never locked down). It only shows what it is given, a picture of the kiosk
screen and lines of problems, and asks for another screen shape or text size through signals.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QListWidget, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.ui.named import named

SHAPES = (("1920x1080", "preview_landscape"), ("1080x1920", "preview_portrait"))
TEXT_SIZES = (("normal", "size_normal"), ("large", "size_large"), ("largest", "size_largest"))


class PreviewWindow(QWidget):
    shape_requested = Signal(str)  # a screen size such as "1080x1920"
    text_size_requested = Signal(str)  # normal, large or largest

    def __init__(self, strings: Strings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreviewWindow")
        # A desktop tool, not a touch screen: ordinary sizes over the kiosk's application style.
        self.setStyleSheet("QWidget#PreviewWindow, QWidget#PreviewWindow * { font-size: 15px; }"
                           " QWidget#PreviewWindow QPushButton { min-height: 32px; max-height: 40px; padding: 2px 14px; }")
        self._strings = strings
        self._picture = QPixmap()
        self.heading = named("PreviewHeading", QLabel(wordWrap=True))
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        # Not `self.screen`: that is QWidget.screen(), which Qt itself calls.
        self.screen_view = named("PreviewScreen", QLabel(alignment=Qt.AlignmentFlag.AlignCenter))
        self.screen_view.setMinimumSize(QSize(320, 320))
        # The picture follows the label's size, never the other way round.
        self.screen_view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.screen_view.setAccessibleName(strings["preview_screen"])
        self.problems_title = named("PreviewProblemsTitle", QLabel(strings["preview_problems"]))
        self.problems = named("PreviewProblems", QListWidget())
        self.problems.setWordWrap(True)
        self.problems.setMinimumWidth(360)
        self.shape_buttons = self._choices(SHAPES, self.shape_requested)
        self.size_buttons = self._choices(TEXT_SIZES, self.text_size_requested)
        controls = QHBoxLayout()
        for button in (*self.shape_buttons.values(), *self.size_buttons.values()):
            controls.addWidget(button)
        controls.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.problems_title)
        side.addWidget(self.problems, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.screen_view, 3)
        middle.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(controls)
        layout.addLayout(middle, 1)
        self.setWindowTitle(strings["preview_title"])

    def _choices(self, options: tuple[tuple[str, str], ...], signal: SignalInstance) -> dict[str, QPushButton]:
        group = QButtonGroup(self)
        buttons: dict[str, QPushButton] = {}
        for value, key in options:
            button = QPushButton(self._strings[key])
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, value=value: signal.emit(value))
            group.addButton(button)
            buttons[value] = button
        return buttons

    def set_choices(self, shape: str, text_size: str) -> None:
        self.shape_buttons[shape].setChecked(True)
        self.size_buttons[text_size].setChecked(True)

    def show_card(self, heading: str, picture: QPixmap, problems: list[str]) -> None:
        """`picture` is the kiosk screen; an empty one means the card is not on it (with the reason in `problems`)."""
        self.heading.setText(heading)
        self._picture = picture
        self._scale()
        self.problems.clear()
        self.problems.addItems(problems or [self._strings["preview_no_problems"]])

    def picture(self) -> QPixmap:
        return self._picture

    def _scale(self) -> None:
        if self._picture.isNull():
            self.screen_view.setPixmap(QPixmap())
            self.screen_view.setText(self._strings["preview_not_shown"])
            return
        self.screen_view.setPixmap(self._picture.scaled(self.screen_view.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._scale()
