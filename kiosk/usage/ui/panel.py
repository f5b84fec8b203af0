"""The staff's view of the usage counts: the last 7 or 30 days at a glance, CSV export, the handout.

Opened from the staff panel (behind the PIN). Files go to a folder staff choose, usually a USB stick;
the chooser is an object with `ask()` and `close()`, so tests can stand in for it.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from kiosk.core.strings import Strings
from kiosk.usage.core.report import CardSummary, Summary, percent
from kiosk.usage.ui.chart import BarChart
from kiosk.ui.buttons import TouchButton
from kiosk.ui.flow import FlowLayout, Role
from kiosk.ui.named import named
from kiosk.ui.overlays.overlay import Overlay
from kiosk.ui.theme import Theme

TOP = 5


@dataclass(frozen=True)
class UsageInfo:
    enabled: bool
    problem: str | None  # why counts are not being saved, if they are not
    week: Summary | None  # None: the counts cannot be read
    month: Summary | None
    titles: Mapping[str, str] = field(default_factory=dict)  # card key (usage.core.names.card_key) → title
    languages: tuple[tuple[str, str], ...] = ()  # (code, name) of each deck, for the handout buttons
    topics: Mapping[str, str] = field(default_factory=dict)  # topic folder → title; empty with one deck


def removable_media() -> Path:
    """Where a USB stick usually appears (the first one mounted), else the home folder."""
    user = getpass.getuser()
    for base in (Path("/media") / user, Path("/run/media") / user, Path("/media")):
        try:
            mounted = sorted(p for p in base.iterdir() if p.is_dir())
        except OSError:
            continue
        if mounted:
            return mounted[0]
    return Path.home()


class FolderChooser:
    """Asks staff for a folder. Qt's own dialog, not the desktop's: a native one could open behind
    the locked-down full-screen window. Opened with open(), never exec(): a nested event loop kept
    the dialog on top after the idle reset, and the next patient met a file browser. `close()`
    (the idle reset) dismisses it as Cancel would."""

    def __init__(self) -> None:
        self.dialog: QFileDialog | None = None

    def ask(self, parent: QWidget, title: str, chosen: Callable[[Path], None]) -> None:
        """Show the dialog; `chosen(folder)` follows if staff pick one (nothing follows Cancel)."""
        self.close()
        dialog = QFileDialog(parent, title, str(removable_media()))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowState(Qt.WindowState.WindowMaximized)
        dialog.fileSelected.connect(lambda folder: chosen(Path(folder)) if folder else None)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        dialog.open()

    def is_open(self) -> bool:
        return self.dialog is not None

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()

    def _forget(self, dialog: QFileDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None


class UsagePanel(Overlay):
    export_csv_requested = Signal(object)  # the folder (Path) chosen for the CSV
    handout_requested = Signal(str, object)  # language code, folder (Path)

    def __init__(self, theme: Theme, parent: QWidget | None = None, *, chooser: FolderChooser | None = None) -> None:
        super().__init__(theme, parent, opacity=235, width_at_1080=1500)
        self.setObjectName("StaffPanel")  # styled as the staff panel: the patient's text size does not apply
        metrics = theme.metrics
        self.chooser = chooser or FolderChooser()
        self.title = named("OverlayTitle", QLabel())
        self.status = named("StaffFact", QLabel(wordWrap=True))
        self.week_button = TouchButton(objectName="ContrastButton", checkable=True)
        self.month_button = TouchButton(objectName="ContrastButton", checkable=True)
        self.totals = named("StaffTotals", QLabel(wordWrap=True))
        self.chart = BarChart(theme)
        self.topics_title, self.topics = named("StaffHeading", QLabel()), named("StaffFact", QLabel())
        self.most_title, self.most = named("StaffHeading", QLabel()), named("StaffFact", QLabel())
        self.least_title, self.least = named("StaffHeading", QLabel()), named("StaffFact", QLabel())
        for label in (self.topics, self.most, self.least):
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message = named("PinMessage", QLabel(wordWrap=True))
        self.export_button = TouchButton(objectName="StaffExport")
        self.handout_buttons: dict[str, TouchButton] = {}
        self.back_button = TouchButton(objectName="NextButton")

        # Rows that wrap (kiosk.ui.flow): the panel must fit landscape, portrait and 5:4 screens.
        top_row = FlowLayout(spacing=metrics.px(20))  # the title and the choice of period share a row
        top_row.add(self.title)
        top_row.add(self.week_button, Role.END)
        top_row.add(self.month_button, Role.END)
        lists = FlowLayout(spacing=metrics.px(48))
        self._topics_column = QWidget()  # a topic library's topics, before its cards
        for heading, body in ((self.topics_title, self.topics), (self.most_title, self.most), (self.least_title, self.least)):
            column = self._topics_column if body is self.topics else QWidget()
            stack = QVBoxLayout(column)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addWidget(heading)
            stack.addWidget(body)
            stack.addStretch(1)
            lists.add(column)
        # Not `self.actions`: that is QWidget.actions(), which Qt itself calls.
        self.action_row = actions = FlowLayout(spacing=metrics.px(20))
        actions.add(self.export_button)
        actions.add(self.back_button, Role.END)
        pad = metrics.px(40)
        self.panel_layout.setContentsMargins(pad, pad, pad, pad)
        self.panel_layout.setSpacing(metrics.px(14))
        for item in (top_row, self.status, self.totals, self.chart, lists, self.message, self.action_row):
            if isinstance(item, QWidget):
                self.panel_layout.addWidget(item)
            else:
                self.panel_layout.addLayout(item)
        self.week_button.clicked.connect(lambda: self.show_days(7))
        self.month_button.clicked.connect(lambda: self.show_days(30))
        self.export_button.clicked.connect(self._export)
        self.back_button.clicked.connect(self.hide)
        self._strings: Strings | None = None
        self._info: UsageInfo | None = None
        self._days = 7

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        self.read_in(strings.language)
        self.title.setText(strings["usage_title"])
        self.week_button.setText(strings["usage_days"].format(days=7))
        self.month_button.setText(strings["usage_days"].format(days=30))
        self.topics_title.setText(strings["usage_topics"])
        self.most_title.setText(strings["usage_most"])
        self.least_title.setText(strings["usage_least"])
        self.export_button.setText(strings["usage_export"])
        self.back_button.setText(strings["staff_back"])
        self.chart.empty_text = strings["usage_none"]
        if self._info is not None:
            self.set_info(self._info)

    def set_info(self, info: UsageInfo) -> None:
        self._info = info
        strings = self._require_strings()
        if not info.enabled:
            self.status.setText(strings["usage_off"])
        elif info.problem:
            self.status.setText(strings["usage_problem"].format(reason=info.problem))
        else:
            self.status.setText(strings["usage_private"])
        for code in list(self.handout_buttons):
            button = self.handout_buttons.pop(code)
            self.action_row.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
        for code, name in info.languages:
            button = TouchButton(objectName="StaffExport")
            button.setText(strings["usage_handout"].format(language=name))
            button.clicked.connect(lambda _checked=False, c=code: self._handout(c))
            self.action_row.insert(self.action_row.index_of(self.back_button), button)
            self.handout_buttons[code] = button
        self.message.clear()
        self.show_days(self._days)

    def show_days(self, days: int) -> None:
        self._days = days
        self.week_button.setChecked(days == 7)
        self.month_button.setChecked(days == 30)
        info, strings = self._info, self._require_strings()
        summary = None if info is None else info.week if days == 7 else info.month
        if summary is None:
            self.totals.setText(strings["usage_unreadable"])
            self.chart.set_bars([])
            for label in (self.topics, self.most, self.least):
                label.clear()
            return
        titles, topics = (info.titles, info.topics) if info else ({}, {})
        self.totals.setText(strings["usage_totals"].format(
            visits=summary.visits, completed=percent(summary.completed, summary.visits),
            helpful=percent(summary.helpful_yes, summary.helpful_answers), answers=summary.helpful_answers,
        ))
        label_format = "%a" if days <= 7 else "%d"
        self.chart.set_bars([(day.strftime(label_format), visits) for day, visits in summary.visits_per_day()])

        def line(card: CardSummary) -> str:
            """Title, views and, once anyone answered, the helpful share: "Risks: 12 · 80% helpful (5)"
            ("The basics › Risks: …" in a topic library)."""
            title = titles.get(card.key, card.card)
            text = f"{topics.get(card.topic, card.topic)} › {title}: {card.counts.views}" if card.topic else f"{title}: {card.counts.views}"
            if card.helpful_answers:
                share = percent(card.counts.helpful_yes, card.helpful_answers)
                text += " · " + strings["usage_helpful_share"].format(share=share, answers=card.helpful_answers)
            return text

        self._topics_column.setVisible(bool(topics))
        self.topics.setText("\n".join(f"{topics.get(t.topic, t.topic)}: {t.opened}" for t in summary.topics) or "–")
        most = sorted(summary.cards, key=lambda card: (-card.counts.views, card.key))  # across topics
        self.most.setText("\n".join(line(card) for card in most[:TOP]) or "–")
        self.least.setText("\n".join(line(card) for card in summary.least_viewed(TOP, titles)) or "–")

    def show_result(self, text: str) -> None:
        """What became of an export ("Saved …" or why not)."""
        self.message.setText(text)

    def _require_strings(self) -> Strings:
        assert self._strings is not None, "set_strings first"
        return self._strings

    def _export(self) -> None:
        self.chooser.ask(self, self._require_strings()["usage_choose"], self.export_csv_requested.emit)

    def _handout(self, language: str) -> None:
        self.chooser.ask(self, self._require_strings()["usage_choose"], lambda folder: self.handout_requested.emit(language, folder))
