"""Wires the metrics file (`kiosk.prom`) to the running kiosk: what it says, and when it is written again.

The ops feature's wiring, made by kiosk.run once the kiosk is built. It reads the kernel's state
(content, reloads) through the `Kiosk` protocol and the other services it is handed (status history,
watchdog, screen schedule, screen awake); what only other features know (whether Listen can speak a
language) comes in as a function, and their signals are connected by kiosk.run, so no feature
imports another.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, SignalInstance, Slot

from kiosk.core.problems import Severity
from kiosk.core.store import ContentState
from kiosk.core.topics import on_grid
from kiosk.runtime.day_watch import DayWatch
from kiosk.ops.core.recent import RecentEvents
from kiosk.ops.core.status import History
from kiosk.ops.runtime.display_power import ScreenAwake
from kiosk.ops.runtime.metrics_file import MetricsFile
from kiosk.ops.runtime.screen_schedule import ScreenSchedule
from kiosk.ops.runtime.watchdog import Watchdog

if TYPE_CHECKING:  # the metrics library itself loads with the first write
    from kiosk.ops.core.metrics import Facts


class Kiosk(Protocol):
    """What the metrics need of kiosk.app.KioskApp (a layer above the features: never imported by them)."""

    state: ContentState
    content_loaded: bool
    reloaded: SignalInstance
    day_watch: DayWatch


class Monitoring(QObject):
    """Owns the metrics file; `on_visit()` for each finished visit, `changed()` for anything else worth a write."""

    def __init__(
        self,
        kiosk: Kiosk,
        content_root: Path,
        path: Path,
        *,
        version: str,
        history: History,
        watchdog: Watchdog,
        awake: ScreenAwake | None,
        schedule: ScreenSchedule | None,
        speech_available: Callable[[str], bool],
        now: Callable[[], float] = time.time,
        visits: RecentEvents | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._root = content_root
        self._history = history
        self._watchdog = watchdog
        self._awake = awake
        self._schedule = schedule
        self._speech_available = speech_available
        self._now = now
        self._version = version
        self.started = now()
        self.visits = visits or RecentEvents()
        self.reloads = 0
        self.last_reload: float | None = None
        self.file = MetricsFile(path, self.facts, parent=self)
        kiosk.reloaded.connect(self._on_reloaded)
        if schedule is not None:
            schedule.display_changed.connect(self.file.changed)
        self._on_reloaded()  # the first content came before the metrics

    def start(self) -> None:
        self.file.start()

    @Slot()
    def on_visit(self) -> None:
        self.visits.add()
        self.file.changed()

    def changed(self) -> None:
        self.file.changed()

    def stopped(self) -> None:
        self.file.stopped()

    @Slot()
    def _on_reloaded(self) -> None:
        if not self._kiosk.content_loaded:  # the stand-in shown while the content folder is silent
            self.file.changed()
            return
        self.reloads += 1
        self.last_reload = self._now()
        self.file.content_changed(self._root)
        self.file.changed()

    def facts(self) -> Facts:
        from kiosk.ops.core.metrics import Facts

        state = self._kiosk.state
        today = self._kiosk.day_watch.today
        languages = state.config.kiosk.languages
        previous = self._history.previous_end
        return Facts(
            version=self._version,
            started=self.started,
            ready=self._watchdog.is_ready,
            restarts=self._history.restarts,
            previous_clean=True if previous == "clean stop" else False if previous.startswith("crash") else None,
            # A language still being read at start-up is left out until it is there, not reported empty.
            cards_shown={lang: sum(card.governance.is_shown(today) for topic in state.topics for card in topic.cards(lang))
                         for lang in languages if lang not in state.pending},
            topics_shown={lang: len(on_grid(state.topics, lang, datetime.now())) for lang in languages if lang not in state.pending},
            problems={severity: sum(p.severity is severity for p in state.problems) for severity in Severity},
            reloads=self.reloads,
            last_reload=self.last_reload,
            content_loaded=self._kiosk.content_loaded,
            speech={language: self._speech_available(language) for language in languages},
            display=self._schedule.display if self._schedule is not None else "on",
            blanking_prevented=self._awake is not None and self._awake.blanking_prevented,
            visits_last_hour=self.visits.recent(),
            visits=self.visits.total,
            watchdog_enabled=self._watchdog.interval_ms is not None,
            watchdog_pings=self._watchdog.pings,
        )
