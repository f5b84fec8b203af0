"""The clinic's pronunciation lists (content/speech/<language>.toml), read on a thread of their own.

Listen asks for the list at every press and while it reads; read there, a content folder on a
network share that stopped answering held the screen at a patient's tap. The lists are read again
whenever new content is on screen (the watcher sees a list's edit as it sees a card's), on a worker
thread, and the screen's thread only ever takes the lists last read. A read still under way when
more is asked is followed by one more read, so the last change is always the one used.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.problems import Problem
from kiosk.listen.core.pronunciation import ListCache, Pronunciation, PronunciationList

log = logging.getLogger(__name__)


class PronunciationLists(QObject):
    updated = Signal()  # the lists asked for last are read and in use
    _read = Signal(object)  # {language: PronunciationList}, emitted on the worker thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache = ListCache()  # used by one worker thread at a time
        self._lists: dict[str, PronunciationList] = {}
        self._wanted: tuple[Path, tuple[str, ...]] | None = None
        self._busy = False
        self._read.connect(self._keep)

    def refresh(self, root: Path, languages: tuple[str, ...]) -> None:
        """Read the lists of `languages` again, off this thread; until then the last ones stay in use."""
        self._wanted = (root, languages)
        if not self._busy:
            self._start()

    def pronunciation(self, language: str) -> Pronunciation:
        entry = self._lists.get(language)
        return entry.pronunciation if entry is not None else Pronunciation()

    def problems(self, languages: tuple[str, ...]) -> tuple[Problem, ...]:
        return tuple(problem for language in languages if language in self._lists for problem in self._lists[language].problems)

    def _start(self) -> None:
        assert self._wanted is not None
        root, languages = self._wanted
        self._wanted, self._busy = None, True
        threading.Thread(target=self._load, args=(root, languages), name="kiosk-pronunciation", daemon=True).start()

    def _load(self, root: Path, languages: tuple[str, ...]) -> None:
        lists: dict[str, PronunciationList] | None = None
        try:
            lists = {language: self._cache.get(root, language) for language in languages}
        except Exception:  # a bug must not end the reading of lists for the months the kiosk runs
            log.exception("reading the pronunciation lists failed; the last ones stay in use")
        try:
            self._read.emit(lists)
        except RuntimeError:
            pass  # the kiosk closed while the lists were read

    @Slot(object)
    def _keep(self, lists: dict[str, PronunciationList] | None) -> None:
        self._busy = False
        if lists is not None:
            self._lists = lists
        if self._wanted is not None:
            self._start()
        elif lists is not None:
            self.updated.emit()
