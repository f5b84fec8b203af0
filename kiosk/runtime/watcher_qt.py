"""The content watcher of Windows and macOS: QFileSystemWatcher on the screen thread (Linux: kiosk/runtime/watcher.py).

It tells the running kiosk when staff changed anything in `content/`, so edits show without a restart.
Its stat, folder listing and QFileSystemWatcher.addPaths run on the screen thread, so a content folder
on a share that stops answering freezes the screen here (addPaths keeps Python's lock while it waits,
so a worker thread would not help); Linux's watcher does that work on a thread of its own.

QFileSystemWatcher alone is not enough: it silently stops watching a file that an editor saves by
writing a temporary file and renaming it over the original, and a folder that is deleted, even when
the same name comes back. A watched folder that is moved away takes its watches along, still
reporting under the old names, and says nothing about its own move. So after every event the watches
are re-armed from what is on disk now, and the folder holding content/ is watched too.
A burst of writes (an editor save, a folder copy) becomes one `changed` signal, and nothing runs
while nothing changes: the kiosk stays up for months and must stay idle.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.core.tuning import DEFAULT_TIMING, WATCH_BATCH
from kiosk.runtime.watch_scan import Identity, folder_identity, scan


class QtContentWatcher(QObject):
    """Tells the kiosk when anything under content/ changed, once per burst of writes."""

    changed = Signal()  # emitted once, debounce_ms after the last file-system event of a burst

    def __init__(self, root: Path, *, debounce_ms: int = DEFAULT_TIMING.debounce_ms, rescan_ms: int = DEFAULT_TIMING.rescan_ms,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Path(root).absolute()
        self._root = os.fspath(self.root)
        # Watched only for the content folder being moved, replaced or re-linked: its own watch never tells.
        self._parent = os.fspath(self.root.parent) if self.root.parent != self.root else None
        self._running = False
        self._identities: dict[str, Identity] = {}
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_event)
        self._watcher.directoryChanged.connect(self._on_event)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.setObjectName("debounce")
        self._debounce.timeout.connect(self._on_settled)
        # Runs only while the content folder is missing; a deleted folder cannot be watched for coming back.
        self._rescan = QTimer(self, interval=rescan_ms)
        self._rescan.setObjectName("rescan")
        self._rescan.timeout.connect(self._on_rescan)
        self._folders: set[str] = set()
        self._wanted: dict[str, Identity] = {}
        self._pending: list[str] = []
        self._add_timer = QTimer(self, singleShot=True, interval=0)
        self._add_timer.setObjectName("add")
        self._add_timer.timeout.connect(self._add_pending)

    def start(self, wait_ms: int = 0) -> bool:
        """Start watching. Call it before reading the content, so no edit falls between the read and the watch.
        Always armed on return (`wait_ms` is for Linux's watcher, which arms on its own thread)."""
        self._running = True
        with suppress(OSError):
            self._rearm()
        if self._root_identity() is None:
            self._rescan.start()
        return True

    def stop(self) -> None:
        self._running = False
        self._debounce.stop()
        self._rescan.stop()
        self._add_timer.stop()
        self._pending = []
        if watched := self.watched_paths():
            self._watcher.removePaths(watched)
        self._identities.clear()

    def watched_paths(self) -> list[str]:
        return sorted(self._watcher.files() + self._watcher.directories())

    def running_timers(self) -> list[str]:
        """The timers running now, by name ("debounce", "rescan", "add"): none while nothing changes."""
        return sorted(timer.objectName() for timer in self.findChildren(QTimer) if timer.isActive())

    @Slot(str)
    def _on_event(self, path: str) -> None:
        if not self._running:
            return
        if path == self._parent and self._root_identity() == self._identities.get(self._root):
            return  # something next to the content folder changed, not the folder itself
        # Re-armed once the burst settles, not on every event: a folder of 2,000 cards copied in
        # would otherwise be scanned again for each of its files, on the GUI thread.
        self._debounce.start()

    @Slot()
    def _on_settled(self) -> None:
        if not self._running:
            return
        with suppress(OSError):
            self._rearm()
        if self._root_identity() is None:
            self._rescan.start()
        else:
            self._rescan.stop()
        self.changed.emit()

    @Slot()
    def _on_rescan(self) -> None:
        if not self._running or self._root_identity() is None:
            return
        self._rescan.stop()
        with suppress(OSError):
            self._rearm()
        # A folder being copied back arrives file by file; the debounce turns that into one `changed`.
        self._debounce.start()

    def _rearm(self) -> None:
        """Make the watched paths exactly the folders and content files on disk now."""
        wanted = self._scan()
        watched = set(self.watched_paths())
        # Watched under a name that now means another file or folder (moved away, replaced) or no longer exists.
        stale = [path for path in watched if self._identities.get(path) != wanted.get(path)]
        if stale:
            self._watcher.removePaths(stale)
        missing = [path for path in wanted if path not in watched or path in stale]
        self._identities = {path: wanted[path] for path in self.watched_paths() if path in wanted}
        # Folders first, so what arrives while the files' watches are added is still seen; the files
        # a few hundred at a time between events (2,000 at once held the GUI thread ~50 ms).
        missing.sort(key=lambda path: path not in self._folders)
        self._wanted, self._pending = wanted, missing
        self._add_pending()

    def _add_pending(self) -> None:
        batch, self._pending = self._pending[:WATCH_BATCH], self._pending[WATCH_BATCH:]
        if batch:
            # Paths that vanished since the scan come back unwatched; their folder's event re-arms again.
            failed = set(self._watcher.addPaths(batch))
            self._identities.update((path, self._wanted[path]) for path in batch if path not in failed)
        if self._pending:
            self._add_timer.start()

    def _root_identity(self) -> Identity | None:
        return folder_identity(self._root)

    def _scan(self) -> dict[str, Identity]:
        found = scan(self._root, self._parent, qt_names_only=True)
        self._folders = found.folders
        return found.found
