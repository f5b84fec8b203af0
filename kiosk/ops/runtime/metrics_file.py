"""Keeps `kiosk.prom` current for the monitoring agent: once a minute, soon after each change, and at the end.

The file is replaced whole by `prometheus_client.write_to_textfile` (written beside, then renamed),
so node_exporter never reads half of it. It is made readable by everyone (0644) although the units
run the kiosk with UMask=0077: the agent reads it as another user, and it holds nothing private.
A file that cannot be written (a read-only or full disk) is said once in the log; the kiosk goes on.
It is written on a thread of its own (kiosk/ops/runtime/report_writer.py), so a monitoring folder on
a disk that stops answering never holds the screen.

The content's digest reads every byte of the content folder, so it runs on a worker thread after
each reload and the next write carries it; until then the file carries the previous one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.ops.core.content_version import ContentVersion, content_version
from kiosk.ops.runtime.report_writer import ReportWriter

log = logging.getLogger(__name__)
INTERVAL_MS = 60_000
FILE_MODE = 0o644
LAST_WRITE_S = 1.0  # at the end: how long the last write (kiosk_up 0) may take (SIGTERM has 5 s in all)

if TYPE_CHECKING:  # the library itself loads with the first write, after the first frame
    from kiosk.ops.core.metrics import Facts


class MetricsFile(QObject):
    """`facts()` returns what to write; `changed()` asks for a write soon, `content_changed(root)` for a new digest."""

    versioned = Signal(object)  # a ContentVersion, from the worker thread

    def __init__(
        self,
        path: Path,
        facts: Callable[[], Facts],
        *,
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.content = ContentVersion()
        self.writes = 0
        self._facts = facts
        self._failed = False
        self._stopped = False
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.write)
        self._soon = QTimer(self, singleShot=True, interval=0)  # the changes of one turn of the loop: one write
        self._soon.timeout.connect(self.write)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-content-digest")
        self._writer = ReportWriter("kiosk-metrics-file")
        self.versioned.connect(self._on_versioned)

    def start(self) -> None:
        self.write()
        self._timer.start()

    def changed(self) -> None:
        if not self._stopped:  # after the last write (kiosk_up 0), nothing may say 1 again
            self._soon.start()

    def content_changed(self, root: Path) -> None:
        """New content is on screen: its digest is made on the worker, then written."""
        if self._stopped:
            return
        future = self._worker.submit(content_version, root)
        future.add_done_callback(self._digest_done)

    def _digest_done(self, future: Future[ContentVersion]) -> None:
        if future.cancelled():
            return
        try:
            self.versioned.emit(future.result())
        except RuntimeError:  # the kiosk stopped while the digest was being made
            pass
        except Exception as exc:  # noqa: BLE001 (a digest that fails must not stop the metrics)
            log.warning("content digest for the metrics failed: %r", exc)

    @Slot(object)
    def _on_versioned(self, version: ContentVersion) -> None:
        self.content = version
        self.changed()

    def write(self, *, up: bool = True) -> None:
        """The facts as they are now, written on the writer's thread."""
        facts = replace(self._facts(), content=self.content, up=up)
        self._writer.submit(self.path, lambda: self._write(facts))

    def flush(self, timeout_s: float) -> bool:
        """Wait until what was handed over is on disk, for at most `timeout_s`; False if it is not yet."""
        return self._writer.wait(timeout_s)

    def _write(self, facts: Facts) -> None:
        try:
            from kiosk.ops.core.metrics import metrics_registry
            from kiosk.ops.core.prometheus_text import write_to_textfile

            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_to_textfile(str(self.path), metrics_registry(facts))
            os.chmod(self.path, FILE_MODE)
            self.writes += 1
            self._failed = False
        except Exception as exc:  # noqa: BLE001 (monitoring must never stop the kiosk)
            if not self._failed:
                log.warning("cannot write the metrics file %s (%s); trying again each minute",
                            self.path, getattr(exc, "strerror", None) or exc)
            self._failed = True

    def stopped(self) -> None:
        """A clean stop: the last write says kiosk_up 0, so a file still saying 1 later means a crash."""
        self._stopped = True
        self._timer.stop()
        self._soon.stop()
        self._worker.shutdown(wait=False, cancel_futures=True)
        self.write(up=False)
        if not self.flush(LAST_WRITE_S):
            log.warning("the metrics file %s was not written within %.0f s of the end: its disk is not answering", self.path, LAST_WRITE_S)
