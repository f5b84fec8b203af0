"""Tells the running kiosk when staff changed anything in `content/`, so edits show without a restart.

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
import stat
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.core.config import CONFIG_NAME
from kiosk.core.cards import is_markdown_file
from kiosk.core.content_fonts import FONT_SUFFIXES
from kiosk.core.content_files import AUDIO_SUFFIXES, IMAGE_SUFFIXES
from kiosk.core.tuning import DEFAULT_TIMING, WATCH_BATCH

# (st_dev, st_ino): tells a file that was replaced under the same name from the one that was watched.
Identity = tuple[int, int]


class ContentWatcher(QObject):
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

    def start(self) -> None:
        """Start watching. Call it before reading the content, so no edit falls between the read and the watch."""
        self._running = True
        with suppress(OSError):
            self._rearm()
        if self._root_identity() is None:
            self._rescan.start()

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
        try:
            info = os.stat(self._root)
        except OSError:
            return None
        return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None

    def _scan(self) -> dict[str, Identity]:
        """The root's parent, every folder under the root (hidden ones left out) and every card, picture,
        topic.toml and kiosk.toml in them."""
        found: dict[str, Identity] = {}
        self._folders = set()
        if self._parent is not None:
            try:
                info = os.stat(self._parent)
                found[self._parent] = (info.st_dev, info.st_ino)
            except OSError:
                pass
        seen_folders: set[Identity] = set()  # a symlink loop would otherwise never end
        folders = [self._root]
        while folders:
            folder = folders.pop()
            try:
                info = os.stat(folder)
                entries = list(os.scandir(folder))
            except OSError:
                continue
            identity = (info.st_dev, info.st_ino)
            if identity in seen_folders:
                continue
            seen_folders.add(identity)
            found[folder] = identity
            self._folders.add(folder)
            at_root = folder == self._root
            for entry in entries:
                try:
                    if entry.name.startswith(".") or not _qt_can_name(entry.path):
                        continue
                    if entry.is_dir():
                        folders.append(entry.path)
                    elif entry.is_file() and _is_content_file(entry.name, at_root):
                        # The inode from the folder listing costs no stat() (2,000 cards: ~40 ms less);
                        # a link is stat()ed, so the file it points to is the one told apart.
                        if entry.is_symlink():
                            info = entry.stat()
                            found[entry.path] = (info.st_dev, info.st_ino)
                        else:
                            found[entry.path] = (identity[0], entry.inode())
                except OSError:
                    continue
        return found


def _is_content_file(name: str, at_root: bool) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    if at_root:
        return name == CONFIG_NAME or suffix in IMAGE_SUFFIXES
    # Copies sync tools leave are watched too: they are not cards, but the staff panel lists them.
    # .toml: topic.toml, and Listen's pronunciation lists in speech/; recordings: a card names them.
    return (is_markdown_file(Path(name)) or suffix in IMAGE_SUFFIXES or suffix in FONT_SUFFIXES or suffix in AUDIO_SUFFIXES
            or suffix == ".toml")


def _qt_can_name(path: str) -> bool:
    """A name that is not valid UTF-8 reaches Qt with bytes dropped, so it cannot be watched; its folder's watch still sees it come and go."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
