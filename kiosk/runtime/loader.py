"""Reads content on a worker thread, so no save, sync or 2,000-card drop can freeze the screen.

`ContentStore.reload()` parses Markdown and YAML in pure Python: seconds for thousands of cards.
Run on the GUI thread it kept touches unanswered that long; here it runs on one worker thread
at a time, and the finished ContentState (immutable: frozen dataclasses and tuples) comes back to
the GUI thread through a queued signal. The GUI thread never waits for the worker: a request
made while a reload runs is remembered and served by one more reload when it ends, so the
last change is always read. CPython switches threads every few milliseconds (sys.getswitchinterval),
which keeps the GUI thread's turns short while the worker parses.

Start-up's first read runs there too (`read_first`): content on a network share that stops answering
blocks the read in the kernel, and the screen must come up all the same, after a deadline.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from kiosk.core.store import ContentState, ContentStore

log = logging.getLogger(__name__)


class ContentLoader(QObject):
    """`request()` starts a reload in the background; `loaded` brings its result to this object's thread."""

    loaded = Signal(object)  # the ContentState of the reload that just finished
    _finished = Signal(object)  # emitted on the worker thread; queued to this object's thread

    def __init__(self, store: ContentStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._worker: threading.Thread | None = None
        self._again = False
        self._lock = threading.Lock()
        self._first: _Handoff | None = None  # start-up still waiting for the first read
        self._late_since: float | None = None  # when start-up began waiting for a first read that came late
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def request(self, *, after_ms: int = 0) -> None:
        """Reload soon (`after_ms` from now), off this thread. Never blocks."""
        if after_ms > 0:
            QTimer.singleShot(after_ms, self, self.request)
            return
        if self._worker is not None:
            self._again = True
            return
        self._start(first_only=False)

    def read_first(self, deadline: float | None) -> ContentState | None:
        """Start-up's read of the first language, on the worker: its result when it is back by `deadline`
        (time.monotonic(); None: however long it takes), else None, and `loaded` brings it whenever the
        content folder answers. Waits on this thread, so only before the window is up."""
        handoff = self._first = _Handoff()
        started = time.monotonic()
        self._start(first_only=True)
        handoff.done.wait(None if deadline is None else max(0.0, deadline - time.monotonic()))
        with self._lock:
            self._first = None
            if handoff.state is None:
                self._late_since = started
                log.warning("content folder %s did not answer within %.0f s; showing the welcome screen without content until it "
                            "does (is it on a network share that stopped answering?)", self._store.root.absolute(), time.monotonic() - started)
            return handoff.state

    def _start(self, *, first_only: bool) -> None:
        self._again = False
        self._worker = threading.Thread(target=self._run, args=(first_only,), name="content-loader", daemon=True)
        self._worker.start()

    def is_busy(self) -> bool:
        """True from `request()` until its `loaded` has been emitted (and any follow-up reload too)."""
        return self._worker is not None

    def _run(self, first_only: bool) -> None:
        state: ContentState | None = None
        try:
            state = self._store.reload(first_only=first_only)
        except Exception:  # a bug must not end reloading for the months the kiosk runs
            log.exception("reading the content failed; the kiosk keeps what it shows")
        with self._lock:
            if self._first is not None and state is not None:  # start-up is still waiting: it takes it
                self._first.state, state = state, None
                self._first.done.set()
        try:
            self._finished.emit(state)
        except RuntimeError:
            pass  # the loader was deleted while the worker ran (the kiosk is closing)

    @Slot(object)
    def _on_finished(self, state: ContentState | None) -> None:
        if self._worker is not None:
            self._worker.join()
        self._worker = None
        if self._again:
            self.request()
        if state is not None and self._late_since is not None:
            log.info("content folder %s answered after %.1f s; showing its content", self._store.root.absolute(), time.monotonic() - self._late_since)
            self._late_since = None
        if state is not None:
            self.loaded.emit(state)


class _Handoff:
    """The first read's result, handed straight to start-up when it comes back in time."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.state: ContentState | None = None
