"""Parsed cards kept by file identity, so saving one card re-parses that card, not the whole deck.

A card's result depends on its file, on the pictures it names and on the fonts in content/fonts/
(which characters it may use), so an entry is reused while the file's (size, mtime_ns, inode) is
unchanged and no picture or font anywhere under content/ was added, removed or changed (then
everything is parsed again: pictures and fonts change rarely, cards often).
File times are coarse (a few ms on ext4, 2 s on FAT), so a file written again within that tick can
keep its size and time: as git does with "racily clean" files, an entry read less than
`RACY_NS` after its file's time keeps the bytes it came from, and its next use compares them
with the file (a read, not a parse) before trusting it.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.cards import MAX_CARD_BYTES, CardResult, load_card, parse_card_bytes
from kiosk.core.content_fonts import FONT_SUFFIXES
from kiosk.core.files import FileUnreadable, read_regular
from kiosk.core.markdown import IMAGE_SUFFIXES
from kiosk.core.tuning import RACY_NS

_WATCHED_SUFFIXES = frozenset(IMAGE_SUFFIXES) | frozenset(FONT_SUFFIXES)
Signature = tuple[int, int, int]


@dataclass(frozen=True)
class _Entry:
    signature: Signature
    result: CardResult
    raw: bytes | None  # kept only while the file's time is too recent to trust


class CardCache:
    """Not thread-safe: one reload at a time uses it (the store holds a lock)."""

    def __init__(self, clock_ns: Callable[[], int] = time.time_ns) -> None:
        self._clock_ns = clock_ns
        self._entries: dict[Path, _Entry] = {}
        self._pictures: frozenset[tuple[str, int, int]] | None = None
        self._seen: set[Path] = set()
        self.parsed = 0  # files parsed so far: what tests and benchmarks count

    def begin(self, content_root: Path) -> None:
        """Start one reload: forget everything if any picture or font changed since the last one."""
        pictures = _pictures(content_root)
        if pictures != self._pictures:
            self._entries.clear()
            self._pictures = pictures
        self._seen = set()

    def end(self) -> None:
        """Finish a reload: drop the entries of files that are gone."""
        for path in self._entries.keys() - self._seen:
            del self._entries[path]

    def load(self, path: Path, content_root: Path) -> CardResult:
        self._seen.add(path)
        try:
            info = os.stat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            self._entries.pop(path, None)
            return load_card(path, content_root)  # says why it cannot be read
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        entry = self._entries.get(path)
        raw: bytes | None = None
        if entry is not None and entry.signature == signature:
            if entry.raw is None:
                return entry.result
            try:
                raw = read_regular(path, MAX_CARD_BYTES)
            except FileUnreadable:
                return load_card(path, content_root)
            if raw == entry.raw:
                self._store(path, signature, entry.result, raw, info.st_mtime_ns)
                return entry.result
        if raw is None:
            try:
                raw = read_regular(path, MAX_CARD_BYTES)
            except FileUnreadable:
                self._entries.pop(path, None)
                return load_card(path, content_root)
        result = parse_card_bytes(path, raw, content_root)
        self.parsed += 1
        self._store(path, signature, result, raw, info.st_mtime_ns)
        return result

    def _store(self, path: Path, signature: Signature, result: CardResult, raw: bytes, mtime_ns: int) -> None:
        racy = self._clock_ns() - mtime_ns < RACY_NS
        self._entries[path] = _Entry(signature, result, raw if racy else None)


def _pictures(content_root: Path) -> frozenset[tuple[str, int, int]]:
    """(path, size, mtime_ns) of every picture and font under content/ (hidden folders left out, links not followed)."""
    found: set[tuple[str, int, int]] = set()
    for folder, folders, files in os.walk(content_root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if os.path.splitext(name)[1].lower() in _WATCHED_SUFFIXES:
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                found.add((path, info.st_size, info.st_mtime_ns))
    return frozenset(found)
