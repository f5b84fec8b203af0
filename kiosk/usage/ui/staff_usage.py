"""The usage panel of one window: what it shows (from the usage store and the content) and what its
buttons save (the CSV and the handout, to the folder staff chose).

The handout is the handout feature's: kiosk.app hands in `save_handout`, so usage never imports it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk.core.store import ContentState
from kiosk.core.strings import Strings, english, strings_for
from kiosk.ui.theme import Theme
from kiosk.usage.core.names import card_titles, topic_titles

if TYPE_CHECKING:  # the panel's module (its chart, the folder dialog) loads when staff first open it
    from kiosk.usage.runtime import UsageStore
    from kiosk.usage.ui.panel import FolderChooser, UsageInfo, UsagePanel


# (content, language, today, folder) → the PDF written there
SaveHandout = Callable[[ContentState, str, date, Path], Path]


class StaffUsage(QObject):
    """Builds the panel on first use (staff come rarely); `chooser` is replaced in tests."""

    def __init__(
        self,
        window: QWidget,
        theme: Theme,
        usage: UsageStore | None,
        state: Callable[[], ContentState],
        today: Callable[[], date],
        *,
        save_handout: SaveHandout | None = None,
        chooser: FolderChooser | None = None,
    ) -> None:
        super().__init__(window)
        self._window, self._theme, self._usage, self._state, self._today = window, theme, usage, state, today
        self._save_handout = save_handout
        self._chooser = chooser
        self._strings = english()
        self._panel: UsagePanel | None = None

    @property
    def chooser(self) -> FolderChooser:
        if self._chooser is None:
            from kiosk.usage.ui.panel import FolderChooser

            self._chooser = FolderChooser()
        return self._chooser

    @property
    def panel(self) -> UsagePanel:
        if self._panel is None:
            from kiosk.usage.ui.panel import UsagePanel

            self._panel = UsagePanel(self._theme, self._window, chooser=self.chooser)
            self._panel.set_strings(self._strings)
            self._panel.export_csv_requested.connect(self.export_csv)
            self._panel.handout_requested.connect(self.save_handout)
        return self._panel

    def set_strings(self, strings: Strings) -> None:
        self._strings = strings
        if self._panel is not None:
            self._panel.set_strings(strings)

    def open(self) -> None:
        self.panel.set_info(self.info())
        self.panel.open()

    def close(self) -> None:
        """The panel and any folder dialog it opened (the idle reset: the next patient sees neither)."""
        if self._panel is not None:
            self._panel.chooser.close()
            self._panel.hide()

    def is_open(self) -> bool:
        return self._panel is not None and (self._panel.isVisible() or self._panel.chooser.is_open())

    def info(self) -> UsageInfo:
        from kiosk.usage.ui.panel import UsageInfo

        state = self._state()
        titles, topics = card_titles(state, self._today()), topic_titles(state)
        languages = tuple((code, strings_for(code).table.get("language_name", code)) for code in state.config.kiosk.languages)
        enabled = state.config.stats.enabled
        if self._usage is None:
            return UsageInfo(enabled, None, None, None, titles, languages, topics)
        return UsageInfo(enabled, self._usage.problem, self._usage.summary(7), self._usage.summary(30), titles, languages, topics)

    def export_csv(self, folder: Path) -> None:
        if self._usage is None:
            return
        usage, info = self._usage, self.info()
        titles = {**info.topics, **info.titles}
        self._report(lambda: usage.export_csv(folder, titles))

    def save_handout(self, language: str, folder: Path) -> None:
        state, save_handout = self._state(), self._save_handout
        if save_handout is None:
            return
        today = self._today()
        self._report(lambda: save_handout(state, language, today, folder))

    def _report(self, save: Callable[[], Path]) -> None:
        try:
            path = save()
        except (OSError, ValueError) as exc:
            self.panel.show_result(self._strings["usage_save_failed"].format(reason=exc))
            return
        self.panel.show_result(self._strings["usage_saved"].format(file=path))
