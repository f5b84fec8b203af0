"""The staff panel behind the PIN: what is wrong with the content, and the buttons IT needs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from kiosk.core.strings import Strings
from kiosk.staff.core.info import StaffInfo
from kiosk.ui.breaks import breakable
from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import FlowLayout, Role
from kiosk.ui.named import named
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme


class StaffPanel(Overlay):
    reload_requested = Signal()
    exit_requested = Signal()
    usage_requested = Signal()  # staff pressed Usage counts

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent, opacity=220, width_at_1080=1500)
        self.setObjectName("StaffPanel")  # staff read it: the patient's text size does not apply
        self.title = named("OverlayTitle", QLabel(wordWrap=True))
        self.facts = QFormLayout()
        self.facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._fact_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("staff_folder", "staff_version", "staff_uptime", "staff_reload_time"):
            name, value = named("StaffFact", QLabel()), named("StaffFact", QLabel(wordWrap=True))
            self.facts.addRow(name, value)
            self._fact_labels[key] = (name, value)
        self.pin_attempts = named("StaffFact", QLabel(wordWrap=True))
        self.problems_title = named("OverlayText", QLabel())
        self.problems = named("StaffProblems", QPlainTextEdit(readOnly=True))
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.problems.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.reviews_title = named("OverlayText", QLabel(wordWrap=True))
        self.reviews = named("StaffFact", QLabel(wordWrap=True))
        self.reload_button = TouchButton(objectName="StaffReload")
        self.exit_button = TouchButton(objectName="StaffExit")
        self.usage_button = TouchButton(objectName="StaffUsage")
        self.back_button = TouchButton(objectName="NextButton")
        self.buttons = buttons = FlowLayout()
        buttons.add(self.reload_button)
        buttons.add(self.exit_button)
        buttons.add(self.back_button, Role.END)
        heading = QHBoxLayout()  # Usage counts beside the title: the button row is full on a 5:4 screen
        heading.addWidget(self.title, 1)
        heading.addWidget(self.usage_button, 0, Qt.AlignmentFlag.AlignTop)
        self.panel_layout.addLayout(heading)
        self.panel_layout.addLayout(self.facts)
        self.panel_layout.addWidget(self.pin_attempts)
        self.panel_layout.addWidget(self.problems_title)
        self.panel_layout.addWidget(self.problems, 1)
        self.panel_layout.addWidget(self.reviews_title)
        self.panel_layout.addWidget(self.reviews)
        self.panel_layout.addLayout(buttons)
        self.reload_button.clicked.connect(self.reload_requested)
        self.exit_button.clicked.connect(self.exit_requested)
        self.usage_button.clicked.connect(self.usage_requested)
        self.back_button.clicked.connect(self.close_panel)
        self._strings: Strings | None = None
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        metrics = theme.metrics
        self.facts.setHorizontalSpacing(metrics.px(24))
        self.problems.setMinimumHeight(metrics.px(160))
        self.buttons.set_spacing(metrics.px(24))

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        self.title.setText(strings["staff_title"])
        for key, (name, _value) in self._fact_labels.items():
            name.setText(strings[key])
        self.problems_title.setText(strings["staff_problems"])
        self.reviews_title.setText(strings["staff_reviews"])
        self.reload_button.setText(strings["staff_reload"])
        self.exit_button.setText(strings["staff_exit"])
        self.usage_button.setText(strings["staff_usage"])
        self.back_button.setText(strings["staff_back"])

    def set_info(self, info: StaffInfo) -> None:
        values = {
            "staff_folder": info.content_folder, "staff_version": info.version,
            "staff_uptime": info.uptime, "staff_reload_time": info.last_reload,
        }
        for key, (_name, value) in self._fact_labels.items():
            value.setText(breakable(values[key]))
            value.setAccessibleName(values[key])
        self.pin_attempts.setText(info.pin_attempts)
        self.pin_attempts.setVisible(bool(info.pin_attempts))
        empty = self._strings["staff_no_problems"] if self._strings else ""
        self.problems.setPlainText("\n".join(info.problems) or empty)
        self.reviews.setText("\n".join(info.reviews) or (self._strings["staff_no_reviews"] if self._strings else ""))

    def close_panel(self) -> None:
        self.hide()
