"""What the content watcher watches: the folders under content/ and the content files in them, as on disk now.

Shared by both watchers (kiosk/runtime/watcher.py): each re-arms its watches from this after every burst of
changes. It stats and lists folders, so it must never run on the screen thread: a content folder on a
network share that stops answering blocks these calls in the kernel until the share answers.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.cards import is_markdown_file
from kiosk.core.config import CONFIG_NAME
from kiosk.core.content_fonts import FONT_SUFFIXES
from kiosk.core.content_files import AUDIO_SUFFIXES, IMAGE_SUFFIXES

# (st_dev, st_ino): tells a file that was replaced under the same name from the one that was watched.
Identity = tuple[int, int]


@dataclass
class Scan:
    """Paths to watch with the identity each has now; `folders` are those among them that are folders."""

    found: dict[str, Identity] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)


def folder_identity(path: str) -> Identity | None:
    """The folder's identity, or None when it is missing, unreadable or not a folder."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None


def scan(root: str, parent: str | None, *, qt_names_only: bool = False) -> Scan:
    """The root's parent, every folder under the root (hidden ones left out) and every card, picture,
    topic.toml and kiosk.toml in them. `qt_names_only`: leave out names Qt cannot watch."""
    result = Scan()
    if parent is not None:
        try:
            info = os.stat(parent)
            result.found[parent] = (info.st_dev, info.st_ino)
        except OSError:
            pass
    seen_folders: set[Identity] = set()  # a symlink loop would otherwise never end
    folders = [root]
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
        result.found[folder] = identity
        result.folders.add(folder)
        at_root = folder == root
        for entry in entries:
            try:
                if entry.name.startswith(".") or (qt_names_only and not _qt_can_name(entry.path)):
                    continue
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.is_file() and _is_content_file(entry.name, at_root):
                    # The inode from the folder listing costs no stat() (2,000 cards: ~40 ms less);
                    # a link is stat()ed, so the file it points to is the one told apart.
                    if entry.is_symlink():
                        info = entry.stat()
                        result.found[entry.path] = (info.st_dev, info.st_ino)
                    else:
                        result.found[entry.path] = (identity[0], entry.inode())
            except OSError:
                continue
    return result


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
