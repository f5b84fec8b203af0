"""Tells the running kiosk when staff changed anything in `content/`, so edits show without a restart.

Clinics put content/ on a network share or a sync folder. When the share stops answering, every stat,
folder listing and watch added on it blocks in the kernel until it answers again, and nothing can
interrupt the thread that asked. So on Linux the watching runs on a thread of its own: it stats and
lists the folders, adds the inotify watches (through ctypes, which lets go of Python's lock while the
kernel waits; Qt's QFileSystemWatcher.addPaths keeps it and froze the screen) and reads the events.
The screen thread only receives `changed`. A share that stops answering holds that thread, nothing
else; when it answers, the thread carries on and the kiosk reloads. Other systems use
kiosk/runtime/watcher_qt.py (`content_watcher()` picks).

Watching is not simply "the folder": an editor that saves by writing a temporary file and renaming it
over the card leaves the old file's watch behind, and a folder moved away takes its watches along. So
after every burst of events the watches are re-armed from what is on disk now (kiosk/runtime/watch_scan.py),
and the folder holding content/ is watched for content/ itself being moved, replaced or re-linked.
A burst of writes (an editor save, a folder copy) becomes one `changed`, and nothing runs while
nothing changes: the kiosk stays up for months and must stay idle.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from kiosk.core.tuning import DEFAULT_TIMING
from kiosk.runtime.watch_scan import Identity, folder_identity, scan
from kiosk.runtime.watcher_qt import QtContentWatcher

log = logging.getLogger(__name__)
START_WAIT_MS = 5000  # how long start() waits for the first watches (a local folder: milliseconds)
STOP_WAIT_S = 1.0  # how long stop() waits for the thread; one held by a dead share is left to end when it answers

# inotify(7): a folder's entries coming and going, a file's bytes or attributes changing, either moved or deleted.
_ATTRIB, _MODIFY, _MOVED_FROM, _MOVED_TO, _CREATE, _DELETE, _DELETE_SELF, _MOVE_SELF = 0x4, 0x2, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800
_Q_OVERFLOW, _IGNORED = 0x4000, 0x8000
FOLDER_EVENTS = _ATTRIB | _MOVED_FROM | _MOVED_TO | _CREATE | _DELETE | _DELETE_SELF | _MOVE_SELF
FILE_EVENTS = _ATTRIB | _MODIFY | _MOVE_SELF | _DELETE_SELF


class ContentWatcher(QObject):
    """Tells the kiosk when anything under content/ changed, once per burst of writes (Linux)."""

    changed = Signal()  # emitted once, debounce_ms after the last file-system event of a burst
    _settled = Signal(object)  # emitted on the watching thread (with itself); queued to this object's thread

    def __init__(self, root: Path, *, debounce_ms: int = DEFAULT_TIMING.debounce_ms, rescan_ms: int = DEFAULT_TIMING.rescan_ms,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Path(root).absolute()
        self._debounce_s, self._rescan_s = debounce_ms / 1000, rescan_ms / 1000
        self._watching: _Watching | None = None
        self._settled.connect(self._on_settled, Qt.ConnectionType.QueuedConnection)

    def start(self, wait_ms: int = START_WAIT_MS) -> bool:
        """Start watching, and wait up to `wait_ms` for the watches to be in place: call it before reading
        the content, so no edit falls between the read and the watch. False when the content folder did
        not answer in time; then `changed` follows once the watches are in place."""
        if self._watching is not None:
            return True
        self._watching = watching = _Watching(os.fspath(self.root), self._debounce_s, self._rescan_s, self._emit)
        return watching.begin(wait_ms / 1000)

    def stop(self) -> None:
        watching, self._watching = self._watching, None
        if watching is not None:
            watching.end(STOP_WAIT_S)

    def watched_paths(self) -> list[str]:
        return self._watching.watched() if self._watching is not None else []

    def running_timers(self) -> list[str]:
        """The waits running now, by name ("debounce", "rescan"): none while nothing changes."""
        return self._watching.timers() if self._watching is not None else []

    def _emit(self, watching: _Watching) -> None:
        try:
            self._settled.emit(watching)
        except RuntimeError:
            pass  # the watcher was deleted while its thread ran (the kiosk is closing)

    @Slot(object)
    def _on_settled(self, watching: _Watching) -> None:
        if watching is self._watching:  # not one stopped since
            self.changed.emit()


class _Watching:
    """One run of the watching thread: its inotify descriptor, its watches, its debounce and rescan."""

    def __init__(self, root: str, debounce_s: float, rescan_s: float, on_changed: Callable[[_Watching], None]) -> None:
        from inotify_simple import INotify  # Linux only

        self.root, self.name = root, os.path.basename(root)
        self.parent = os.path.dirname(root) if os.path.dirname(root) != root else None
        self._debounce_s, self._rescan_s, self._on_changed = debounce_s, rescan_s, on_changed
        self._inotify: Any = INotify()  # inotify_init1 names no path: it never waits on a share
        self._wake_r, self._wake_w = os.pipe()
        self._watches: dict[str, tuple[int, Identity]] = {}  # path -> (watch descriptor, identity when added)
        self._paths: dict[int, set[str]] = {}  # watch descriptor -> its paths (one inode reached by two names: one descriptor)
        self._snapshot: tuple[str, ...] = ()  # what watched() says, replaced whole (read from the screen thread)
        self._timers: tuple[str, ...] = ()
        self._armed = threading.Event()
        self._lock = threading.Lock()
        self._late = False
        self._stopping = False
        self._full_warned = False
        self._thread = threading.Thread(target=self._run, name="content-watcher", daemon=True)

    def begin(self, wait_s: float) -> bool:
        self._thread.start()
        if self._armed.wait(wait_s):
            return True
        with self._lock:
            self._late = not self._armed.is_set()
            return not self._late

    def end(self, wait_s: float) -> None:
        self._stopping = True
        with suppress(OSError):
            os.write(self._wake_w, b"\0")
        os.close(self._wake_w)
        self._thread.join(wait_s)
        if self._thread.is_alive():
            log.info("the content watcher is still waiting for the content folder %s to answer; it ends when it does", self.root)

    def watched(self) -> list[str]:
        return list(self._snapshot)

    def timers(self) -> list[str]:
        return list(self._timers)

    def _run(self) -> None:
        try:
            self._watch()
        except Exception:  # a bug must not take the kiosk down; edits then show on SIGHUP or a restart
            log.exception("the content watcher stopped; edits in %s show after a reload or a restart", self.root)
        finally:
            self._inotify.close()
            os.close(self._wake_r)

    def _watch(self) -> None:
        self._rearm()
        settle_at: float | None = None
        rescan_at = None if folder_identity(self.root) else time.monotonic() + self._rescan_s
        self._set_timers(settle_at, rescan_at)
        with self._lock:
            self._armed.set()
            late = self._late
        if late:  # start() stopped waiting: the content may have been read before these watches were in place
            self._on_changed(self)
        while not self._stopping:
            waits = [at - time.monotonic() for at in (settle_at, rescan_at) if at is not None]
            readable, _, _ = select.select([self._inotify.fileno(), self._wake_r], [], [], max(0.0, min(waits)) if waits else None)
            if self._stopping:
                return
            if self._inotify.fileno() in readable and self._relevant(self._inotify.read(timeout=0)):
                settle_at = time.monotonic() + self._debounce_s
            settled = False
            if settle_at is not None and time.monotonic() >= settle_at:
                settle_at, settled = None, True
                self._rearm()
                rescan_at = None if folder_identity(self.root) else time.monotonic() + self._rescan_s
            elif rescan_at is not None and time.monotonic() >= rescan_at:
                rescan_at = time.monotonic() + self._rescan_s
                if folder_identity(self.root):
                    # A folder being copied back arrives file by file; the debounce turns that into one `changed`.
                    rescan_at = None
                    self._rearm()
                    settle_at = time.monotonic() + self._debounce_s
            self._set_timers(settle_at, rescan_at)
            if settled and not self._stopping:
                self._on_changed(self)

    def _set_timers(self, settle_at: float | None, rescan_at: float | None) -> None:
        self._timers = tuple(name for name, at in (("debounce", settle_at), ("rescan", rescan_at)) if at is not None)

    def _relevant(self, events: list[Any]) -> bool:
        relevant = False
        for event in events:
            if event.mask & _Q_OVERFLOW:
                relevant = True  # events were lost: look at everything again
            elif event.mask & _IGNORED:
                self._forget(event.wd)  # the watch is gone with its file or folder (or was removed by _unwatch)
            elif self._paths.get(event.wd) == {self.parent}:
                # The folder holding content/ tells about its every entry; only content/ itself matters.
                relevant |= event.name == self.name or bool(event.mask & (_DELETE_SELF | _MOVE_SELF))
            else:
                relevant = True
        return relevant

    def _rearm(self) -> None:
        """Make the watches exactly the folders and content files on disk now."""
        found = scan(self.root, self.parent)
        # Watched under a name that now means another file or folder (moved away, replaced) or no longer exists.
        for path in [path for path, (_, identity) in self._watches.items() if found.found.get(path) != identity]:
            self._unwatch(path)
        # Folders first, so what arrives while the files' watches are added is still seen.
        for path in sorted(found.found, key=lambda path: path not in found.folders and path != self.parent):
            if self._stopping:
                break
            if path not in self._watches:
                self._add(path, found.found[path], FOLDER_EVENTS if path in found.folders or path == self.parent else FILE_EVENTS)
        self._snapshot = tuple(sorted(self._watches))

    def _add(self, path: str, identity: Identity, mask: int) -> None:
        try:
            wd = self._inotify.add_watch(path, mask)
        except OSError as exc:  # gone since the scan (its folder's event re-arms again), or no watches left
            if exc.errno == errno.ENOSPC and not self._full_warned:
                self._full_warned = True
                log.warning("cannot watch %s: the system's inotify watches are used up (raise fs.inotify.max_user_watches); "
                            "edits there show after a reload", path)
            return
        self._watches[path] = (wd, identity)
        self._paths.setdefault(wd, set()).add(path)

    def _unwatch(self, path: str) -> None:
        wd, _ = self._watches.pop(path)
        paths = self._paths.get(wd, set())
        paths.discard(path)
        if not paths:
            self._paths.pop(wd, None)
            with suppress(OSError):  # already gone with its file
                self._inotify.rm_watch(wd)

    def _forget(self, wd: int) -> None:
        for path in self._paths.pop(wd, set()):
            self._watches.pop(path, None)


Watcher = ContentWatcher | QtContentWatcher


def content_watcher(root: Path, *, debounce_ms: int, rescan_ms: int = DEFAULT_TIMING.rescan_ms,
                    parent: QObject | None = None) -> Watcher:
    """Linux's watcher, which keeps the content folder's waits off the screen thread; elsewhere Qt's."""
    kind = ContentWatcher if sys.platform.startswith("linux") else QtContentWatcher
    return kind(root, debounce_ms=debounce_ms, rescan_ms=rescan_ms, parent=parent)
