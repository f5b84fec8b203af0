"""The usage-count service: follows the visit on screen and adds each finished one to SQLite.

Everything a patient does only touches the in-memory `VisitRecorder` (a few attribute writes). A
finished visit goes to a writer thread through a queue, so no swipe ever waits for the disk. The
thread (kiosk/usage/core/writer.py) owns the database: it adds visits, waits out a locked database or
a full disk with the visits in memory, drops old hours once a day when the clock can be trusted, and
logs instead of raising. `stop()` adds the visit in progress and waits briefly for the queue to
drain; `kill -9` loses at most the visit in progress (and any still waiting for the disk).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.config import Stats
from kiosk.usage.core.visits import EndReason, VisitCounts, VisitRecorder
from kiosk.usage.core.db import DEFAULT_KEEP_DAYS, UsageDb, UsageDbError
from kiosk.usage.core.writer import RETRY_S, Flush, Writer
from kiosk.usage.core.report import Summary, format_csv, summarize
from kiosk.core.visit import Kind, Screen, Visit

log = logging.getLogger(__name__)
STOP_WAIT_S = 3.0


class UsageStore(QObject):
    """The slots the wiring connects screens and choices to; `listened()` is for the Listen button."""

    visit_finished = Signal()  # a visit ended and is being counted (the metrics count visits per hour)

    def __init__(
        self,
        path: Path,
        *,
        keep_days: int = DEFAULT_KEEP_DAYS,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),  # aware: the hours visits are counted in
        retry_s: float = RETRY_S,  # how often visits waiting for a locked database or a full disk are tried again
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.enabled = enabled
        self._now = now
        self.recorder = VisitRecorder(clock=clock, now=now)
        self._writer = Writer(path, keep_days, now=now, monotonic=clock, retry_s=retry_s)
        self._writer.start()

    # --- from the screens ------------------------------------------------------------------------

    def on_screen(self, screen: Screen, *, has_qr: bool = False) -> None:
        """A page came on screen (`has_qr`: a card showing its take-home QR code)."""
        if screen.kind is Kind.CARD:
            self.on_card_shown(screen.slug, has_qr, screen.topic)
        elif screen.kind is Kind.CONTACT:
            self.on_contact_shown()
        elif screen.kind is Kind.TOPICS:
            if self.enabled:
                self.recorder.show_grid()  # the visit goes on: the patient is choosing another topic
        else:
            self.on_welcome_shown()

    @Slot(str, bool)
    @Slot(str, bool, str)
    def on_card_shown(self, slug: str, has_qr: bool = False, topic: str = "") -> None:
        if self.enabled:
            self.recorder.show_card(slug, has_qr=has_qr, topic=topic)

    @Slot()
    def on_contact_shown(self) -> None:
        if self.enabled:
            self.recorder.show_contact()

    @Slot()
    def on_welcome_shown(self) -> None:
        self._finish(self.recorder.show_welcome())

    @Slot(str)
    def on_language(self, language: str) -> None:
        self.recorder.set_language(language)

    @Slot(str)
    def on_text_size(self, text_size: str) -> None:
        self.recorder.set_text_size(text_size)

    @Slot(bool)
    def on_high_contrast(self, on: bool) -> None:
        self.recorder.set_high_contrast(on)

    @Slot(str, bool)
    def on_helpful(self, slug: str, yes: bool) -> None:
        if self.enabled:
            self.recorder.helpful(slug, yes)

    @Slot()
    @Slot(str)
    def listened(self, slug: str = "") -> None:
        """Listen was used on `slug`, or on the card on screen."""
        if self.enabled:
            self.recorder.listened(slug or None)

    def on_idle_reset(self, unattended_s: float, defaults: Visit) -> None:
        """The idle reset ended the visit; the untouched time before it is not time spent reading."""
        self._finish(self.recorder.end(EndReason.IDLE, unattended_s=unattended_s))
        self.recorder.reset_choices(defaults.language, defaults.text_size, defaults.high_contrast)

    def set_defaults(self, defaults: Visit) -> None:
        """The choices the kiosk starts (and resets) with, outside a visit."""
        if not self.recorder.in_visit:
            self.recorder.reset_choices(defaults.language, defaults.text_size, defaults.high_contrast)

    def configure(self, stats: Stats, defaults: Visit) -> None:
        """kiosk.toml's [stats] and the choices a visit starts with, at every reload."""
        self._writer.retain(stats.keep_days)
        self.set_enabled(stats.enabled)
        self.set_defaults(defaults)

    def set_enabled(self, enabled: bool) -> None:
        if not enabled and self.recorder.in_visit:
            self.recorder.end(EndReason.STOP)  # switched off mid-visit: that visit is not counted
        self.enabled = enabled

    # --- lifetime --------------------------------------------------------------------------------

    def stop(self) -> None:
        """A clean stop: add the visit in progress, let the writer finish, close the database."""
        if not self._writer.is_alive():
            return
        self._finish(self.recorder.end(EndReason.STOP))
        self._writer.jobs.put(None)
        self._writer.join(STOP_WAIT_S)
        if self._writer.is_alive():
            log.warning("usage counts: the writer did not finish within %.0f s", STOP_WAIT_S)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every finished visit is on disk (tests and staff views)."""
        if not self._writer.is_alive():
            return True
        done = threading.Event()
        self._writer.jobs.put(Flush(done))
        return done.wait(timeout) and not self._writer.waiting

    def _finish(self, visit: VisitCounts | None) -> None:
        if visit is not None and self.enabled:
            self._writer.jobs.put(visit)
            self.visit_finished.emit()

    # --- for staff -------------------------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        """Why counts are not being saved, if they are not."""
        return self._writer.error

    def summary(self, days: int) -> Summary | None:
        """The last `days` days, today included; None when the counts cannot be read."""
        today = self._now().astimezone().date()
        first = today - timedelta(days=days - 1)
        if not self.path.exists() and self.problem is None:
            return Summary(first, today, ())  # the writer has not made the file yet
        try:
            db = UsageDb.open_existing(self.path)
        except UsageDbError:
            return None
        try:
            return summarize(db, first, today)
        except sqlite3.Error as exc:
            log.warning("usage counts cannot be read for the staff panel: %s", exc)
            return None
        finally:
            db.close()

    def export_csv(self, folder: Path, titles: Mapping[str, str] | None = None) -> Path:
        """Every kept day as CSV (small counts hidden) in `folder`; OSError when it cannot be written.
        `titles`: topic folder or card key → what staff call it."""
        today = self._now().astimezone().date()
        out = folder / f"kiosk-usage-{today.isoformat()}.csv"
        try:
            db = UsageDb.open_existing(self.path)
        except UsageDbError as exc:
            raise OSError(str(exc)) from exc
        try:
            summary = summarize(db)
            text = format_csv(db, summary.first, summary.last, title_of=lambda key: (titles or {}).get(key, ""))
        finally:
            db.close()
        out.write_text(text, encoding="utf-8")
        return out
