"""The staff panel behind the PIN: what is wrong with the content, and the buttons IT needs."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.staff.core.info import StaffInfo
from kiosk.ui.breaks import breakable
from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import FlowLayout, Role
from kiosk.ui.named import named
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme

MAX_REVIEW_LINES = 5  # the rest are in the problems above, and kiosk check lists them all


class _AllIfRoom(QScrollArea):
    """Asks for the whole height of what it holds (the panel grows to the room there is) and
    scrolls only what the room cannot hold."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        width = self.viewport().width() or inner.sizeHint().width()
        height = inner.heightForWidth(width) if inner.hasHeightForWidth() else inner.sizeHint().height()
        return QSize(inner.sizeHint().width(), max(height, inner.minimumSizeHint().height()))


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
            for label in (name, value):  # never squeezed below one line ("Running for" was cut in half)
                label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            self.facts.addRow(name, value)
            self._fact_labels[key] = (name, value)
        self.pin_attempts = named("StaffFact", QLabel(wordWrap=True))
        self.topics_title = named("OverlayText", QLabel(wordWrap=True))  # a topic library's topics and their windows
        self.topics = named("StaffFact", QLabel(wordWrap=True))
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
        # Between the title and the buttons the facts scroll when there are more than the screen holds
        # (many problems and reviews on a 1280x1024 screen): squeezed instead, every row was cut in half.
        self.middle = named("StaffPanelMiddle", QWidget())
        self.panel_layout.addWidget(self.topics_title)
        self.panel_layout.addWidget(self.topics)
        middle = QVBoxLayout(self.middle)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addLayout(self.facts)
        for widget in (self.pin_attempts, self.problems_title, self.problems, self.reviews_title, self.reviews):
            middle.addWidget(widget)
        middle.addStretch(1)
        self.facts_scroll = _AllIfRoom()
        self.facts_scroll.setWidgetResizable(True)
        self.facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.facts_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.facts_scroll.setWidget(self.middle)
        self.facts_scroll.viewport().setAutoFillBackground(False)
        self.middle.setAutoFillBackground(False)
        self._middle_layout = middle
        self.panel_layout.addLayout(heading)
        self.panel_layout.addWidget(self.facts_scroll, 1)
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
        self._middle_layout.setSpacing(self.panel_layout.spacing())
        self.problems.setFixedHeight(metrics.px(160))
        self.buttons.set_spacing(metrics.px(24))

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        self.read_in(strings.language)
        self.title.setText(strings["staff_title"])
        for key, (name, _value) in self._fact_labels.items():
            name.setText(strings[key])
        self.problems_title.setText(strings["staff_problems"])
        self.reviews_title.setText(strings["staff_reviews"])
        self.topics_title.setText(strings["staff_topics"])
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
        self.topics.setText("\n".join(info.topics))
        for label in (self.topics_title, self.topics):
            label.setVisible(bool(info.topics))
        empty = self._strings["staff_no_problems"] if self._strings else ""
        self.problems.setPlainText("\n".join(info.problems) or empty)
        reviews = list(info.reviews[:MAX_REVIEW_LINES])
        if len(info.reviews) > MAX_REVIEW_LINES and self._strings:
            reviews.append(self._strings["staff_reviews_more"].format(n=len(info.reviews) - MAX_REVIEW_LINES))
        self.reviews.setText("\n".join(reviews) or (self._strings["staff_no_reviews"] if self._strings else ""))
        self.facts_scroll.updateGeometry()  # its size hint is what it holds, which just changed

    def close_panel(self) -> None:
        self.hide()
